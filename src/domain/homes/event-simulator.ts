import { type Rng, createRng, deriveSeed } from '../random';
import {
  awning,
  blinds,
  ceilingFan,
  coffeeMaker,
  exhaustFan,
  genericBinary,
  heater,
  irrigation,
  leak,
  plug,
  poolPump,
  smoke,
  speaker,
  tv,
  vacuum,
  windowSensor,
} from './appliance-behaviours';
import {
  battery,
  energy,
  genericSensor,
  humidity,
  hvacSwitch,
  outdoorTemperatureSensor,
  power,
  soilMoisture,
  temperature,
  thermostat,
} from './climate-behaviours';
import { deviceRole } from './device-roles';
import { EventBuffer, type HomeEvents, StateTable } from './event-buffer';
import { buildHomeLayout } from './home-layout';
import type { HomeContent } from './home-schema';
import { type Intervals, intersect, normalize } from './intervals';
import { addDays, createZoneClock, dayOfYear, parseCivilDate, sunTimes, weekdayIndex } from './local-time';
import { DAY_END, DAY_START, combineHousehold, isAwayAllDay, planOccupantDay } from './occupancy';
import {
  alarm,
  ambientLight,
  backDoor,
  button,
  frontDoor,
  garageDoor,
  garageEntryDoor,
  indoorCamera,
  lock,
  motion,
  outdoorCamera,
  outdoorLight,
  outdoorMotion,
  pathLight,
  roomLight,
  scene,
} from './presence-behaviours';
import { emptyVisits, occupancyByArea, planVisits } from './room-visits';
import { DayEmitter, type HomeSim, type HomeTraits, type SimDay, type SimDevice, poisson } from './simulation-context';
import { type HvacMode, nextHvacMode, nextOutdoorDay } from './weather';

export type { HomeEvents } from './event-buffer';

/** What the simulator needs of a home (template or LLM): its rooms, devices, household and id. */
export type SimulatedHome = Pick<HomeContent, 'occupants' | 'areas' | 'devices'> & { id: string };

/** Options of simulateHomeEvents. */
export interface SimulationOptions {
  /** First local day, "YYYY-MM-DD". */
  startDate: string;
  /** Number of days, default 90. */
  days?: number;
  /** IANA time zone of the home, e.g. "Europe/Berlin"; daily rhythm is local, timestamps are UTC. */
  timeZone: string;
  /** Run seed; the home's stream is deriveSeed(seed, home.id). */
  seed: number;
  /** Latitude for day length and season, default 45 (north); negative is southern hemisphere. */
  latitude?: number;
}

function drawTraits(rng: Rng): HomeTraits {
  const heatComfortF = rng.int(67, 71);
  const coolComfortF = rng.int(72, 76);
  return {
    heatComfortF,
    heatEcoF: heatComfortF - rng.int(4, 7),
    coolComfortF,
    coolEcoF: coolComfortF + rng.int(4, 6),
    ambientEvenings: rng.uniform(0.55, 0.95),
    vacuumPerWeek: rng.uniform(2, 6),
    alarmDiscipline: rng.uniform(0.6, 1),
    outdoorTimer: rng.chance(0.5),
    blindsTimer: rng.chance(0.3),
    baseLoadW: rng.uniform(90, 260),
  };
}

/** Thermostat comfort periods: while anyone is up at home, pre-heating before waking and returning. */
function comfortPeriods(day: SimDay): Intervals {
  const raw: number[] = [];
  for (const o of day.household.occupants) {
    for (let i = 0; i < o.active.length; i += 2) {
      const s = o.active[i] ?? 0;
      const lead = s === o.wake && o.wakesHome ? 30 : o.returns.includes(s) ? 15 : 0;
      raw.push(Math.max(DAY_START + 2, s - lead), o.active[i + 1] ?? 0);
    }
  }
  return normalize(raw);
}

/** Cleaning runs: in an empty stretch of the day when there is one, else at a set morning hour. */
function planVacuumRuns(day: SimDay, traits: HomeTraits, areaCount: number, rng: Rng): Intervals {
  if (!rng.chance(traits.vacuumPerWeek / 7)) return [];
  const length = Math.min(110, 30 + areaCount * 4) * rng.uniform(0.8, 1.2);
  const daytime = intersect(day.household.empty, [510, 1080]);
  for (let i = 0; i < daytime.length; i += 2) {
    const s = daytime[i] ?? 0;
    if ((daytime[i + 1] ?? 0) - s >= 70) {
      const start = s + rng.uniform(5, 20);
      return [start, start + length];
    }
  }
  if (!rng.chance(0.45)) return [];
  const start = 630 + rng.uniform(-20, 20);
  return [start, start + length];
}

function dailyTimes(rng: Rng, mean: number, from: number, to: number): number[] {
  const n = poisson(rng, mean);
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(rng.uniform(from, to));
  return out.sort((a, b) => a - b);
}

