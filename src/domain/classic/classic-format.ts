import { DEVICE_TYPES, FAILURE_SCENARIOS, METRIC_CLAMPS, METRICS } from '../device-types';
import { HOME_TYPES } from '../home-types';
import { csvLine } from '../csv';
import { METRIC_COUNT, NO_HOME_TYPE, type ClassicColumns } from './classic-generator';

/** `synthetic_device_0001`: 1-based, zero-padded to 4 digits (more when needed), like Python's `{:04d}`. */
export function deviceId(n: number): string {
  return `synthetic_device_${String(n).padStart(4, '0')}`;
}

const SCALE = METRICS.map((m) => {
  const d = METRIC_CLAMPS[m].decimals;
  return d === 'int' ? 1 : 10 ** d;
});

/** A stored (Float32) metric back to the exact decimal the original printed. */
export function metricValue(cols: ClassicColumns, row: number, m: number): number {
  const v = cols.metrics[row * METRIC_COUNT + m] ?? Number.NaN;
  const s = SCALE[m] ?? 1;
  return Math.round(v * s) / s;
}

export function homeTypeName(code: number): string | null {
  return code === NO_HOME_TYPE ? null : (HOME_TYPES[code] ?? null);
}

/** One row as the original's output record (§1.2), keys in the original order. */
export function classicRecord(cols: ClassicColumns, row: number): Record<string, string | number> {
  const rec: Record<string, string | number> = { device_id: deviceId(cols.deviceNumber[row] ?? 0) };
  METRICS.forEach((name, m) => {
    rec[name] = metricValue(cols, row, m);
  });
  const h = cols.healthScore[row] ?? Number.NaN;
  if (!Number.isNaN(h)) rec.health_score = Math.round(h * 100) / 100;
  const ht = homeTypeName(cols.homeType[row] ?? NO_HOME_TYPE);
  if (ht !== null) rec.home_type = ht;
  return rec;
}

/** Our own view of a row: the original record plus the ground truth the original threw away. */
export function classicRecordWithTruth(cols: ClassicColumns, row: number): Record<string, string | number> {
  const rec = classicRecord(cols, row);
  rec.device_type = DEVICE_TYPES[cols.deviceType[row] ?? 0] ?? 'sensor';
  const sc = cols.scenario[row] ?? -1;
  rec.failure_scenario = sc < 0 ? 'none' : (FAILURE_SCENARIOS[sc] ?? 'none');
  rec.legacy_label = cols.legacyLabel[row] ?? 0;
  return rec;
}

/**
 * The original `large_training_data.json` text (a JSON array, indent 2), in pieces so a large dataset is
 * written to a Blob without building one giant string.
 */
export function* classicJsonPieces(chunks: Iterable<ClassicColumns>): Generator<string> {
  let first = true;
  yield '[';
  for (const cols of chunks) {
    const parts: string[] = [];
    for (let r = 0; r < cols.length; r++) {
      const body = JSON.stringify(classicRecord(cols, r), null, 2).replace(/\n/g, '\n  ');
      parts.push(`${first ? '' : ','}\n  ${body}`);
      first = false;
    }
    yield parts.join('');
  }
  yield first ? ']' : '\n]';
}

export const CLASSIC_CSV_COLUMNS = [
  'device_id',
  'home_type',
  'device_type',
  'failure_scenario',
  ...METRICS,
  'health_score',
  'legacy_label',
] as const;

/** CSV with every column, including the latent ground truth and the legacy label. */
export function* classicCsvPieces(chunks: Iterable<ClassicColumns>): Generator<string> {
  yield csvLine(CLASSIC_CSV_COLUMNS);
  for (const cols of chunks) {
    const lines: string[] = [];
    for (let r = 0; r < cols.length; r++) {
      const rec = classicRecordWithTruth(cols, r);
      lines.push(csvLine(CLASSIC_CSV_COLUMNS.map((c) => rec[c] ?? null)));
    }
    yield lines.join('');
  }
}

/** Slices columns [start, end) without copying (typed-array views). */
export function sliceClassic(cols: ClassicColumns, start: number, end: number): ClassicColumns {
  return {
    length: end - start,
    deviceNumber: cols.deviceNumber.subarray(start, end),
    homeType: cols.homeType.subarray(start, end),
    deviceType: cols.deviceType.subarray(start, end),
    scenario: cols.scenario.subarray(start, end),
    metrics: cols.metrics.subarray(start * METRIC_COUNT, end * METRIC_COUNT),
    healthScore: cols.healthScore.subarray(start, end),
    legacyLabel: cols.legacyLabel.subarray(start, end),
  };
}
