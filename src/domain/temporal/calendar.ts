import { resolveHemisphere } from './hemisphere';
import type { TemporalSpec } from './spec';

/** One day in ms: horizons are absolute (t + H · DAY_MS); local days come from the calendar. */
export const DAY_MS = 86_400_000;
/** One hour in ms (zone offsets are looked up per UTC hour). */
export const HOUR_MS = 3_600_000;

/** Day number (days since 1970-01-01) of 2000-07-20: the usual peak of the northern summer. */
const NORTH_SUMMER_PEAK_DAY = Date.UTC(2000, 6, 20) / DAY_MS;
const TROPICAL_YEAR_DAYS = 365.2425;

/**
 * The step grid of a spec in its time zone, shared by every device: built once per generation so the
 * step loop never touches `Intl`. Steps are `resolutionMinutes` apart in absolute time from the local
 * midnight of `startDate`; a step belongs to the local day its wall-clock time falls in, so a
 * spring-forward day has 23 hourly steps and a fall-back day 25.
 */
export interface TemporalCalendar {
  readonly days: number;
  readonly stepMs: number;
  /** Step length in days (for per-day rates). */
  readonly stepDays: number;
  readonly stepCount: number;
  /** Instant of step 0 (local midnight of the start date). Step i is at `startTime + i * stepMs`. */
  readonly startTime: number;
  /** Local wall-clock hour of each step, fractional (7.25 = 07:15). */
  readonly localHour: Float64Array;
  /** Diurnal warmth of each step: cos of the local hour, +1 at 15:30 and −1 at 03:30. */
  readonly warmth: Float64Array;
  /** Time of each step since its local day's first step, in days (for the per-day slope sums). */
  readonly tau: Float64Array;
  /** First step of each local day; `dayStartStep[days] = stepCount`. */
  readonly dayStartStep: Int32Array;
  /** Instant of each local day's first step; `dayStartTime[days]` is the end of the series. */
  readonly dayStartTime: Float64Array;
  /** Local weekday of each day, Monday = 0 … Sunday = 6. */
  readonly weekday: Uint8Array;
  /** Season of each day: +1 at the local midsummer, −1 at midwinter (hemisphere applied). */
  readonly season: Float64Array;
  /** Most steps in one local day (25 h at a fall-back day). */
  readonly maxStepsPerDay: number;
  /** Local calendar day number (days since 1970-01-01) of day 0. */
  readonly firstDayNumber: number;
}

/** Local wall time minus UTC in ms at an instant, through `Intl` (no date library in the domain). */
export function createOffsetFn(timeZone: string): (utcMs: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (utcMs) => {
    const p = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
    for (const part of format.formatToParts(utcMs)) {
      if (part.type in p) p[part.type as keyof typeof p] = Number(part.value);
    }
    const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return wall - Math.floor(utcMs / 1000) * 1000;
  };
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumberOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

/** Builds the step grid; costs a few thousand `Intl` calls at most (offsets are probed twice a day). */
export function buildCalendar(
  spec: Pick<TemporalSpec, 'startDate' | 'days' | 'resolutionMinutes' | 'timeZone' | 'hemisphere'>,
): TemporalCalendar {
  const offsetOf = createOffsetFn(spec.timeZone);
  const stepMs = spec.resolutionMinutes * 60_000;
  const d0 = dayNumberOf(spec.startDate);
  const localDay = (t: number, off: number): number => Math.floor((t + off) / DAY_MS);

  // Local midnight of the start date; when midnight itself is skipped by DST the day starts at the first
  // grid instant that is on that date.
  const wall0 = d0 * DAY_MS;
  let t0 = wall0 - offsetOf(wall0 - offsetOf(wall0));
  while (localDay(t0, offsetOf(t0)) < d0) t0 += stepMs;
  while (localDay(t0 - stepMs, offsetOf(t0 - stepMs)) >= d0) t0 -= stepMs;

  const capacity = Math.ceil((spec.days * DAY_MS + 4 * HOUR_MS) / stepMs) + 1;
  const offsets = new Float64Array(capacity);
  // Offsets are probed every 12 h; a change inside a block is located by bisection. Real zones never
  // change offset twice within 12 hours.
  const block = Math.max(1, Math.floor((12 * HOUR_MS) / stepMs));
  // Invariant: offsets[i] = offI is known; fill (i, j] from the probe at j.
  let i = 0;
  let offI = offsetOf(t0);
  offsets[0] = offI;
  while (i < capacity - 1) {
    const j = Math.min(capacity - 1, i + block);
    const offJ = offsetOf(t0 + j * stepMs);
    let change = j + 1;
    if (offJ !== offI) {
      let lo = i;
      let hi = j;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (offsetOf(t0 + mid * stepMs) === offI) lo = mid;
        else hi = mid;
      }
      change = hi;
    }
    for (let k = i + 1; k <= j; k++) offsets[k] = k < change ? offI : offJ;
    i = j;
    offI = offJ;
  }

  const dayStartStep = new Int32Array(spec.days + 1);
  let stepCount = 0;
  let day = 0;
  for (let k = 0; k < capacity; k++) {
    const ld = localDay(t0 + k * stepMs, offsets[k] ?? 0) - d0;
    while (day < spec.days && ld >= day) dayStartStep[day++] = k;
    if (ld >= spec.days) break;
    stepCount = k + 1;
  }
  while (day <= spec.days) dayStartStep[day++] = stepCount;

  const localHour = new Float64Array(stepCount);
  const tau = new Float64Array(stepCount);
  const warmth = new Float64Array(stepCount);
  const dayStartTime = new Float64Array(spec.days + 1);
  const weekday = new Uint8Array(spec.days);
  const season = new Float64Array(spec.days);
  const sign = resolveHemisphere(spec) === 'south' ? -1 : 1;
  let maxStepsPerDay = 0;
  for (let d = 0; d < spec.days; d++) {
    const s0 = dayStartStep[d] ?? 0;
    const s1 = dayStartStep[d + 1] ?? stepCount;
    maxStepsPerDay = Math.max(maxStepsPerDay, s1 - s0);
    dayStartTime[d] = t0 + s0 * stepMs;
    const dayNumber = d0 + d;
    weekday[d] = (((dayNumber + 3) % 7) + 7) % 7;
    season[d] = sign * Math.cos((2 * Math.PI * (dayNumber - NORTH_SUMMER_PEAK_DAY)) / TROPICAL_YEAR_DAYS);
    for (let k = s0; k < s1; k++) {
      const t = t0 + k * stepMs;
      const wall = t + (offsets[k] ?? 0);
      const hour = (((wall % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
      localHour[k] = hour;
      warmth[k] = Math.cos((2 * Math.PI * (hour - 15.5)) / 24);
      tau[k] = (k - s0) * (stepMs / DAY_MS);
    }
  }
  dayStartTime[spec.days] = t0 + stepCount * stepMs;

  return {
    days: spec.days,
    stepMs,
    stepDays: stepMs / DAY_MS,
    stepCount,
    startTime: t0,
    localHour,
    warmth,
    tau,
    dayStartStep,
    dayStartTime,
    weekday,
    season,
    maxStepsPerDay,
    firstDayNumber: d0,
  };
}
