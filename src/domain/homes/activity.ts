import type { HomeEvents } from './event-buffer';
import { DEVICE_DOMAINS, type DeviceDomain, type HomeContent } from './home-schema';
import { localEventTimes } from './local-hours';

/**
 * Aggregates for the Homes page: when a home is active (hour × weekday in its local time), which kinds
 * of device speak, and how many events each day has.
 */

/** Event counts by local weekday (Monday = 0) and hour: `counts[weekday * 24 + hour]`, 168 cells. */
export function activityHeatmap(events: Pick<HomeEvents, 'time'>, timeZone: string): Uint32Array {
  const local = localEventTimes(events, timeZone);
  const counts = new Uint32Array(7 * 24);
  for (let i = 0; i < events.time.length; i++) {
    const cell = (local.weekday[i] ?? 0) * 24 + (local.hour[i] ?? 0);
    counts[cell] = (counts[cell] ?? 0) + 1;
  }
  return counts;
}

/** Event counts per device domain (every domain present, zero when silent). */
export function eventCountsByDomain(
  home: Pick<HomeContent, 'devices'>,
  events: Pick<HomeEvents, 'entityIndex'>,
): Record<DeviceDomain, number> {
  const out = Object.fromEntries(DEVICE_DOMAINS.map((d) => [d, 0])) as Record<DeviceDomain, number>;
  const perDevice = new Uint32Array(home.devices.length);
  for (let i = 0; i < events.entityIndex.length; i++) {
    const e = events.entityIndex[i] ?? 0;
    perDevice[e] = (perDevice[e] ?? 0) + 1;
  }
  home.devices.forEach((d, i) => {
    out[d.domain] += perDevice[i] ?? 0;
  });
  return out;
}

/** A per-day count series. */
export interface DailySeries {
  /** Local dates "YYYY-MM-DD", consecutive from the first event's day to the last's. */
  dates: string[];
  counts: Uint32Array;
}

/** Events per local calendar day, days without events included as 0. */
export function eventsPerDay(events: Pick<HomeEvents, 'time'>, timeZone: string): DailySeries {
  const n = events.time.length;
  if (n === 0) return { dates: [], counts: new Uint32Array(0) };
  const local = localEventTimes(events, timeZone);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const d = local.day[i] ?? 0;
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const counts = new Uint32Array(last - first + 1);
  for (let i = 0; i < n; i++) {
    const d = (local.day[i] ?? 0) - first;
    counts[d] = (counts[d] ?? 0) + 1;
  }
  const dates = Array.from({ length: counts.length }, (_, k) =>
    new Date((first + k) * 86_400_000).toISOString().slice(0, 10),
  );
  return { dates, counts };
}
