import { type AreaKind, areaKind, isOutdoorKind } from './area-kinds';
import type { HomeEvents } from './event-buffer';
import { DEVICE_CATEGORIES, DEVICE_DOMAINS, type DeviceDomain, type HomeContent } from './home-schema';
import { localEventTimes } from './local-hours';

/**
 * Features of one home for the 8-class home-type classifier (issue 7): its structure (devices by domain
 * and category, rooms, floors, outdoor space, household) and its behaviour in the events (when the home
 * is active by hour and weekday, how much, how regular). Hours enter as sine/cosine pairs so 23:00 and
 * 01:00 are close; the original's raw peak-hour numbers were not (and were random anyway).
 *
 * "Activity" events are those people cause: everything except the periodic numeric sensors and the
 * thermostats, whose reports follow the clock and the weather.
 */

const DOMAIN_SHARES = DEVICE_DOMAINS.map((d) => `domain_share_${d}`);
const CATEGORY_SHARES = DEVICE_CATEGORIES.map((c) => `category_share_${c}`);
const HOUR_BINS = ['00_04', '04_08', '08_12', '12_16', '16_20', '20_24'].map((b) => `activity_${b}`);

/** Names of the values homeFeatures returns, in order. */
export const HOME_FEATURE_NAMES: readonly string[] = [
  'log_devices',
  'area_count',
  'indoor_area_count',
  'outdoor_area_count',
  'outdoor_area_share',
  'floor_count',
  'main_floor',
  'rooms_per_floor',
  'devices_per_area',
  'bedroom_count',
  'bathroom_count',
  'has_garage',
  'has_basement',
  'has_office',
  'has_separate_bedroom',
  'has_yard',
  'single_level',
  'three_plus_levels',
  'above_ground',
  ...DOMAIN_SHARES,
  ...CATEGORY_SHARES,
  'battery_share',
  'outdoor_device_share',
  'occupant_count',
  'child_count',
  'senior_count',
  'remote_worker_share',
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
  return (((angle / (2 * Math.PI)) * 24) % 24 + 24) % 24;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The feature vector of one home, in HOME_FEATURE_NAMES order. */
export function homeFeatures(
  home: Pick<HomeContent, 'areas' | 'devices' | 'occupants'>,
  events: HomeEvents,
  timeZone: string,
): Float32Array {
  const f: number[] = [];
  const kinds = home.areas.map((a) => areaKind(a));
  const kindCount = (k: AreaKind): number => kinds.filter((x) => x === k).length;
  const indoor = home.areas.filter((_, i) => !isOutdoorKind(kinds[i] ?? 'living'));
  const outdoorAreas = home.areas.length - indoor.length;
  const floors = new Set(indoor.map((a) => a.floor));
  const living = home.areas.find((_, i) => kinds[i] === 'living') ?? indoor[0];
  const nDev = home.devices.length;
  const areaOutdoor = new Map(home.areas.map((a, i) => [a.name, isOutdoorKind(kinds[i] ?? 'living')]));

  f.push(
    Math.log1p(nDev),
    home.areas.length,
    indoor.length,
    outdoorAreas,
    home.areas.length === 0 ? 0 : outdoorAreas / home.areas.length,
    floors.size,
    living?.floor ?? 0,
    floors.size === 0 ? 0 : indoor.length / floors.size,
    home.areas.length === 0 ? 0 : nDev / home.areas.length,
    kindCount('bedroom'),
    kindCount('bathroom'),
    kindCount('garage') > 0 ? 1 : 0,
    kindCount('basement') > 0 || indoor.some((a) => a.floor < 0) ? 1 : 0,
    kindCount('office') > 0 ? 1 : 0,
    // Indicators a linear model cannot build from counts: a studio has no separate bedroom, flats sit
    // above the ground floor, a ranch is one level and a multi-story three or more.
    kindCount('bedroom') > 0 ? 1 : 0,
    kindCount('yard') + kindCount('garden') > 0 ? 1 : 0,
    floors.size === 1 ? 1 : 0,
    floors.size >= 3 ? 1 : 0,
    (living?.floor ?? 0) >= 1 ? 1 : 0,
  );
  for (const d of DEVICE_DOMAINS) f.push(nDev === 0 ? 0 : home.devices.filter((x) => x.domain === d).length / nDev);
  for (const c of DEVICE_CATEGORIES) f.push(nDev === 0 ? 0 : home.devices.filter((x) => x.category === c).length / nDev);
  f.push(
    nDev === 0 ? 0 : home.devices.filter((d) => d.power === 'battery').length / nDev,
    nDev === 0 ? 0 : home.devices.filter((d) => areaOutdoor.get(d.area) === true).length / nDev,
    home.occupants.length,
    home.occupants.filter((o) => o.role === 'child').length,
    home.occupants.filter((o) => o.role === 'senior').length,
    home.occupants.length === 0 ? 0 : home.occupants.filter((o) => o.works_from_home).length / home.occupants.length,
  );

  // Behaviour from the events.
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
  const isLock = home.devices.map((d) => d.domain === 'lock');
  const isActivity = home.devices.map((d) => !PERIODIC.has(d.domain));
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
  let locks = 0;
  let weekendDaysSeen = 0;
  let weekdayDaysSeen = 0;
  for (let d = 0; d < dayCount; d++) {
    if ((((firstDay + d + 3) % 7) + 7) % 7 >= 5) weekendDaysSeen++;
    else weekdayDaysSeen++;
  }
  for (let i = 0; i < n; i++) {
    const e = events.entityIndex[i] ?? 0;
    if (isLock[e] === true) locks++;
    if (isActivity[e] !== true) continue;
    activity++;
    const d = (local.day[i] ?? 0) - firstDay;
    perDay[d] = (perDay[d] ?? 0) + 1;
    // Timing features use only what people trip or switch indoors: timers, cameras watching the street
    // and blinds on a sunrise schedule would blur the household's rhythm with the device mix.
    if (isHuman[e] !== true) continue;
    const hour = local.hour[i] ?? 0;
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
  for (let d = 0; d < dayCount; d++) {
    const v = perDay[d] ?? 0;
    variance += (v - mean) ** 2 / dayCount;
    if (v > threshold) activeDays++;
    const first = firstMinute[d] ?? Number.POSITIVE_INFINITY;
    if (Number.isFinite(first)) {
      if ((((firstDay + d + 3) % 7) + 7) % 7 >= 5) wakeWeekend.push(first);
      else wakeWeekday.push(first);
    }
    const last = lastMinute[d] ?? Number.NEGATIVE_INFINITY;
    if (Number.isFinite(last)) sleeps.push(last);
  }
  const wakeAll = [...wakeWeekday, ...wakeWeekend];
  f.push(
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
  );
  return Float32Array.from(f);
}
