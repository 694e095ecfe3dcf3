import type { Rng } from '../random';
import type { DaySchedule, Occupant } from './home-schema';
import { clockMinutes } from './household-templates';
import { type Intervals, complement, contains, intersect, normalize, union } from './intervals';

/**
 * Who is home and awake on one simulated day. A simulated day runs from 04:00 local to 04:00 the next
 * morning (minutes 240–1680 after local midnight), so a late night stays in the evening it belongs to
 * and every device returns to its night state inside the day.
 */
/** Start of a simulated day: 04:00, in minutes after local midnight. */
export const DAY_START = 240;
/** End of a simulated day: 04:00 the next morning. */
export const DAY_END = 1680;

/** Minutes after midnight in the simulated day's frame: times before 04:00 belong to the previous evening. */
export function frameMinutes(time: string): number {
  const m = clockMinutes(time);
  return m < DAY_START ? m + 1440 : m;
}

interface ParsedSchedule {
  wake: number;
  leave: number | null;
  ret: number | null;
  sleep: number;
  awayAllDay: boolean;
}

// Schedules are parsed once: the simulator asks for each occupant's schedule every simulated day.
const parsedSchedules = new WeakMap<DaySchedule, ParsedSchedule>();

function parseSchedule(schedule: DaySchedule): ParsedSchedule {
  const known = parsedSchedules.get(schedule);
  if (known !== undefined) return known;
  const parsed: ParsedSchedule = {
    wake: frameMinutes(schedule.wake),
    leave: schedule.leave === null ? null : frameMinutes(schedule.leave),
    ret: schedule.return === null ? null : frameMinutes(schedule.return),
    sleep: frameMinutes(schedule.sleep),
    awayAllDay: schedule.leave !== null && schedule.leave === schedule.return,
  };
  parsedSchedules.set(schedule, parsed);
  return parsed;
}

/** A day schedule whose leave equals its return means away the whole day (e.g. a weekend cottage on weekdays). */
export function isAwayAllDay(schedule: DaySchedule): boolean {
  return schedule.leave !== null && schedule.leave === schedule.return;
}

/** One occupant's simulated day, in minutes after local midnight. */
export interface OccupantDay {
  wake: number;
  sleep: number;
  /** True when the occupant wakes up at home (not after an arrival). */
  wakesHome: boolean;
  /** True when the occupant goes to bed at home. */
  sleepsHome: boolean;
  away: Intervals;
  present: Intervals;
  /** Present and awake. */
  active: Intervals;
  departures: number[];
  returns: number[];
  /** Adults and seniors drive (garage door, garage entry); children do not. */
  drives: boolean;
  role: Occupant['role'];
  worksFromHome: boolean;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * One occupant's day from their schedule with jitter and ordinary irregularity (a sick day, a skipped
 * errand, an unplanned outing). `previousAway` / `nextAway` say whether the neighbouring days are
 * away-all-day: the occupant then arrives mid-morning or leaves late afternoon.
 */
