import type { Rng } from '../random';
import type { AreaKind } from './area-kinds';
import type { DeviceRole } from './device-roles';
import type { EventBuffer, StateTable } from './event-buffer';
import type { HomeLayout } from './home-layout';
import { type Intervals, normalize } from './intervals';
import { type CivilDate, type ZoneClock } from './local-time';
import { DAY_END, DAY_START, type HouseholdDay } from './occupancy';
import type { HvacMode, OutdoorDay } from './weather';

/** One device as the simulator sees it, with the little state it carries from day to day. */
export interface SimDevice {
  /** Index into the home's `devices`. */
  index: number;
  role: DeviceRole;
  area: number;
  kind: AreaKind;
  /** The device's own stream, so adding a device does not change the others' events. */
  rng: Rng;
  /** A fixed per-device habit in [0, 1) (how often a plug is used, a zone's offset…). */
  habit: number;
  /** Carried value: indoor temperature, battery level, soil moisture, energy today… */
  value: number;
  /** Last numeric value reported, NaN before the first report. */
  reported: number;
}

/** Household habits drawn once per home. */
export interface HomeTraits {
  /** Heating comfort and setback setpoints, cooling comfort and setup setpoints, °F. */
  heatComfortF: number;
  heatEcoF: number;
  coolComfortF: number;
  coolEcoF: number;
  /** Share of evenings with living-room lamps on while someone is up after dusk. */
  ambientEvenings: number;
  /** Vacuum runs per week. */
  vacuumPerWeek: number;
  /** Share of days the alarm is actually armed. */
  alarmDiscipline: number;
  /** Outdoor lights on a dusk timer rather than by hand. */
  outdoorTimer: boolean;
  /** Blinds on a sunrise/sunset schedule rather than by hand. */
  blindsTimer: boolean;
  /** Whole-home base load in W. */
  baseLoadW: number;
}

/** Everything the device behaviours need to know about one simulated day. */
export interface SimDay {
  index: number;
  date: CivilDate;
  weekday: number;
  weekend: boolean;
  sunrise: number;
  sunset: number;
  outdoor: OutdoorDay;
  mode: HvacMode;
  household: HouseholdDay;
  /** When anyone is in each area (merged visits), by area index. */
  occupancy: Intervals[];
  /** Periods the thermostats hold their comfort setpoint. */
  comfort: Intervals;
  /** Robot vacuum runs. */
  vacuumRuns: Intervals;
  /** Doorbell rings (deliveries, visitors). */
  visitors: number[];
  /** People and animals passing the front of the home. */
  passersby: number[];
  /** Time of the monthly smoke-alarm test (first Saturday of the month, someone home), or null. */
  smokeTest: number | null;
}

/** The states every home uses, interned first so their indices are the same in every home. */
export const COMMON_STATES = [
  'on',
  'off',
  'locked',
  'unlocked',
  'open',
  'closed',
  'opening',
  'closing',
  'playing',
  'paused',
  'idle',
  'cleaning',
  'docked',
  'returning',
  'recording',
  'streaming',
  'disarmed',
  'arming',
  'armed_away',
  'armed_home',
  'armed_night',
  'pending',
  'triggered',
  'activated',
  'pressed',
] as const;
/** One of COMMON_STATES. */
export type CommonState = (typeof COMMON_STATES)[number];
/** State-table indices of the common states. */
export type StateIds = Readonly<Record<CommonState, number>>;

function internCommonStates(table: StateTable): StateIds {
  const ids: Partial<Record<CommonState, number>> = {};
  for (const s of COMMON_STATES) ids[s] = table.intern(s);
  return ids as StateIds;
}

/**
 * Writes a day's events. Each device's events come out in time order (an earlier time than the device's
 * last event is moved up to it) and a repeated state is dropped, as Home Assistant records changes only.
 */
export class DayEmitter {
  readonly buffer: EventBuffer;
  readonly table: StateTable;
  readonly ids: StateIds;
  private readonly clock: ZoneClock;
  private readonly lastState: Int32Array;
  private readonly lastTime: Float64Array;
  private date: CivilDate = { year: 1970, month: 1, day: 1 };
  private base = 0;
  private linear = true;

  constructor(buffer: EventBuffer, table: StateTable, clock: ZoneClock, deviceCount: number) {
    this.buffer = buffer;
    this.table = table;
    this.ids = internCommonStates(table);
    this.clock = clock;
    this.lastState = new Int32Array(deviceCount).fill(-1);
    this.lastTime = new Float64Array(deviceCount).fill(Number.NEGATIVE_INFINITY);
  }

  /** Starts a local day; a day with a clock change maps each time through the zone. */
  startDay(date: CivilDate): void {
    this.date = date;
    this.base = this.clock.localToUtc(date, 0);
    this.linear = this.clock.offsetMs(this.base) === this.clock.offsetMs(this.base + DAY_END * 60_000);
  }

  /** UTC ms of a local minute of the current day, in whole seconds. */
  utc(minute: number): number {
    const m = Math.min(DAY_END - 1 / 60, Math.max(DAY_START, minute));
    const seconds = Math.round(m * 60);
    return this.linear ? this.base + seconds * 1000 : this.clock.localToUtc(this.date, seconds / 60);
  }

  /** Records a state change; `force` keeps repeats (a scene activated twice). */
  emit(device: number, minute: number, state: number, force = false): void {
    if (!force && this.lastState[device] === state) return;
    let t = this.utc(minute);
    const last = this.lastTime[device] ?? Number.NEGATIVE_INFINITY;
    if (t < last) t = last;
    this.lastState[device] = state;
    this.lastTime[device] = t;
    this.buffer.push(device, t, state);
  }

  /** The device's last state index, or -1. */
  stateOf(device: number): number {
    return this.lastState[device] ?? -1;
  }
}

/** Emits `on` at each interval start and `off` at its end (intervals are merged first). */
export function emitIntervals(out: DayEmitter, device: number, raw: number[], on: number, off: number): void {
  const iv = normalize(raw);
  for (let i = 0; i < iv.length; i += 2) {
    out.emit(device, iv[i] ?? 0, on);
    out.emit(device, iv[i + 1] ?? 0, off);
  }
}

/** Intervals of random length starting at each time: a door opened, a camera triggered. */
export function pulses(times: readonly number[], rng: Rng, minLen: number, maxLen: number): number[] {
  const raw: number[] = [];
  for (const t of times) raw.push(t, t + rng.uniform(minLen, maxLen));
  return raw;
}

/** Poisson-distributed count (Knuth; small means only). */
export function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Everything the behaviours share for one home. */
export interface HomeSim {
  layout: HomeLayout;
  traits: HomeTraits;
  out: DayEmitter;
  /** The home has a garage the drivers use. */
  usesGarage: boolean;
  /** The home has a lock on the garage entry (drivers use it instead of the front lock). */
  hasGarageLock: boolean;
  /** The home has an HVAC-driven thermostat (indoor temperature follows setpoints). */
  hasThermostat: boolean;
}