/** Position of each vacuum and each garage door among its kind, so several share the work. */
interface Ranks {
  rank: Map<number, number>;
  vacuums: number;
  garageDoors: number;
}

function runDevice(dev: SimDevice, day: SimDay, sim: HomeSim, home: SimulatedHome, ranks: Ranks): void {
  const device = home.devices[dev.index];
  const areaName = home.areas[dev.area]?.name ?? '';
  const name = device?.name ?? '';
  switch (dev.role) {
    case 'room_light':
      return roomLight(dev, day, sim);
    case 'ambient_light':
      return ambientLight(dev, day, sim);
    case 'outdoor_light':
      return outdoorLight(dev, day, sim);
    case 'path_light':
      return pathLight(dev, day, sim);
    case 'motion':
      return motion(dev, day, sim);
    case 'outdoor_motion':
      return outdoorMotion(dev, day, sim, areaName);
    case 'front_door':
      return frontDoor(dev, day, sim);
    case 'garage_entry_door':
      return garageEntryDoor(dev, day, sim);
    case 'back_door':
      return backDoor(dev, day, sim);
    case 'window':
      return windowSensor(dev, day, sim);
    case 'smoke':
      return smoke(dev, day, sim);
    case 'leak':
      return leak(dev, day, sim);
    case 'generic_binary':
      return genericBinary(dev, day, sim);
    case 'front_lock':
      return lock(dev, day, sim, false);
    case 'garage_lock':
      return lock(dev, day, sim, true);
    case 'garage_door':
      return garageDoor(dev, day, sim, ranks.rank.get(dev.index) ?? 0, Math.max(1, ranks.garageDoors));
    case 'blinds':
      return blinds(dev, day, sim);
    case 'awning':
      return awning(dev, day, sim);
    case 'tv':
      return tv(dev, day, sim);
    case 'speaker':
      return speaker(dev, day, sim);
    case 'vacuum':
      return vacuum(dev, day, sim, ranks.rank.get(dev.index) ?? 0);
    case 'thermostat':
      return thermostat(dev, day, sim);
    case 'hvac_switch':
      return hvacSwitch(dev, day, sim);
    case 'heater':
      return heater(dev, day, sim, /fireplace|stove/i.test(name));
    case 'plug':
      return plug(dev, day, sim);
    case 'coffee_maker':
      return coffeeMaker(dev, day, sim);
    case 'irrigation':
      return irrigation(dev, day, sim);
    case 'pool_pump':
      return poolPump(dev, day, sim);
    case 'ceiling_fan':
      return ceilingFan(dev, day, sim);
    case 'exhaust_fan':
      return exhaustFan(dev, day, sim);
    case 'temperature':
      return temperature(dev, day, sim);
    case 'outdoor_temperature':
      return outdoorTemperatureSensor(dev, day, sim);
    case 'humidity':
      return humidity(dev, day, sim);
    case 'battery':
      return battery(dev, day, sim);
    case 'power':
      return power(dev, day, sim);
    case 'energy':
      return energy(dev, day, sim);
    case 'soil_moisture':
      return soilMoisture(dev, day, sim);
    case 'generic_sensor':
      return genericSensor(dev, day, sim);
    case 'indoor_camera':
      return indoorCamera(dev, day, sim);
    case 'outdoor_camera':
      return outdoorCamera(dev, day, sim, areaName, name);
    case 'alarm':
      return alarm(dev, day, sim);
    case 'scene_morning':
    case 'scene_movie':
    case 'scene_night':
    case 'scene_away':
    case 'scene_other':
      return scene(dev, day, sim);
    case 'doorbell':
    case 'button':
      return button(dev, day, sim);
    default: {
      const never: never = dev.role;
      throw new Error(`no behaviour for role ${String(never)}`);
    }
  }
}

/**
 * Simulates `state_changed` events for one home over `days` local days: occupants follow their weekly
 * schedules (with daily jitter and ordinary irregularity), move between rooms, and every device reacts
 * as its kind does (see the behaviour modules). Same home, options and seed ⇒ identical events.
 */