export function planOccupantDay(
  occupant: Occupant,
  weekend: boolean,
  previousAway: boolean,
  nextAway: boolean,
  rng: Rng,
): OccupantDay {
  const schedule = parseSchedule(weekend ? occupant.weekend : occupant.weekday);
  // Explicit fields, not an object spread: V8 builds spread-then-extend literals on a slow path, and
  // this runs for every occupant on every simulated day.
  const drives = occupant.role !== 'child';
  const role = occupant.role;
  const worksFromHome = occupant.works_from_home;
  if (schedule.awayAllDay) {
    return {
      drives,
      role,
      worksFromHome,
      wake: DAY_START,
      sleep: DAY_START,
      wakesHome: false,
      sleepsHome: false,
      away: [DAY_START, DAY_END],
      present: [],
      active: [],
      departures: [],
      returns: [],
    };
  }
  let wake = clamp(schedule.wake + rng.normal(0, 12), DAY_START + 15, 1380);
  let sleep = schedule.sleep + rng.normal(0, 15);
  if (sleep < wake + 240) sleep = wake + 960;
  sleep = clamp(sleep, wake + 60, DAY_END - 5);

  const away: number[] = [];
  if (schedule.leave !== null) {
    let leave = schedule.leave + rng.normal(0, 8);
    let ret = schedule.ret === null ? sleep - 5 : schedule.ret + rng.normal(0, 15);
    const errand = ret > leave && ret - leave < 300;
    if (rng.chance(errand ? 0.7 : 0.96)) {
      if (ret > leave) {
        leave = Math.max(leave, wake + 15);
        ret = Math.min(ret, DAY_END - 2);
        if (ret > leave + 5) away.push(leave, ret);
      } else {
        // Night work: out before the day starts until `return`, and out again from `leave`.
        away.push(DAY_START, clamp(ret, DAY_START, DAY_END), clamp(leave, DAY_START, DAY_END), DAY_END);
      }
    }
  } else if (rng.chance(weekend ? 0.2 : 0.08)) {
    const leave = Math.max(wake + 30, rng.uniform(600, 1020));
    const ret = Math.min(leave + rng.uniform(60, 240), sleep - 30);
    if (ret > leave + 20) away.push(leave, ret);
  }
  let wakesHome = true;
  let sleepsHome = true;
  if (previousAway) {
    const arrive = rng.uniform(570, 690);
    away.push(DAY_START, arrive);
    wake = Math.max(wake, arrive);
    wakesHome = false;
  }
  if (nextAway) {
    const depart = Math.min(rng.uniform(960, 1110), sleep - 10);
    away.push(depart, DAY_END);
    sleep = Math.max(depart, wake + 1);
    sleepsHome = false;
  }
  const awayNorm = normalize(away);
  const present = complement(awayNorm, DAY_START, DAY_END);
  if (wakesHome && !contains(present, wake)) wakesHome = false;
  if (sleepsHome && !contains(present, sleep - 0.01)) sleepsHome = false;
  const departures: number[] = [];
  const returns: number[] = [];
  for (let i = 0; i < awayNorm.length; i += 2) {
    const s = awayNorm[i] ?? 0;
    const e = awayNorm[i + 1] ?? 0;
    if (s > DAY_START) departures.push(s);
    if (e < DAY_END) returns.push(e);
  }
  return {
    drives,
    role,
    worksFromHome,
    wake,
    sleep,
    wakesHome,
    sleepsHome,
    away: awayNorm,
    present,
    active: intersect([wake, sleep], present),
    departures,
    returns,
  };
}

/** A departure or a return, with what it did to the household. */
export interface Transition {
  time: number;
  occupant: number;
  drives: boolean;
  /** Departure: the home is empty afterwards. Return: the home was empty before. */
  edge: boolean;
}

/** The household's simulated day. */
export interface HouseholdDay {
  occupants: OccupantDay[];
  anyoneHome: Intervals;
  empty: Intervals;
  anyoneActive: Intervals;
  /** Earliest wake among those who wake at home, or null. */
  firstWake: number | null;
  /** Latest bedtime among those who sleep at home, or null. */
  lastSleep: number | null;
  departures: Transition[];
  returns: Transition[];
}

/** Combines the occupants' days into the household's. */
export function combineHousehold(days: OccupantDay[]): HouseholdDay {
  let anyoneHome: Intervals = [];
  let anyoneActive: Intervals = [];
  let firstWake: number | null = null;
  let lastSleep: number | null = null;
  for (const d of days) {
    anyoneHome = union(anyoneHome, d.present);
    anyoneActive = union(anyoneActive, d.active);
    if (d.wakesHome && (firstWake === null || d.wake < firstWake)) firstWake = d.wake;
    if (d.sleepsHome && (lastSleep === null || d.sleep > lastSleep)) lastSleep = d.sleep;
  }
  const empty = complement(anyoneHome, DAY_START, DAY_END);
  const departures: Transition[] = [];
  const returns: Transition[] = [];
  days.forEach((d, occupant) => {
    for (const time of d.departures) {
      departures.push({ time, occupant, drives: d.drives, edge: contains(empty, time + 0.01) });
    }
    for (const time of d.returns) {
      returns.push({ time, occupant, drives: d.drives, edge: contains(empty, time - 0.01) });
    }
  });
  departures.sort((a, b) => a.time - b.time);
  returns.sort((a, b) => a.time - b.time);
  return { occupants: days, anyoneHome, empty, anyoneActive, firstWake, lastSleep, departures, returns };
}

/** How many occupants are home and awake at minute `t`. */
export function activeCount(household: HouseholdDay, t: number): number {
  let n = 0;
  for (const d of household.occupants) if (contains(d.active, t)) n++;
  return n;
}
