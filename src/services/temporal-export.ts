import { csvLine } from '../domain/csv';
import { DEVICE_TYPES, FAILURE_SCENARIOS } from '../domain/device-types';
import { HOME_TYPES } from '../domain/home-types';
import { regenerateDevice } from '../domain/temporal/regenerate';
import { snapshotSourceFromSeries, toClassicSnapshot } from '../domain/temporal/snapshot';
import { createDatasetContext } from '../domain/temporal/dataset-context';
import type { TemporalSpec } from '../domain/temporal/spec';
import type { TemporalChunk } from '../domain/temporal/temporal-types';
import { FEATURE_COUNT, FEATURE_NAMES } from '../domain/temporal/window-features';

type StoredChunk = Omit<TemporalChunk, 'progress'>;

/**
 * What each column of a temporal samples export (CSV and JSON) is for. Train on `features` only, predict
 * `label`. `truth_failure_scenario` is the simulator's ground truth (the injected scenario, "none" for a
 * healthy device): it is constant per device and tells failing devices from healthy ones, so a model given
 * it scores ROC-AUC ≈ 0.96 by reading the answer; keep it for per-scenario evaluation only. `legacy_label`
 * is the original's rule over three window `last` values: a (leaky) baseline, neither a feature nor the label.
 */
export const TEMPORAL_COLUMN_ROLES = {
  /** Identify the sample; split by device_id (or time), never use as features. */
  identifiers: ['device_id', 'home_index', 'time'],
  /** Readable copies of the device-type and home-type one-hot features. */
  descriptors: ['home_type', 'device_type'],
  /** The model inputs: six window statistics per metric, device-type and home-type one-hots, outdoor. */
  features: FEATURE_NAMES,
  /** 1 when the device fails within (time, time + H days]. */
  label: 'label',
  /** The original's leaky three-threshold rule: a baseline to compare against. */
  baselines: ['legacy_label'],
  /** Simulator ground truth: not observable on a real device; never a feature. */
  groundTruth: ['truth_failure_scenario'],
} as const;

export const TEMPORAL_CSV_COLUMNS = [
  'device_id',
  'home_index',
  'home_type',
  'device_type',
  'truth_failure_scenario',
  'time',
  ...FEATURE_NAMES,
  'label',
  'legacy_label',
];

/** The device_id a samples export writes for a device index. */
export function sampleDeviceId(index: number): string {
  return `synthetic_device_${String(index + 1).padStart(4, '0')}`;
}

/** Per sample: the device's identity and ground truth, looked up once per chunk. */
function* sampleRows(
  chunks: Iterable<StoredChunk>,
): Generator<{ cells: (string | number | null)[]; features: Float32Array; label: number; legacy: number }[]> {
  for (const c of chunks) {
    const pos = new Map<number, number>();
    c.devices.deviceIndex.forEach((d, i) => pos.set(d, i));
    const rows = [];
    for (let i = 0; i < c.samples.deviceIndex.length; i++) {
      const d = c.samples.deviceIndex[i] ?? 0;
      const p = pos.get(d) ?? 0;
      const sc = c.devices.scenario[p] ?? -1;
      rows.push({
        cells: [
          sampleDeviceId(d),
          c.devices.homeIndex[p] ?? 0,
          HOME_TYPES[c.devices.homeType[p] ?? 0] ?? '',
          DEVICE_TYPES[c.devices.deviceType[p] ?? 0] ?? '',
          sc < 0 ? 'none' : (FAILURE_SCENARIOS[sc] ?? 'none'),
          new Date(c.samples.time[i] ?? 0).toISOString(),
        ],
        features: c.samples.features.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT),
        label: c.samples.label[i] ?? 0,
        legacy: c.samples.legacyLabel[i] ?? 0,
      });
    }
    yield rows;
  }
}

/** Samples as CSV: identity, ground truth, every window feature, the label and the legacy label. */
export function* temporalCsvPieces(chunks: Iterable<StoredChunk>): Generator<string> {
  yield csvLine(TEMPORAL_CSV_COLUMNS);
  for (const rows of sampleRows(chunks)) {
    yield rows
      .map((r) =>
        csvLine([...r.cells, ...Array.from(r.features, (v) => (Number.isFinite(v) ? v : null)), r.label, r.legacy]),
      )
      .join('');
  }
}

/** Samples as a JSON array of objects with the same fields as the CSV. */
export function* temporalSamplesJsonPieces(chunks: Iterable<StoredChunk>): Generator<string> {
  let first = true;
  yield '[';
  for (const rows of sampleRows(chunks)) {
    const parts: string[] = [];
    for (const r of rows) {
      const obj: Record<string, string | number | null> = {};
      TEMPORAL_CSV_COLUMNS.slice(0, 6).forEach((k, i) => {
        obj[k] = r.cells[i] ?? null;
      });
      FEATURE_NAMES.forEach((k, i) => {
        const v = r.features[i] ?? Number.NaN;
        obj[k] = Number.isFinite(v) ? v : null;
      });
      obj.label = r.label;
      obj.legacy_label = r.legacy;
      parts.push(`${first ? '' : ','}\n${JSON.stringify(obj)}`);
      first = false;
    }
    yield parts.join('');
  }
  yield '\n]';
}

/**
 * The classic one-row-per-device snapshot (original `large_training_data.json` shape) of a temporal
 * dataset: each device regenerated and read at the end of its series (or its failure).
 */
export function* temporalSnapshotPieces(spec: TemporalSpec, chunks: Iterable<StoredChunk>): Generator<string> {
  const ctx = createDatasetContext(spec);
  let first = true;
  yield '[';
  for (const c of chunks) {
    const sources = Array.from(c.devices.deviceIndex, (d) =>
      snapshotSourceFromSeries(regenerateDevice(spec, d, ctx), spec),
    );
    const records = toClassicSnapshot(sources, { seed: spec.seed });
    const parts = records.map((r) => {
      const s = `${first ? '' : ','}\n  ${JSON.stringify(r, null, 2).replace(/\n/g, '\n  ')}`;
      first = false;
      return s;
    });
    yield parts.join('');
  }
  yield first ? ']' : '\n]';
}
