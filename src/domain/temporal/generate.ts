import { HOME_TYPES } from '../home-types';
import { DAY_MS } from './calendar';
import { createDatasetContext } from './dataset-context';
import { deviceRng, drawDeviceSetup } from './device-model';
import { drawHome, type HomeProfile } from './homes';
import { fillActivity } from './occupancy';
import { METRIC_COUNT, simulateDevice, type DaySink } from './simulate';
import type { TemporalSpec } from './spec';
import type { ColumnarTemporalChunk, DeviceColumns, SampleColumns, TemporalChunk } from './temporal-types';
import {
  DAY_AGG_SIZE,
  FEATURE_COUNT,
  FEATURE_NAMES,
  aggregateDay,
  legacyRuleOnFeatures,
  windowStats,
  writeStaticFeatures,
} from './window-features';

/**
 * Samples per chunk aimed at when the caller does not fix `homesPerChunk` (≈ 33 MB of features), so a
 * year of daily samples and a few weekly ones both give chunks of a sensible size.
 */
export const TARGET_SAMPLES_PER_CHUNK = 100_000;
const MAX_HOMES_PER_CHUNK = 256;

/** Whole homes per chunk for about `targetSamples` samples, at least 1. */
export function defaultHomesPerChunk(
  totalDevices: number,
  homes: number,
  samplesPerDevice: number,
  targetSamples = TARGET_SAMPLES_PER_CHUNK,
): number {
  const perHome = (totalDevices / Math.max(1, homes)) * Math.max(1, samplesPerDevice);
  return Math.max(1, Math.min(MAX_HOMES_PER_CHUNK, Math.floor(targetSamples / perHome)));
}

function sampleBuffers(capacity: number) {
  return {
    sDevice: new Uint32Array(capacity),
    sTime: new Float64Array(capacity),
    sFeatures: new Float32Array(capacity * FEATURE_COUNT),
    sLabel: new Uint8Array(capacity),
    sLegacy: new Uint8Array(capacity),
  };
}

type SampleBuffers = ReturnType<typeof sampleBuffers>;

/** What one pass over a chunk of homes produced: its homes and devices, and `n` samples in `pool`. */
interface RawChunk extends Omit<TemporalChunk, 'samples'> {
  pool: SampleBuffers;
  n: number;
}

interface ChunkOptions {
  homesPerChunk?: number;
  /** Samples per chunk aimed at when `homesPerChunk` is not given (default TARGET_SAMPLES_PER_CHUNK). */
  targetSamples?: number;
  homes?: { from: number; to: number };
  /**
   * Visit the range's homes grouped by home type (each type's homes in index order) and never mix types
   * in a chunk, so a writer partitioned by home type gets each chunk whole. Device rows are then in the
   * order generated, which is no longer consecutive device indices.
   */
  groupByHomeType?: boolean;
}

/**
 * Generates the dataset as chunks of whole homes, in home order (by type first with `groupByHomeType`);
 * concatenated they are the whole dataset, and the same spec gives the same bytes whatever the chunk size (default: about
 * TARGET_SAMPLES_PER_CHUNK samples per chunk). Memory stays bounded: one device's day buffer and
 * day aggregates are reused, raw steps are never kept. A failed device has no samples at or after its
 * failure time (it reports nothing once it has failed).
 */
export function* generateTemporal(spec: TemporalSpec, opts: ChunkOptions = {}): Generator<TemporalChunk> {
  for (const { pool, n, ...chunk } of rawChunks(spec, opts, false)) {
    const { sDevice, sTime, sFeatures, sLabel, sLegacy } = pool;
    // Exact-length copies (failed devices leave the buffers short) so a transferred chunk carries no slack.
    const samples: SampleColumns =
      n === sLabel.length
        ? { deviceIndex: sDevice, time: sTime, features: sFeatures, label: sLabel, legacyLabel: sLegacy }
        : {
            deviceIndex: sDevice.slice(0, n),
            time: sTime.slice(0, n),
            features: sFeatures.slice(0, n * FEATURE_COUNT),
            label: sLabel.slice(0, n),
            legacyLabel: sLegacy.slice(0, n),
          };
    yield { ...chunk, samples };
  }
}

/**
 * The same samples as generateTemporal, with the features written column-major as they are computed, for
 * columnar writers (Parquet) that would otherwise transpose every row. One set of buffers serves every
 * chunk: a chunk's columns are views that the next chunk overwrites.
 */
export function* generateTemporalColumns(
  spec: TemporalSpec,
  opts: ChunkOptions = {},
): Generator<ColumnarTemporalChunk> {
  for (const { pool, n, ...chunk } of rawChunks(spec, opts, true)) {
    const cap = pool.sLabel.length;
    yield {
      ...chunk,
      samples: {
        deviceIndex: pool.sDevice.subarray(0, n),
        time: pool.sTime.subarray(0, n),
        featureColumns: FEATURE_NAMES.map((_name, f) => pool.sFeatures.subarray(f * cap, f * cap + n)),
        label: pool.sLabel.subarray(0, n),
        legacyLabel: pool.sLegacy.subarray(0, n),
      },
    };
  }
}

/** The homes [from, to) in the order generated: by index, or by home type and then index. */
function homeOrder(homeType: Uint8Array, from: number, to: number, byType: boolean): Uint32Array {
  const order = new Uint32Array(to - from);
  if (!byType) {
    for (let i = 0; i < order.length; i++) order[i] = from + i;
    return order;
  }
  let k = 0;
  for (let t = 0; t < HOME_TYPES.length; t++) for (let h = from; h < to; h++) if (homeType[h] === t) order[k++] = h;
  return order;
}

