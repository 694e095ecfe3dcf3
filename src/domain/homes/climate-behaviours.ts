import { contains } from './intervals';
import { DAY_END, DAY_START, activeCount } from './occupancy';
import { type HomeSim, type SimDay, type SimDevice, emitIntervals } from './simulation-context';
import { outdoorTemperature } from './weather';

/**
 * Thermostats, the HVAC switch and the numeric sensors. Climate states are the target setpoint in °F
 * as an integer string ("68"), as the original's climate states were numbers in 65–75, or "off" outside
 * the heating and cooling seasons; heating setpoints run about 60–72 and cooling ones 72–82, so the
 * season is visible in the value. Sensors report on change, as Home Assistant does.
 */

const fToC = (f: number): number => ((f - 32) * 5) / 9;

/** A thermostat zone's own offset in °F (a cooler bedroom zone, a warmer office). */
function zoneOffset(dev: SimDevice): number {
  return dev.habit < 0.2 ? -1 : dev.habit > 0.85 ? 1 : 0;
}

/** The setpoint in °F at minute `t`, or null when the HVAC is off for the season. */
export function setpointF(day: SimDay, sim: HomeSim, t: number, offset = 0): number | null {
  if (day.mode === 'off') return null;
  const comfort = contains(day.comfort, t);
  const tr = sim.traits;
  if (day.mode === 'heat') return (comfort ? tr.heatComfortF : tr.heatEcoF) + offset;
  return (comfort ? tr.coolComfortF : tr.coolEcoF) + offset;
}

/** Setpoint changes at the comfort periods' edges (and the odd manual nudge); "off" out of season. */
export function thermostat(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const out = sim.out;
  if (day.mode === 'off') {
    out.emit(dev.index, (day.household.firstWake ?? 480) + rng.uniform(5, 60), out.ids.off);
    return;
  }
  const offset = zoneOffset(dev);
  const first = setpointF(day, sim, DAY_START + 1, offset) ?? 0;
  out.emit(dev.index, DAY_START + 1, out.table.number(first, 0));
  const nudge = rng.chance(0.12) ? rng.uniform(1080, 1320) : -1;
  let nudged = false;
  for (let i = 0; i < day.comfort.length; i += 2) {
    const s = day.comfort[i] ?? 0;
    const e = day.comfort[i + 1] ?? 0;
    const comfort = setpointF(day, sim, s + 0.01, offset) ?? 0;
    out.emit(dev.index, s, out.table.number(comfort, 0));
    if (!nudged && nudge > s && nudge < e - 30) {
      // Someone feels chilly (or too warm) and nudges it a degree for a while.
      const delta = day.mode === 'heat' ? 1 : -1;
      out.emit(dev.index, nudge, out.table.number(comfort + delta, 0));
      out.emit(dev.index, Math.min(e - 1, nudge + rng.uniform(45, 150)), out.table.number(comfort, 0));
      nudged = true;
    }
    if (e < DAY_END - 1) out.emit(dev.index, e, out.table.number(setpointF(day, sim, e + 0.01, offset) ?? 0, 0));
  }
}

/** The heating or cooling plant cycling on and off: longer runs the further outside is from the setpoint. */
export function hvacSwitch(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  if (day.mode === 'off') {
    sim.out.emit(dev.index, DAY_START + 30, sim.out.ids.off);
    return;
  }
  const rng = dev.rng;
  const raw: number[] = [];
  let t = DAY_START + rng.uniform(0, 30);
  while (t < DAY_END - 20) {
    const period = rng.uniform(100, 160);
    const set = fToC(setpointF(day, sim, t) ?? 68);
    const gap =
      day.mode === 'heat' ? set - outdoorTemperature(day.outdoor, t) : outdoorTemperature(day.outdoor, t) - set;
    if (gap > 0) {
      const duty = Math.min(0.9, Math.max(0.1, gap / 22));
      const s = t + rng.uniform(0, 5);
      raw.push(s, s + duty * period);
    }
    t += period;
  }
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}

function reportNumber(
  dev: SimDevice,
  sim: HomeSim,
  t: number,
  value: number,
  threshold: number,
  decimals: number,
): void {
  if (!Number.isNaN(dev.reported) && Math.abs(value - dev.reported) < threshold) return;
  dev.reported = value;
  sim.out.emit(dev.index, t, sim.out.table.number(value, decimals));
}

const ZONE_C: Partial<Record<string, number>> = { basement: -2, bedroom: -0.5, bathroom: 0.4, storage: -1, garage: -4 };

/** Indoor temperature, °C: relaxes towards the setpoint (or drifts with the outdoors off-season). */
export function temperature(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const zone = ZONE_C[dev.kind] ?? 0;
  for (let t = DAY_START + 15; t < DAY_END; t += 30) {
    const outside = outdoorTemperature(day.outdoor, t);
    let target: number;
    const set = setpointF(day, sim, t);
    if (set !== null && sim.hasThermostat) target = fToC(set) + (day.mode === 'heat' ? 0.3 : -0.2);
    else if (day.mode === 'heat') target = contains(day.household.anyoneActive, t) ? 20 : 17;
    else target = Math.min(30, Math.max(14, 20 + 0.4 * (outside - 16)));
    if (dev.kind === 'kitchen' && contains(day.occupancy[dev.area] ?? [], t)) target += 0.8;
    if (Number.isNaN(dev.value)) dev.value = target + zone;
    dev.value += (target + zone - dev.value) * 0.4 + rng.normal(0, 0.12);
    reportNumber(dev, sim, t + rng.uniform(-5, 5), Math.round(dev.value * 10) / 10, 0.3, 1);
  }
}

