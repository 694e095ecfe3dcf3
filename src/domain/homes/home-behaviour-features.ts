import { areaKind, isOutdoorKind } from './area-kinds';
import type { HomeEvents } from './event-buffer';
import type { DeviceDomain, HomeContent } from './home-schema';
import { localEventTimes } from './local-hours';

/**
 * Behaviour features of one home: when and how it is used, read from its events. They describe the
 * household's rhythm (hours, weekdays, occupancy), how much of the home is used and how actively the
 * heating follows people, so they carry over between home makers that name and lay out rooms differently.
 *
 * "Activity" events are those people cause: everything except the periodic numeric sensors and the
 * thermostats, whose reports follow the clock and the weather. Timing features use only the indoor
 * devices people switch or trip ("human" devices).
 */

const HOUR_BINS = ['00_04', '04_08', '08_12', '12_16', '16_20', '20_24'].map((b) => `activity_${b}`);

/** Names of the values behaviourFeatures returns, in order. */
export const BEHAVIOUR_FEATURE_NAMES: readonly string[] = [
  'log_events_per_day',
  'activity_per_device_day',
  ...HOUR_BINS,
  'weekday_peak_sin',
  'weekday_peak_cos',
  'weekend_peak_sin',
  'weekend_peak_cos',
  'weekday_mean_hour_sin',
  'weekday_mean_hour_cos',
  'weekend_mean_hour_sin',
  'weekend_mean_hour_cos',
  'weekend_shift_hours',
  'log_weekend_ratio',
  'weekday_daytime_share',
  'night_share',
  'first_activity_hour',
  'last_activity_hour',
  'weekend_wake_delay_hours',
  'lock_events_per_day',
  'daily_activity_cv',
  'active_day_share',
  'occupied_hour_share',
  'weekday_daytime_occupied_share',
  'activity_per_room_day',
  'rooms_used_per_day_share',
  'climate_changes_per_device_day',
];

const PERIODIC: ReadonlySet<DeviceDomain> = new Set<DeviceDomain>(['sensor', 'climate']);

/** The busiest hour after smoothing over ±2 hours (a single noisy hour should not move the peak). */
function argmaxSmoothed(hist: Float64Array): number {
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let h = 0; h < 24; h++) {
    let v = 0;
    for (let k = -2; k <= 2; k++) v += (3 - Math.abs(k)) * (hist[(h + k + 24) % 24] ?? 0);
    if (v > bestValue) {
      bestValue = v;
      best = h;
    }
  }
  return best;
}