function* rawChunks(spec: TemporalSpec, opts: ChunkOptions, columnar: boolean): Generator<RawChunk> {
  const ctx = createDatasetContext(spec);
  // A range of homes (a shard) is generated exactly as in the whole run: every home and device draws from
  // its own seeded stream and the failing set is a seeded permutation of global device indices.
  const from = Math.max(0, Math.min(spec.homes, Math.floor(opts.homes?.from ?? 0)));
  const to = Math.max(from, Math.min(spec.homes, Math.floor(opts.homes?.to ?? spec.homes)));
  const { cal, dir, sampleDays } = ctx;
  const homesPerChunk = Math.max(
    1,
    Math.floor(
      opts.homesPerChunk ?? defaultHomesPerChunk(dir.totalDevices, spec.homes, sampleDays.length, opts.targetSamples),
    ),
  );
  const horizonMs = spec.horizonDays * DAY_MS;
  const activity = new Float32Array(cal.stepCount);
  const buf = new Float32Array(METRIC_COUNT * cal.maxStepsPerDay);
  const bits = new Int32Array(buf.buffer);
  const dayAgg = new Float64Array(cal.days * DAY_AGG_SIZE);
  // simulateDevice always hands back `buf`, which `bits` views.
  const sink: DaySink = (day, firstStep, count, _buf, stride) =>
    aggregateDay(buf, bits, stride, count, firstStep, cal, dayAgg, day * DAY_AGG_SIZE);

  let devicesDone = 0;
  let deviceSteps = 0;
  let pool: ReturnType<typeof sampleBuffers> | null = null;
  const order = homeOrder(dir.homeType, from, to, opts.groupByHomeType === true);
  const devicesOf = (h: number): number => (dir.firstDevice[h + 1] ?? 0) - (dir.firstDevice[h] ?? 0);
  for (let i0 = 0; i0 < order.length;) {
    const type0 = dir.homeType[order[i0] ?? 0];
    let i1 = i0;
    let nDevices = 0;
    while (
      i1 < order.length &&
      i1 - i0 < homesPerChunk &&
      (opts.groupByHomeType !== true || dir.homeType[order[i1] ?? 0] === type0)
    )
      nDevices += devicesOf(order[i1++] ?? 0);
    const devices: DeviceColumns = {
      deviceIndex: new Uint32Array(nDevices),
      homeIndex: new Uint32Array(nDevices),
      homeType: new Uint8Array(nDevices),
      deviceType: new Uint8Array(nDevices),
      batteryPowered: new Uint8Array(nDevices),
      outdoor: new Uint8Array(nDevices),
      scenario: new Int8Array(nDevices),
      precursorStart: new Float64Array(nDevices),
      failureTime: new Float64Array(nDevices),
    };
    const capacity = nDevices * sampleDays.length;
    // Column-major chunks are views for a writer that finishes with each before asking for the next: one set
    // of buffers serves them all (no ~30 MB allocated and zeroed per chunk). Row-major chunks are kept.
    if (pool === null || pool.sLabel.length < capacity || !columnar) pool = sampleBuffers(capacity);
    const { sDevice, sTime, sFeatures, sLabel, sLegacy } = pool;
    // Feature k of sample n is at n · FEATURE_COUNT + k (row-major) or k · cap + n (column-major).
    const stride = columnar ? sLabel.length : 1;
    const step = columnar ? 1 : FEATURE_COUNT;
    let n = 0;
    const homes: HomeProfile[] = [];

    let row = 0;
    for (let i = i0; i < i1; i++) {
      const h = order[i] ?? 0;
      const home = drawHome(spec, h, ctx.homeMix);
      homes.push(home);
      fillActivity(spec.seed, home, cal, activity);
      const homeTypeIndex = dir.homeType[h] ?? 0;
      const d0 = dir.firstDevice[h] ?? 0;
      for (let d = d0; d < d0 + home.deviceCount; d++) {
        const rng = deviceRng(spec.seed, d);
        const dev = drawDeviceSetup(rng, spec, cal, d, h, homeTypeIndex, home.homeType, ctx.failures.isFailing(d));
        simulateDevice(spec, cal, dev, activity, rng, buf, sink);

        devices.deviceIndex[row] = d;
        devices.homeIndex[row] = h;
        devices.homeType[row] = homeTypeIndex;
        devices.deviceType[row] = dev.typeIndex;
        devices.batteryPowered[row] = dev.battery ? 1 : 0;
        devices.outdoor[row] = dev.outdoor ? 1 : 0;
        devices.scenario[row] = dev.failing ? dev.plan.scenario : -1;
        devices.precursorStart[row] = dev.failing ? dev.plan.precursorStart : Number.NaN;
        const failureTime = dev.failing ? dev.plan.failureTime : Number.NaN;
        devices.failureTime[row++] = failureTime;

        for (const sd of sampleDays) {
          const t = cal.dayStartTime[sd] ?? 0;
          if (t >= failureTime) break;
          const offset = n * step;
          windowStats(dayAgg, cal, sd, spec.windowDays, sFeatures, offset, stride);
          writeStaticFeatures(sFeatures, offset, dev.typeIndex, homeTypeIndex, dev.outdoor, stride);
          sDevice[n] = d;
          sTime[n] = t;
          sLabel[n] = failureTime > t && failureTime <= t + horizonMs ? 1 : 0;
          sLegacy[n] = legacyRuleOnFeatures(sFeatures, offset, stride);
          n++;
        }
        deviceSteps += cal.stepCount;
      }
    }
    devicesDone += nDevices;
    yield {
      homes,
      devices,
      pool,
      n,
      progress: { homesDone: i1, homesTotal: to - from, devicesDone, deviceSteps },
    };
    i0 = i1;
  }
}
