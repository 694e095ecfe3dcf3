import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvLine } from '../src/domain/csv';
import { describeThresholdRule } from '../src/domain/evaluation/operating-threshold';
import { HOME_TYPES } from '../src/domain/home-types';
import {
  MODEL_FAMILIES,
  type ModelFamily,
  type RunConfig,
  type SlotKey,
  type SlotResult,
} from '../src/domain/training/run-types';
import { layersModelFiles, singleModelFileText, type ExportInput } from '../src/ml/model-export';
import { toJsonSafe, type TrainingProvenance } from '../src/ml/model-file-format';
import type { TrainingTable } from '../src/ml/training-table';
import type { ModelRecord } from '../src/storage/records';

/** File names inside a slot's output folder. */
export const SLOT_FILES = {
  network: 'model.json',
  weights: 'weights.bin',
  trees: 'trees.json',
  metadata: 'metadata.json',
} as const;

/** The version every model written by the command line carries (the app numbers its own on import). */
const CLI_MODEL_VERSION = '1.0.0';

/**
 * Writes one saved model into DIR/<slot>/: a network as TF.js layers files (model.json with our metadata +
 * weights.bin), trees as the app's single-file JSON (importable on the Models page). Returns the file names.
 */
export async function writeModelFiles(
  outputDir: string,
  saved: Omit<ModelRecord, 'version'>,
  result: SlotResult,
  config: RunConfig,
): Promise<string[]> {
  const dir = join(outputDir, saved.slot);
  await mkdir(dir, { recursive: true });
  const record: ModelRecord = { ...saved, version: CLI_MODEL_VERSION };
  const training: TrainingProvenance = {
    runName: saved.name,
    label: config.label,
    split: config.split,
    network: saved.family === 'network' ? config.network : null,
    trees: saved.family === 'trees' ? config.trees : null,
    counts: result.counts,
    baseRate: result.baseRate,
    epochs: result.history.length,
    bestEpoch: result.bestEpoch,
    thresholdValidation: result.thresholdValidation ?? null,
  };
  const input: ExportInput = {
    record,
    training,
    appVersion: saved.appVersion,
    exportedAt: new Date(saved.createdAt).toISOString(),
  };
  if (saved.family === 'trees') {
    await writeFile(join(dir, SLOT_FILES.trees), singleModelFileText(input));
    return [SLOT_FILES.trees];
  }
  const files = layersModelFiles(input);
  await writeFile(join(dir, SLOT_FILES.network), files.modelJson);
  await writeFile(join(dir, SLOT_FILES.weights), new Uint8Array(files.weights));
  return [SLOT_FILES.network, SLOT_FILES.weights];
}

/** What one family of a slot contributes to metadata.json (threshold, its rule, metrics, files). */
export function familyMetadata(
  result: SlotResult,
  files: string[],
  config: RunConfig,
  backend: string,
): Record<string, unknown> {
  const family = result.family ?? 'network';
  return {
    status: result.status,
    ...(result.reason ? { note: result.reason } : {}),
    threshold: result.threshold,
    threshold_rule: result.thresholdRule ?? null,
    threshold_rule_text: result.thresholdRule ? describeThresholdRule(result.thresholdRule) : null,
    threshold_on_validation: result.thresholdValidation ?? null,
    // The threshold applies to calibrated probabilities: applyCalibrator(calibration, raw) >= threshold.
    calibration: result.calibration ?? null,
    f1_at_0_5: result.f1At05 ?? null,
    metrics: result.metrics,
    best_epoch: result.bestEpoch,
    [family === 'trees' ? 'rounds_run' : 'epochs_run']: result.history.length,
    training_ms: Math.round(result.trainMs),
    training_parameters: family === 'trees' ? config.trees : config.network,
    backend,
    files,
  };
}

/**
 * metadata.json of a slot: what its families share (features, standardiser, label, counts, baselines) and,
 * under `families`, each family's threshold, rule and metrics. The first family's threshold and metrics
 * are repeated at the top level, where the original's readers look for them.
 */
export function slotMetadata(
  slot: SlotKey,
  shared: { featureNames: string[]; standardizer: unknown; source: string },
  results: readonly SlotResult[],
  families: Partial<Record<ModelFamily, Record<string, unknown>>>,
  config: RunConfig,
): Record<string, unknown> {
  const first = results[0];
  const primary = first ? (families[first.family ?? 'network'] ?? {}) : {};
  return toJsonSafe({
    home_type: slot,
    feature_columns: shared.featureNames,
    standardizer: shared.standardizer,
    label: config.label,
    split: config.split,
    sample_counts: first?.counts ?? null,
    base_rate: first?.baseRate ?? null,
    baselines: first?.baselines ?? null,
    primary_family: first?.family ?? 'network',
    threshold: primary.threshold ?? null,
    threshold_rule: primary.threshold_rule ?? null,
    f1_at_0_5: primary.f1_at_0_5 ?? null,
    metrics: primary.metrics ?? null,
    families,
    data_source: shared.source,
  }) as Record<string, unknown>;
}

/** Column of a model in test_predictions.csv. */
export function scoreColumn(family: ModelFamily, slot: SlotKey): string {
  return `score_${family}_${slot}`;
}

/**
 * test_predictions.csv: one row per test sample of the run (device_id, time, home_type, label) and one
 * score column per trained model, empty where a model does not cover the row (another home type's model).
 */
export function* testPredictionsCsv(
  table: TrainingTable,
  deviceIds: readonly string[],
  testRows: Uint32Array,
  labels: Uint8Array,
  results: readonly SlotResult[],
): Generator<string> {
  const order: SlotKey[] = ['global', ...HOME_TYPES];
  const models = results
    .filter((r) => r.status === 'done' || r.status === 'stopped')
    .filter((r) => r.test !== null)
    .sort(
      (a, b) =>
        order.indexOf(a.slot) - order.indexOf(b.slot) ||
        MODEL_FAMILIES.indexOf(a.family ?? 'network') - MODEL_FAMILIES.indexOf(b.family ?? 'network'),
    );
  // Per model: test row → score. A home type's test rows are the run's test rows of that type, in order.
  const columns = models.map((r) => {
    const rows =
      r.slot === 'global' ? testRows : testRows.filter((row) => HOME_TYPES[table.homeType[row] ?? -1] === r.slot);
    const byRow = new Map<number, number>();
    rows.forEach((row, i) => byRow.set(row, r.test?.scores[i] ?? Number.NaN));
    return byRow;
  });
  yield csvLine([
    'device_id',
    'time',
    'home_type',
    'label',
    ...models.map((r) => scoreColumn(r.family ?? 'network', r.slot)),
  ]);
  const batch: string[] = [];
  for (const row of testRows) {
    const t = table.time?.[row];
    batch.push(
      csvLine([
        deviceIds[table.group[row] ?? 0] ?? '',
        t === undefined ? null : new Date(t).toISOString(),
        HOME_TYPES[table.homeType[row] ?? -1] ?? null,
        labels[row] ?? 0,
        ...columns.map((c) => {
          const s = c.get(row);
          return s === undefined || !Number.isFinite(s) ? null : Number(s.toPrecision(6));
        }),
      ]),
    );
    if (batch.length >= 10_000) yield batch.splice(0).join('');
  }
  yield batch.join('');
}