/** Outdoor temperature, °C, reported on changes of 0.5 °C. */
export function outdoorTemperatureSensor(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  for (let t = DAY_START + 10; t < DAY_END; t += 30) {
    const v = outdoorTemperature(day.outdoor, t) + rng.normal(0, 0.3);
    reportNumber(dev, sim, t + rng.uniform(-5, 5), Math.round(v * 10) / 10, 0.5, 1);
  }
}

/** Relative humidity, %: by season, with shower peaks in bathrooms and steam while cooking. */
export function humidity(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const base = day.mode === 'heat' ? 34 : day.outdoor.mean > 20 ? 56 : 46;
  const occupied = day.occupancy[dev.area] ?? [];
  const step = dev.kind === 'bathroom' ? 15 : 30;
  let showerEnd = Number.NEGATIVE_INFINITY;
  let k = 0;
  for (let t = DAY_START + 5; t < DAY_END; t += step) {
    while (k < occupied.length && (occupied[k] ?? 0) <= t) {
      if ((occupied[k + 1] ?? 0) - (occupied[k] ?? 0) >= 6) showerEnd = occupied[k + 1] ?? 0;
      k += 2;
    }
    let v = base + (day.outdoor.rain ? 6 : 0) + rng.normal(0, 1);
    if (dev.kind === 'bathroom' && t >= showerEnd - 10) v += 30 * Math.exp(-Math.max(0, t - showerEnd) / 25);
    if (dev.kind === 'kitchen' && contains(occupied, t) && t > 1020 && t < 1230) v += 8;
    reportNumber(dev, sim, t + rng.uniform(-3, 3), Math.min(99, Math.max(10, Math.round(v))), 3, 0);
  }
}

/** Battery level, %: drains a little each day (per device rate) and jumps to 100 when replaced. */
export function battery(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  if (dev.value < 10 && day.weekend && rng.chance(0.5)) dev.value = 100;
  else dev.value = Math.max(0, dev.value - (0.05 + 0.25 * dev.habit) * rng.uniform(0.7, 1.3));
  reportNumber(dev, sim, rng.uniform(480, 1320), Math.floor(dev.value), 1, 0);
}

function homePowerW(day: SimDay, sim: HomeSim, t: number): number {
  let p = sim.traits.baseLoadW + 90 * activeCount(day.household, t);
  const meal = (t > 1020 && t < 1200) || (t > 390 && t < 510);
  if (meal) {
    for (const k of sim.layout.byKind.get('kitchen') ?? []) if (contains(day.occupancy[k] ?? [], t)) p += 1400;
  }
  if (day.mode !== 'off' && sim.hasThermostat) {
    const set = fToC(setpointF(day, sim, t) ?? 20);
    const gap = Math.abs(set - outdoorTemperature(day.outdoor, t));
    p += 200 + 60 * Math.min(gap, 25);
  }
  return p;
}

/** Power, W: whole-home load, or the appliance on a laundry, garage or office circuit. */
export function power(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const occupied = day.occupancy[dev.area] ?? [];
  for (let t = DAY_START + 20; t < DAY_END; t += 30) {
    let p: number;
    if (dev.kind === 'laundry') p = 2 + (contains(occupied, t) || contains(occupied, t - 45) ? 480 : 0);
    else if (dev.kind === 'garage') p = 5 + (contains(occupied, t) ? 650 : 0);
    else if (dev.kind === 'office') p = 3 + (contains(occupied, t) ? 140 : 0);
    else p = homePowerW(day, sim, t);
    p = Math.max(0, p * (1 + rng.normal(0, 0.05)));
    const rounded = Math.round(p / 5) * 5;
    const threshold = Math.max(25, 0.12 * (Number.isNaN(dev.reported) ? rounded : dev.reported));
    reportNumber(dev, sim, t + rng.uniform(-5, 5), rounded, threshold, 0);
  }
}

/** Energy used today, kWh: reported hourly, resetting at local midnight. */
export function energy(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  if (Number.isNaN(dev.value)) dev.value = 0;
  for (let t = 300; t < DAY_END; t += 60) {
    if (t === 1440) dev.value = 0;
    dev.value += homePowerW(day, sim, t - 30) / 1000;
    sim.out.emit(dev.index, t + rng.uniform(0, 1), sim.out.table.number(Math.round(dev.value * 10) / 10, 1));
  }
}

/** Soil moisture, %: dries with warmth, rises with rain and with watering when it gets dry. */
export function soilMoisture(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  for (let t = DAY_START + 60; t < DAY_END; t += 180) {
    const outside = outdoorTemperature(day.outdoor, t);
    dev.value -= Math.max(0, outside - 5) * 0.05;
    if (day.outdoor.rain) dev.value += rng.uniform(1, 4);
    if (dev.value < 22 && t > 300 && t < 500) dev.value += rng.uniform(12, 18);
    dev.value = Math.min(60, Math.max(5, dev.value));
    reportNumber(dev, sim, t + rng.uniform(-10, 10), Math.round(dev.value), 1, 0);
  }
}

/** Unrecognised sensors: a slow random walk in 0–100 reported every two hours. */
export function genericSensor(dev: SimDevice, _day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  for (let t = DAY_START + 30; t < DAY_END; t += 120) {
    dev.value = Math.min(100, Math.max(0, dev.value + rng.normal(0, 3)));
    reportNumber(dev, sim, t, Math.round(dev.value), 1, 0);
  }
}