/** Circular mean hour of a 24-bin histogram, in hours [0, 24); 0 when empty. */
function circularMeanHour(hist: Float64Array): number {
  let s = 0;
  let c = 0;
  for (let h = 0; h < 24; h++) {
    const a = ((h + 0.5) / 24) * 2 * Math.PI;
    s += (hist[h] ?? 0) * Math.sin(a);
    c += (hist[h] ?? 0) * Math.cos(a);
  }
  if (s === 0 && c === 0) return 0;
  const angle = Math.atan2(s, c);
  return ((((angle / (2 * Math.PI)) * 24) % 24) + 24) % 24;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** ISO weekday (Monday = 0) of a local day number (days since 1970-01-01, a Thursday). */
const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** The behaviour feature vector of one home, in BEHAVIOUR_FEATURE_NAMES order. */
export function behaviourFeatures(
  home: Pick<HomeContent, 'areas' | 'devices'>,
  events: HomeEvents,
  timeZone: string,
): number[] {
  const nDev = home.devices.length;
  const areaOutdoor = new Map(home.areas.map((a) => [a.name, isOutdoorKind(areaKind(a))]));
  const indoorIndex = new Map<string, number>();
  for (const a of home.areas)
    if (areaOutdoor.get(a.name) !== true && !indoorIndex.has(a.name)) indoorIndex.set(a.name, indoorIndex.size);
  const indoorRooms = indoorIndex.size;
  const n = events.time.length;
  const local = localEventTimes(events, timeZone);
  const firstDay = n > 0 ? (local.day[0] ?? 0) : 0;
  const lastDay = n > 0 ? (local.day[n - 1] ?? 0) : 0;
  const dayCount = n > 0 ? lastDay - firstDay + 1 : 1;
  const weekdayHist = new Float64Array(24);
  const weekendHist = new Float64Array(24);
  const perDay = new Float64Array(dayCount);
  // Per activity day (04:00–04:00): first and last activity minute, measured from 04:00.
  const firstMinute = new Float64Array(dayCount + 1).fill(Number.POSITIVE_INFINITY);
  const lastMinute = new Float64Array(dayCount + 1).fill(Number.NEGATIVE_INFINITY);
  // Occupancy: which (day, hour) slots saw someone indoors, and which rooms were used each day.
  const occupiedSlot = new Uint8Array(dayCount * 24);
  const roomUsed = new Uint8Array(dayCount * Math.max(1, indoorRooms));
  const isLock = home.devices.map((d) => d.domain === 'lock');
  const isClimate = home.devices.map((d) => d.domain === 'climate');
  const isActivity = home.devices.map((d) => !PERIODIC.has(d.domain));
  const roomOf = home.devices.map((d) => indoorIndex.get(d.area) ?? -1);
  // Wake and bedtime proxies use indoor devices people switch or trip, not timers or passers-by.
  const isHuman = home.devices.map(
    (d) =>
      areaOutdoor.get(d.area) !== true &&
      (d.domain === 'light' ||
        d.domain === 'media_player' ||
        d.domain === 'fan' ||
        (d.domain === 'binary_sensor' && (d.device_class === 'motion' || d.device_class === 'occupancy'))),
  );
  let activity = 0;
  let human = 0;
  let locks = 0;
  let climateChanges = 0;
  let weekendDaysSeen = 0;
  let weekdayDaysSeen = 0;
  for (let d = 0; d < dayCount; d++) {
    if (weekdayOf(firstDay + d) >= 5) weekendDaysSeen++;
    else weekdayDaysSeen++;
  }
  for (let i = 0; i < n; i++) {
    const e = events.entityIndex[i] ?? 0;
    if (isLock[e] === true) locks++;
    if (isClimate[e] === true) climateChanges++;
    if (isActivity[e] !== true) continue;
    activity++;
    const d = (local.day[i] ?? 0) - firstDay;
    perDay[d] = (perDay[d] ?? 0) + 1;
    // Timing features use only what people trip or switch indoors: timers, cameras watching the street
    // and blinds on a sunrise schedule would blur the household's rhythm with the device mix.
    if (isHuman[e] !== true) continue;
    human++;
    const hour = local.hour[i] ?? 0;
    occupiedSlot[d * 24 + hour] = 1;
    const room = roomOf[e] ?? -1;
    if (room >= 0) roomUsed[d * indoorRooms + room] = 1;
    const weekend = (local.weekday[i] ?? 0) >= 5;
    const hist = weekend ? weekendHist : weekdayHist;
    hist[hour] = (hist[hour] ?? 0) + 1;
    const minute = local.minute[i] ?? 0;
    const activityDay = minute < 240 ? d - 1 : d;
    const fromFour = minute < 240 ? minute + 1200 : minute - 240;
    if (activityDay >= 0) {
      if (fromFour < (firstMinute[activityDay] ?? 0)) firstMinute[activityDay] = fromFour;
      if (fromFour > (lastMinute[activityDay] ?? 0)) lastMinute[activityDay] = fromFour;
    }
  }
  const total = new Float64Array(24);
  for (let h = 0; h < 24; h++) total[h] = (weekdayHist[h] ?? 0) + (weekendHist[h] ?? 0);
  const share = (from: number, to: number, hist: Float64Array = total): number => {
    let s = 0;
    let all = 0;
    for (let h = 0; h < 24; h++) {
      all += hist[h] ?? 0;
      if (h >= from && h < to) s += hist[h] ?? 0;
    }
    return all === 0 ? 0 : s / all;
  };
  const weekdayPeak = argmaxSmoothed(weekdayHist);
  const weekendPeak = argmaxSmoothed(weekendHist);
  const weekdayMean = circularMeanHour(weekdayHist);
  const weekendMean = circularMeanHour(weekendHist);
  let shift = weekendMean - weekdayMean;
  if (shift > 12) shift -= 24;
  if (shift < -12) shift += 24;
  let weekdaySum = 0;
  let weekendSum = 0;
  for (let h = 0; h < 24; h++) {
    weekdaySum += weekdayHist[h] ?? 0;
    weekendSum += weekendHist[h] ?? 0;
  }
  const weekdayRate = weekdayDaysSeen === 0 ? 0 : weekdaySum / weekdayDaysSeen;
  const weekendRate = weekendDaysSeen === 0 ? 0 : weekendSum / weekendDaysSeen;
  const wakeWeekday: number[] = [];
  const wakeWeekend: number[] = [];
  const sleeps: number[] = [];
  // A day counts as lived in when it has a tenth of an average day's activity.
  const threshold = (0.1 * activity) / dayCount;
  let activeDays = 0;
  let mean = 0;
  for (let d = 0; d < dayCount; d++) mean += (perDay[d] ?? 0) / dayCount;
  let variance = 0;
  let occupiedSlots = 0;
  let weekdayDaytimeOccupied = 0;
  let roomDays = 0;
  for (let d = 0; d < dayCount; d++) {
    const v = perDay[d] ?? 0;
    variance += (v - mean) ** 2 / dayCount;
    if (v > threshold) activeDays++;
    const weekend = weekdayOf(firstDay + d) >= 5;
    for (let h = 0; h < 24; h++) {
      if (occupiedSlot[d * 24 + h] !== 1) continue;
      occupiedSlots++;
      // Someone home on a working day between 10:00 and 16:00: remote work, small children, retirement.
      if (!weekend && h >= 10 && h < 16) weekdayDaytimeOccupied++;
    }
    for (let r = 0; r < indoorRooms; r++) roomDays += roomUsed[d * indoorRooms + r] ?? 0;
    const first = firstMinute[d] ?? Number.POSITIVE_INFINITY;
    if (Number.isFinite(first)) (weekend ? wakeWeekend : wakeWeekday).push(first);
    const last = lastMinute[d] ?? Number.NEGATIVE_INFINITY;
    if (Number.isFinite(last)) sleeps.push(last);
  }
  const wakeAll = [...wakeWeekday, ...wakeWeekend];
  const climateDevices = isClimate.filter(Boolean).length;
  return [
    Math.log1p(n / dayCount),
    nDev === 0 ? 0 : activity / nDev / dayCount,
    share(0, 4),
    share(4, 8),
    share(8, 12),
    share(12, 16),
    share(16, 20),
    share(20, 24),
    Math.sin((2 * Math.PI * weekdayPeak) / 24),
    Math.cos((2 * Math.PI * weekdayPeak) / 24),
    Math.sin((2 * Math.PI * weekendPeak) / 24),
    Math.cos((2 * Math.PI * weekendPeak) / 24),
    Math.sin((2 * Math.PI * weekdayMean) / 24),
    Math.cos((2 * Math.PI * weekdayMean) / 24),
    Math.sin((2 * Math.PI * weekendMean) / 24),
    Math.cos((2 * Math.PI * weekendMean) / 24),
    shift,
    Math.log((weekendRate + 1) / (weekdayRate + 1)),
    share(9, 17, weekdayHist),
    share(0, 5),
    4 + median(wakeAll) / 60,
    4 + median(sleeps) / 60,
    (median(wakeWeekend) - median(wakeWeekday)) / 60,
    locks / dayCount,
    mean === 0 ? 0 : Math.sqrt(variance) / mean,
    activeDays / dayCount,
    occupiedSlots / (dayCount * 24),
    weekdayDaysSeen === 0 ? 0 : weekdayDaytimeOccupied / (weekdayDaysSeen * 6),
    // Per room rather than per home, so a large home is not "busier" just for having more rooms.
    indoorRooms === 0 ? 0 : human / indoorRooms / dayCount,
    indoorRooms === 0 ? 0 : roomDays / (indoorRooms * dayCount),
    climateDevices === 0 ? 0 : climateChanges / climateDevices / dayCount,
  ];
}
