import { createOffsetFn, DAY_MS, HOUR_MS } from '../temporal/calendar';
/**
 * Local-time arithmetic for an IANA time zone through `Intl` only (the domain layer has no date library).
 * Offsets are cached per UTC hour because `formatToParts` costs microseconds and the simulator and the
 * activity aggregates ask for hundreds of thousands of instants.
 */

/** A calendar date. `month` is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Parses "YYYY-MM-DD" (validating the calendar date) or throws. */
export function parseCivilDate(text: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) throw new Error(`expected a date as YYYY-MM-DD, got "${text}"`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`"${text}" is not a calendar date`);
  }
  return { year, month, day };
}

/** The date `days` after `date` (negative goes back). */
export function addDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday with Monday = 0 … Sunday = 6. */
export function weekdayIndex(date: CivilDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

/** Day of year, 1 = January 1st. */
export function dayOfYear(date: CivilDate): number {
  return Math.round((Date.UTC(date.year, date.month - 1, date.day) - Date.UTC(date.year, 0, 1)) / DAY_MS) + 1;
}

/** "YYYY-MM-DD". */
export function formatCivilDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Converts instants between UTC and one time zone's wall clock. */
export interface ZoneClock {
  readonly timeZone: string;
  /** Local wall-clock time minus UTC, in ms, at the instant `utcMs`. */
  offsetMs(utcMs: number): number;
  /** The UTC instant of a local wall-clock time (minutes after local midnight of `date`, may exceed 1440). */
  localToUtc(date: CivilDate, minutesAfterMidnight: number): number;
}

const clocks = new Map<string, ZoneClock>();

/**
 * The clock of an IANA zone (throws a clear error for an unknown name). Clocks are memoised per zone so
 * the offset cache is shared by every home simulated in the same zone.
 */
export function createZoneClock(timeZone: string): ZoneClock {
  const known = clocks.get(timeZone);
  if (known !== undefined) return known;
  const clock = buildZoneClock(timeZone);
  clocks.set(timeZone, clock);
  return clock;
}

function buildZoneClock(timeZone: string): ZoneClock {
  let computeOffset: (utcMs: number) => number;
  try {
    computeOffset = createOffsetFn(timeZone);
  } catch {
    throw new Error(`unknown time zone "${timeZone}"`);
  }
  const cache = new Map<number, number>();

  // Every real zone changes offset on whole quarter-hours, so one lookup per UTC hour is exact except
  // inside the hour of a transition; there the precise value is computed.
  const offsetMs = (utcMs: number): number => {
    const bucket = Math.floor(utcMs / HOUR_MS);
    let start = cache.get(bucket);
    if (start === undefined) {
      start = computeOffset(bucket * HOUR_MS);
      cache.set(bucket, start);
    }
    const next = cache.get(bucket + 1) ?? computeOffset((bucket + 1) * HOUR_MS);
    cache.set(bucket + 1, next);
    return start === next ? start : computeOffset(utcMs);
  };

  const localToUtc = (date: CivilDate, minutes: number): number => {
    const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
    // Two passes settle every case except wall times skipped by a spring-forward, which map an hour later.
    const first = wall - offsetMs(wall);
    const second = wall - offsetMs(first);
    return second;
  };

  return { timeZone, offsetMs, localToUtc };
}

/**
 * Approximate sunrise and sunset in local minutes after midnight: the standard declination formula at a
 * latitude, solar noon at 12:00 standard time (longitude within a zone ignored, an error of up to ±30 min),
 * shifted by `dstShiftMinutes` when daylight saving time is in force.
 */
export function sunTimes(
  date: CivilDate,
  latitudeDeg: number,
  dstShiftMinutes: number,
): { sunrise: number; sunset: number } {
  const n = dayOfYear(date);
  const decl = ((23.44 * Math.PI) / 180) * Math.sin((2 * Math.PI * (284 + n)) / 365);
  const lat = (latitudeDeg * Math.PI) / 180;
  const cosH = -Math.tan(lat) * Math.tan(decl);
  const h = cosH <= -1 ? Math.PI : cosH >= 1 ? 0 : Math.acos(cosH);
  const halfDayMinutes = (h / Math.PI) * 12 * 60;
  const noon = 12 * 60 + dstShiftMinutes;
  return { sunrise: noon - halfDayMinutes, sunset: noon + halfDayMinutes };
}