export function simulateHomeEvents(home: SimulatedHome, options: SimulationOptions): HomeEvents {
  const days = options.days ?? 90;
  if (!Number.isInteger(days) || days < 1 || days > 3660)
    throw new Error(`days must be an integer in 1–3660, got ${days}`);
  if (home.devices.length > 65_535) throw new Error('a home may have at most 65535 devices');
  const latitude = options.latitude ?? 45;
  const start = parseCivilDate(options.startDate);
  const clock = createZoneClock(options.timeZone);
  const homeSeed = deriveSeed(options.seed, home.id);
  const homeRng = createRng(homeSeed);
  const householdRng = createRng(deriveSeed(homeSeed, 'household'));
  const weatherRng = createRng(deriveSeed(homeSeed, 'weather'));
  const dayRng = createRng(deriveSeed(homeSeed, 'day'));
  const traits = drawTraits(homeRng);
  const layout = buildHomeLayout(home);
  const areaIndex = new Map(home.areas.map((a, i) => [a.name, i]));

  const table = new StateTable();
  const buffer = new EventBuffer(Math.min(1 << 22, Math.max(1024, home.devices.length * days * 6)));
  const out = new DayEmitter(buffer, table, clock, home.devices.length);

  const devices: SimDevice[] = home.devices.map((d, index) => {
    const area = areaIndex.get(d.area) ?? layout.front;
    const kind = layout.kinds[area] ?? 'living';
    const rng = createRng(deriveSeed(homeSeed, 'device', d.entity_id));
    const habit = rng.next();
    const role = deviceRole(d, { kind, isFront: area === layout.front });
    const value =
      role === 'battery'
        ? rng.uniform(45, 100)
        : role === 'soil_moisture'
          ? rng.uniform(28, 45)
          : role === 'generic_sensor'
            ? rng.uniform(20, 80)
            : Number.NaN;
    return { index, role, area, kind, rng, habit, value, reported: Number.NaN };
  });
  const ranks: Ranks = { rank: new Map(), vacuums: 0, garageDoors: 0 };
  for (const d of devices) {
    if (d.role === 'vacuum') ranks.rank.set(d.index, ranks.vacuums++);
    if (d.role === 'garage_door') ranks.rank.set(d.index, ranks.garageDoors++);
  }
  const sim: HomeSim = {
    layout,
    traits,
    out,
    usesGarage: layout.garage >= 0 && devices.some((d) => d.area === layout.garage),
    hasGarageLock: devices.some((d) => d.role === 'garage_lock'),
    hasThermostat: devices.some((d) => d.role === 'thermostat'),
  };

  const year = start.year;
  const standardOffset = Math.min(clock.offsetMs(Date.UTC(year, 0, 1, 12)), clock.offsetMs(Date.UTC(year, 6, 1, 12)));
  const anomaly = { value: weatherRng.normal(0, 2) };
  let mode: HvacMode = 'off';
  const isAwayOn = (dayOffset: number, occupantIndex: number): boolean => {
    const date = addDays(start, dayOffset);
    const o = home.occupants[occupantIndex];
    if (o === undefined) return false;
    return isAwayAllDay(weekdayIndex(date) >= 5 ? o.weekend : o.weekday);
  };

  for (let d = 0; d < days; d++) {
    const date = addDays(start, d);
    const weekday = weekdayIndex(date);
    const weekend = weekday >= 5;
    const doy = dayOfYear(date);
    out.startDay(date);
    const noonUtc = clock.localToUtc(date, 720);
    const dst = (clock.offsetMs(noonUtc) - standardOffset) / 60_000;
    const sun = sunTimes(date, latitude, dst);
    const outdoor = nextOutdoorDay(doy, latitude, anomaly, weatherRng);
    // The first day starts in the season's mode instead of waiting for hysteresis to get there.
    mode = d === 0 ? nextHvacMode(nextHvacMode('off', outdoor.mean), outdoor.mean) : nextHvacMode(mode, outdoor.mean);

    const occupantDays = home.occupants.map((o, i) =>
      planOccupantDay(o, weekend, isAwayOn(d - 1, i), isAwayOn(d + 1, i), householdRng),
    );
    const household = combineHousehold(occupantDays);
    const visits = emptyVisits();
    const conditions = {
      weekend,
      sunrise: sun.sunrise,
      sunset: sun.sunset,
      outdoorMean: outdoor.mean,
      rain: outdoor.rain,
    };
    occupantDays.forEach((od, i) =>
      planVisits(od, layout.bedOf[i] ?? layout.front, layout, conditions, householdRng, visits),
    );

    const day: SimDay = {
      index: d,
      date,
      weekday,
      weekend,
      sunrise: sun.sunrise,
      sunset: sun.sunset,
      outdoor,
      mode,
      household,
      occupancy: occupancyByArea(visits, home.areas.length),
      comfort: [],
      vacuumRuns: [],
      visitors: dailyTimes(dayRng, weekend ? 0.6 : 0.4, weekend ? 660 : 600, weekend ? 1200 : 1080),
      passersby: dailyTimes(dayRng, 2.5, DAY_START, DAY_END),
      smokeTest:
        weekday === 5 && date.day <= 7 && household.anyoneActive.length > 0 ? 600 + dayRng.uniform(0, 90) : null,
    };
    day.comfort = comfortPeriods(day);
    day.vacuumRuns = ranks.vacuums > 0 ? planVacuumRuns(day, traits, home.areas.length, dayRng) : [];
    const blockStart = buffer.length;
    for (const dev of devices) runDevice(dev, day, sim, home, ranks);
    buffer.sortRange(blockStart, buffer.length);
  }
  return buffer.finish(table);
}
