import type { HomeEvents } from './event-buffer';
import { DAY_MS, HOUR_MS } from '../temporal/calendar';
import { createZoneClock } from './local-time';

/** Local calendar facts of every event, computed in one pass. */
export interface LocalEventTimes {
  /** Local hour of day, 0–23. */
  hour: Uint8Array;
  /** Local minute of the day, 0–1439. */
  minute: Uint16Array;
  /** ISO weekday, Monday = 0 … Sunday = 6. */
  weekday: Uint8Array;
  /** Local day number (days since 1970-01-01 in local time). */
  day: Int32Array;
}

/**
 * Local hour, minute, weekday and day of each event in `timeZone`. The zone offset is looked up once
 * per UTC hour touched, so a 90-day home costs about two thousand lookups whatever its event count.
 */
export function localEventTimes(events: Pick<HomeEvents, 'time'>, timeZone: string): LocalEventTimes {
  const clock = createZoneClock(timeZone);
  const n = events.time.length;
  const hour = new Uint8Array(n);
  const minute = new Uint16Array(n);
  const weekday = new Uint8Array(n);
  const day = new Int32Array(n);
  let bucket = Number.NaN;
  let offset = 0;
  let changes = false;
  for (let i = 0; i < n; i++) {
    const t = events.time[i] ?? 0;
    const b = Math.floor(t / HOUR_MS);
    if (b !== bucket) {
      bucket = b;
      offset = clock.offsetMs(b * HOUR_MS);
      changes = offset !== clock.offsetMs((b + 1) * HOUR_MS);
    }
    // Inside an hour with a clock change the offset is exact per event.
    const local = t + (changes ? clock.offsetMs(t) : offset);
    const d = Math.floor(local / DAY_MS);
    const m = Math.floor((local - d * DAY_MS) / 60_000);
    day[i] = d;
    minute[i] = m;
    hour[i] = Math.floor(m / 60);
    // 1970-01-01 was a Thursday (ISO weekday 3).
    weekday[i] = (((d + 3) % 7) + 7) % 7;
  }
  return { hour, minute, weekday, day };
}
