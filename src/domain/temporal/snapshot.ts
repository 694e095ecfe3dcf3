import { METRICS, METRIC_CLAMPS, type Metric } from '../device-types';
import { HOME_TYPES, type HomeType } from '../home-types';
import { healthScoreOfRow } from '../classic/health-score';
import { createRng, deriveSeed } from '../random';
import { DAY_MS } from './calendar';
import type { RegeneratedDevice } from './regenerate';
import type { TemporalSpec } from './spec';
import type { TemporalChunk } from './temporal-types';
import { FEATURE_COUNT, featureIndex } from './window-features';

/** One device's values at a moment, before the original's clamps and rounding. */
export interface ClassicSnapshotSource {
  deviceIndex: number;
  homeType: HomeType;
  values: Record<Metric, number>;
}

/** The original output record (§1.2) plus `home_type`, keys in the original order. */
export type ClassicSnapshotRecord = { device_id: string } & Record<Metric, number> & {
    health_score?: number;
    home_type: HomeType;
  };

const COUNT_METRICS: ReadonlySet<Metric> = new Set(['restart_count', 'connection_drops']);

/** Counts in a snapshot are per W-day window: mean per step × nominal steps, so missing steps do not lower them. */
function stepsPerWindow(spec: Pick<TemporalSpec, 'windowDays' | 'resolutionMinutes'>): number {
  return (spec.windowDays * 1440) / spec.resolutionMinutes;
}

/**
 * Snapshot source from a regenerated series at `atTime` (default: its end, or the failure for a failed
 * device): the last reported value of each metric, and restart and drop counts over the W days before.
 */
export function snapshotSourceFromSeries(
  series: RegeneratedDevice,
  spec: Pick<TemporalSpec, 'windowDays' | 'resolutionMinutes'>,
  atTime = Number.POSITIVE_INFINITY,
): ClassicSnapshotSource {
  const from =
    (Number.isFinite(atTime) ? atTime : (series.time[series.time.length - 1] ?? 0) + 1) - spec.windowDays * DAY_MS;
  const values = {} as Record<Metric, number>;
  for (const m of METRICS) {
    const xs = series.metrics[m];
    let last = Number.NaN;
    let sum = 0;
    let n = 0;
    for (let i = 0; i < xs.length; i++) {
      const t = series.time[i] ?? 0;
      if (t >= atTime) break;
      const x = xs[i] ?? Number.NaN;
      if (x !== x) continue;
      last = x;
      if (t >= from) {
        sum += x;
        n++;
      }
    }
    values[m] = COUNT_METRICS.has(m) ? (n > 0 ? (sum / n) * stepsPerWindow(spec) : 0) : last;
  }
  return { deviceIndex: series.deviceIndex, homeType: series.homeType, values };
}

/** Snapshot sources from stored chunks: each device's latest sample (window `last` values, counts from window means). */
export function snapshotSourcesFromChunk(
  chunk: Pick<TemporalChunk, 'devices' | 'samples'>,
  spec: Pick<TemporalSpec, 'windowDays' | 'resolutionMinutes'>,
): ClassicSnapshotSource[] {
  const latest = new Map<number, number>();
  const { samples, devices } = chunk;
  for (let i = 0; i < samples.deviceIndex.length; i++) {
    const d = samples.deviceIndex[i] ?? 0;
    const prev = latest.get(d);
    if (prev === undefined || (samples.time[i] ?? 0) >= (samples.time[prev] ?? 0)) latest.set(d, i);
  }
  const out: ClassicSnapshotSource[] = [];
  for (let r = 0; r < devices.deviceIndex.length; r++) {
    const d = devices.deviceIndex[r] ?? 0;
    const i = latest.get(d);
    if (i === undefined) continue;
    const values = {} as Record<Metric, number>;
    METRICS.forEach((m, mi) => {
      const base = i * FEATURE_COUNT;
      values[m] = COUNT_METRICS.has(m)
        ? (samples.features[base + featureIndex(mi, 'mean')] ?? 0) * stepsPerWindow(spec)
        : (samples.features[base + featureIndex(mi, 'last')] ?? Number.NaN);
    });
    out.push({ deviceIndex: d, homeType: HOME_TYPES[devices.homeType[r] ?? 0] ?? 'single_family_house', values });
  }
  return out;
}

/** A value clamped and rounded as the original printed it (counts truncated). */
export function roundClassic(metric: Metric, value: number): number {
  const c = METRIC_CLAMPS[metric];
  const v = Math.min(c.max, Math.max(c.min, Number.isFinite(value) ? value : c.min));
  if (c.decimals === 'int') return Math.trunc(v);
  const s = 10 ** c.decimals;
  return Math.round(v * s) / s;
}

/**
 * The classic one-row-per-device snapshot (device_id `synthetic_device_NNNN` from the global device
 * index + 1, the 11 metrics clamped and rounded as the original, optional health_score, home_type).
 * `healthScore: 'original'` includes it on ≈ 70 % of rows by a seeded draw per device, as the original did.
 */
export function toClassicSnapshot(
  sources: readonly ClassicSnapshotSource[],
  opts: { healthScore?: 'original' | 'always' | 'never'; seed?: number } = {},
): ClassicSnapshotRecord[] {
  const mode = opts.healthScore ?? 'original';
  return sources.map((src) => {
    const rounded = METRICS.map((m) => roundClassic(m, src.values[m]));
    const rec = {
      device_id: `synthetic_device_${String(src.deviceIndex + 1).padStart(4, '0')}`,
    } as ClassicSnapshotRecord;
    METRICS.forEach((m, i) => {
      rec[m] = rounded[i] ?? 0;
    });
    const include =
      mode === 'always' ||
      (mode === 'original' && createRng(deriveSeed(opts.seed ?? 0, 'health', src.deviceIndex)).next() > 0.3);
    if (include) rec.health_score = healthScoreOfRow(rounded);
    rec.home_type = src.homeType;
    return rec;
  });
}
