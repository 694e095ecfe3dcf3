import { DEVICE_TYPES, METRICS, type Metric } from '../device-types';
import { HOME_TYPES } from '../home-types';
import { DAY_MS } from '../temporal/calendar';
import { createDatasetContext } from '../temporal/dataset-context';
import { regenerateDevice } from '../temporal/regenerate';
import type { TemporalSpec } from '../temporal/spec';

export type ProfileRow = Record<string, number | string | null>;

/** Mean of one metric by local hour, local weekday and month, per device type and per home type. */
export interface DatasetProfiles {
  metric: Metric;
  devicesUsed: number;
  hourByDeviceType: ProfileRow[];
  weekdayByDeviceType: ProfileRow[];
  hourByHomeType: ProfileRow[];
  weekdayByHomeType: ProfileRow[];
  /** Per month of the series, the mean of the metric over all sampled devices (and per home type). */
  monthly: ProfileRow[];
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

class Means {
  readonly sum: Float64Array;
  readonly n: Float64Array;
  readonly buckets: number;
  constructor(groups: number, buckets: number) {
    this.buckets = buckets;
    this.sum = new Float64Array(groups * buckets);
    this.n = new Float64Array(groups * buckets);
  }
  add(g: number, b: number, v: number): void {
    this.sum[g * this.buckets + b] = (this.sum[g * this.buckets + b] ?? 0) + v;
    this.n[g * this.buckets + b] = (this.n[g * this.buckets + b] ?? 0) + 1;
  }
  rows(labels: readonly string[], groupNames: readonly string[], key: string): ProfileRow[] {
    return labels.map((label, b) => {
      const row: ProfileRow = { [key]: label };
      groupNames.forEach((name, g) => {
        const n = this.n[g * this.buckets + b] ?? 0;
        if (n > 0) row[name] = (this.sum[g * this.buckets + b] ?? 0) / n;
      });
      return row;
    });
  }
}

/** Up to `count` device indices spread evenly over the dataset (deterministic). */
export function spreadDevices(total: number, count: number): number[] {
  const k = Math.min(total, count);
  return Array.from({ length: k }, (_, i) => Math.floor((i * total) / k));
}

/**
 * Profiles from regenerated raw series of up to `maxDevices` devices (raw steps are never stored, and
 * regeneration is exact). Hours, weekdays and months are local to the dataset's time zone.
 */
export function datasetProfiles(spec: TemporalSpec, metric: Metric, maxDevices = 240): DatasetProfiles {
  const ctx = createDatasetContext(spec);
  const { cal } = ctx;
  const devices = spreadDevices(ctx.dir.totalDevices, maxDevices);
  const byTypeHour = new Means(DEVICE_TYPES.length, 24);
  const byTypeDay = new Means(DEVICE_TYPES.length, 7);
  const byHomeHour = new Means(HOME_TYPES.length, 24);
  const byHomeDay = new Means(HOME_TYPES.length, 7);
  const monthKeys: string[] = [];
  const monthOfDay = new Int32Array(cal.days);
  for (let d = 0; d < cal.days; d++) {
    const date = new Date((cal.firstDayNumber + d) * DAY_MS);
    const key = `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
    if (monthKeys.at(-1) !== key) monthKeys.push(key);
    monthOfDay[d] = monthKeys.length - 1;
  }
  const byMonth = new Means(HOME_TYPES.length + 1, monthKeys.length);
  for (const idx of devices) {
    const s = regenerateDevice(spec, idx, ctx);
    const t = DEVICE_TYPES.indexOf(s.deviceType);
    const h = HOME_TYPES.indexOf(s.homeType);
    const values = s.metrics[metric];
    for (let d = 0; d < cal.days; d++) {
      const wd = cal.weekday[d] ?? 0;
      const mo = monthOfDay[d] ?? 0;
      const end = cal.dayStartStep[d + 1] ?? 0;
      for (let i = cal.dayStartStep[d] ?? 0; i < end; i++) {
        const v = values[i] ?? Number.NaN;
        if (v !== v) continue;
        const hour = Math.min(23, Math.floor(cal.localHour[i] ?? 0));
        byTypeHour.add(t, hour, v);
        byTypeDay.add(t, wd, v);
        byHomeHour.add(h, hour, v);
        byHomeDay.add(h, wd, v);
        byMonth.add(h, mo, v);
        byMonth.add(HOME_TYPES.length, mo, v);
      }
    }
  }
  const hours = Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0'));
  return {
    metric,
    devicesUsed: devices.length,
    hourByDeviceType: byTypeHour.rows(hours, DEVICE_TYPES, 'hour'),
    weekdayByDeviceType: byTypeDay.rows(WEEKDAYS, DEVICE_TYPES, 'weekday'),
    hourByHomeType: byHomeHour.rows(hours, HOME_TYPES, 'hour'),
    weekdayByHomeType: byHomeDay.rows(WEEKDAYS, HOME_TYPES, 'weekday'),
    monthly: byMonth.rows(monthKeys, [...HOME_TYPES, 'all'], 'month'),
  };
}

export function isMetric(x: string): x is Metric {
  return (METRICS as readonly string[]).includes(x);
}
