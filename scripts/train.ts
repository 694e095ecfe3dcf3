import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseManifest } from '../src/domain/dataset-manifest';
import { buildComparisonResults, serializeComparisonResults, summarizeComparison, type HomeTypeResult } from '../src/domain/evaluation/comparison-format';
import { CALIBRATION_METHODS, type CalibrationMethod } from '../src/domain/evaluation/calibration';
import { describeThresholdRule, thresholdRuleSchema, type ThresholdRule } from '../src/domain/evaluation/operating-threshold';
import { HOME_TYPES, type HomeType } from '../src/domain/home-types';
import { LEGACY_LABEL_WARNING } from '../src/domain/legacy-label';
import { generateTemporal } from '../src/domain/temporal/generate';
import { defaultTemporalSpec, type TemporalSpec } from '../src/domain/temporal/spec';
import { selectBackend, type BackendName } from '../src/ml/backend';
import { finishedModelRecord, TREES_BACKEND, type ModelRecordContext } from '../src/ml/finished-model-record';
import { defaultRunConfig, parseRunConfig } from '../src/ml/run-config';
import { trainRun } from '../src/ml/train-run';
import { classicTable, tableLabels, temporalTable, type TrainingTable } from '../src/ml/training-table';
import { MODEL_FAMILIES, type LabelChoice, type ModelFamily, type ModelRecord, type RunConfig, type SlotKey, type SlotResult } from '../src/storage/records';
import { sampleDeviceId } from '../src/workers/temporal-export';
import { parseClassicJsonFile } from './classic-json-file';
import { familyMetadata, slotMetadata, testPredictionsCsv, writeModelFiles } from './train-outputs';
import { readTemporalSamplesFile } from './temporal-samples-file';

const CLASSIC = defaultRunConfig('classic');
const TEMPORAL = defaultRunConfig('temporal');
const APP_VERSION = '0.1.0';

export const USAGE = `Trains failure models with the app's own training code (TF.js and the boosted trees, in Node):
per home type on a classic JSON file, as the original train_home_type_models.py did, or globally and per home
type on temporal samples, with the same split, families, thresholds and evaluation as the Training page.

Usage: npx tsx scripts/train.ts (--data-file FILE | --manifest FILE) --output-dir DIR [options]

  --data-file FILE     classic JSON (the original large_training_data.json format), or temporal samples
                       exported by the app or by npm run generate -- --mode temporal (.csv, or samples JSON)
  --manifest FILE      a dataset manifest (.manifest.json from the Datasets page): regenerates a temporal
                       dataset exactly; with --data-file it supplies the label horizon (for the time split)
  --output-dir DIR     where the results go (required)
  --label L            classic: injected | legacy (default injected when every record has failure_scenario,
                       else legacy); temporal: horizon (default) | legacy
  --families F         network,trees (default), network or trees
  --threshold-rule R   max-f1 (default) | recall:0.8 | budget:5 (false alarms per 100 devices per 30 days,
                       temporal only) | fixed:0.5 — chosen on validation devices, never on test
  --calibration C      platt (default) | isotonic | none — fitted on validation devices, applied before the
                       threshold, written into the model files
  --split S            temporal: grouped (default; whole devices on one side) | time (latest window tested)
  --horizon-days N     temporal without a manifest: the label horizon H (default ${defaultTemporalSpec().horizonDays})
  --epochs N           maximum epochs per network (early stopping may end sooner); default ${CLASSIC.network.epochs}
  --seed N             network seed (initialisation and shuffling); default ${CLASSIC.network.seed}
  --backend B          wasm | cpu; default wasm, falling back to cpu
  --help               show this text

Writes, per trained slot (home type, and "global" on temporal data), DIR/<slot>/: model.json + weights.bin
(the network, TF.js layers format with our metadata), trees.json (the boosted trees, the app's model file:
importable on the Models page) and metadata.json (features, standardiser, label, counts, baselines, and per
family the threshold, its rule and the test metrics); DIR/comparison_results.json (the original's format,
keyed by home type); and on temporal data DIR/test_predictions.csv (device_id, time, home_type, label and
one score column per model: score_network_global, score_trees_global, score_network_<home_type>, …).`;

/** Where the CLI writes; the test passes collectors. */
export interface CliOutput {
  log: (line: string) => void;
  error: (line: string) => void;
}

class UsageError extends Error {}

interface CliArgs {
  dataFile: string | null;
  manifest: string | null;
  outputDir: string;
  label: LabelChoice | null;
  families: ModelFamily[];
  thresholdRule: ThresholdRule;
  calibration: CalibrationMethod;
  split: RunConfig['split'];
  horizonDays: number | null;
  epochs: number | null;
  seed: number | null;
  backend: BackendName;
}

function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number | null {
  if (value === undefined) return null;
  const v = Number(value);
  if (!Number.isInteger(v) || v < min || v > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${value}".`);
  return v;
}

const FLAGS = {
  'data-file': { type: 'string' },
  manifest: { type: 'string' },
  'output-dir': { type: 'string' },
  label: { type: 'string' },
  families: { type: 'string' },
  'threshold-rule': { type: 'string' },
  calibration: { type: 'string' },
  split: { type: 'string' },
  'horizon-days': { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  help: { type: 'boolean' },
} as const;

function readFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: FLAGS }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** "max-f1", "recall:0.8", "budget:5", "fixed:0.5". */
export function parseThresholdRuleFlag(text: string): ThresholdRule {
  const [kind, value] = text.split(':');
  const num = Number(value);
  const candidate =
    kind === 'max-f1' && value === undefined
      ? { kind: 'max-f1' }
      : kind === 'recall'
        ? { kind: 'target-recall', recall: num }
        : kind === 'budget'
          ? { kind: 'alert-budget', falseAlarms: num }
          : kind === 'fixed'
            ? { kind: 'fixed', threshold: num }
            : null;
  const r = candidate ? thresholdRuleSchema.safeParse(candidate) : null;
  if (!r?.success) {
    throw new UsageError(`--threshold-rule must be max-f1, recall:R (0 < R ≤ 1), budget:N (N ≥ 0) or fixed:T (0 < T < 1), got "${text}".`);
  }
  return r.data;
}

function parseFamilies(text: string | undefined): ModelFamily[] {
  if (text === undefined) return [...CLASSIC.families];
  const list = text.split(',').map((f) => f.trim());
  const bad = list.filter((f) => !(MODEL_FAMILIES as readonly string[]).includes(f));
  if (bad.length > 0 || list.length === 0) throw new UsageError(`--families must list network and/or trees, comma-separated, got "${text}".`);
  return [...new Set(list)] as ModelFamily[];
}

function parseCliArgs(argv: readonly string[]): CliArgs | 'help' {
  const values = readFlags(argv);
  if (values.help === true) return 'help';
  const dataFile = values['data-file'] ?? null;
  const manifest = values.manifest ?? null;
  const outputDir = values['output-dir'];
  if (dataFile === null && manifest === null) throw new UsageError('--data-file (or --manifest) is required.');
  if (outputDir === undefined) throw new UsageError('--output-dir is required.');
  const label = values.label ?? null;
  if (label !== null && label !== 'injected' && label !== 'legacy' && label !== 'horizon') {
    throw new UsageError(`--label must be injected or legacy (classic data), horizon or legacy (temporal data), got "${label}".`);
  }
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend must be wasm or cpu, got "${backend}".`);
  const calibration = CALIBRATION_METHODS.find((m) => m === (values.calibration ?? 'platt'));
  if (calibration === undefined) throw new UsageError(`--calibration must be platt, isotonic or none, got "${values.calibration ?? ''}".`);
  const split = values.split ?? 'grouped';
  if (split !== 'grouped' && split !== 'time') throw new UsageError(`--split must be grouped or time, got "${split}".`);
  return {
    dataFile,
    manifest,
    outputDir,
    label,
    families: parseFamilies(values.families),
    thresholdRule: values['threshold-rule'] === undefined ? CLASSIC.thresholdRule : parseThresholdRuleFlag(values['threshold-rule']),
    calibration,
    split,
    horizonDays: wholeNumber('horizon-days', values['horizon-days'], 1, 60),
    epochs: wholeNumber('epochs', values.epochs, 1, 500),
    seed: wholeNumber('seed', values.seed, 0, 4294967295),
    backend,
  };
}

function fmt(v: number | undefined): string {
  return v !== undefined && Number.isFinite(v) ? v.toFixed(3) : '—';
}

/** What the CLI trains on, read from the files it was given. */
interface LoadedData {
  kind: 'classic' | 'temporal';
  table: TrainingTable;
  /** Per group (device) its id, for test_predictions.csv; null for classic files. */
  deviceIds: string[] | null;
  label: LabelChoice;
  /** Names the dataset: the same content always gets the same test set. */
  datasetId: string;
  spec: Record<string, unknown>;
  notes: string[];
}

async function fileHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 16);
}

/** Reads the first bytes: temporal samples carry "label" and "time", the classic format neither. */
async function isTemporalFile(file: string): Promise<boolean> {
  if (file.toLowerCase().endsWith('.csv')) return true;
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(16_384), 0, 16_384, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    return /"label"\s*:/.test(head) && /"time"\s*:/.test(head);
  } finally {
    await handle.close();
  }
}

function temporalLabel(args: CliArgs): LabelChoice {
  if (args.label === 'injected') throw new Error('--label injected is for classic files; temporal data is labelled horizon ("fails within H days") or legacy.');
  return args.label ?? 'horizon';
}

async function readManifestSpec(file: string): Promise<TemporalSpec> {
  const manifest = parseManifest(await readFile(file, 'utf8'));
  if (manifest.kind !== 'temporal') throw new Error(`${file} is a classic dataset manifest; generate it with npm run generate and pass the JSON file with --data-file.`);
  return manifest.spec;
}

async function loadData(args: CliArgs): Promise<LoadedData> {
  const spec = args.manifest !== null ? await readManifestSpec(args.manifest) : null;
  if (args.dataFile === null) {
    if (spec === null) throw new Error('--data-file (or --manifest) is required.');
    const chunks = [...generateTemporal(spec)];
    const table = temporalTable(chunks, spec.horizonDays);
    const devices = chunks.reduce((s, c) => s + c.devices.deviceIndex.length, 0);
    const deviceIds = Array.from({ length: devices }, (_, i) => sampleDeviceId(i));
    const specHash = createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
    return {
      kind: 'temporal',
      table,
      deviceIds,
      label: temporalLabel(args),
      datasetId: `manifest-sha256:${specHash}`,
      spec: { ...spec },
      notes: [`Regenerated ${spec.homes} homes × ${spec.days} days from ${args.manifest ?? ''} (${table.n.toLocaleString('en-US')} samples).`],
    };
  }
  const dataFile = args.dataFile;
  await open(dataFile, 'r')
    .then((h) => h.close())
    .catch((e: unknown) => {
      throw new Error(`Cannot read ${dataFile}: ${e instanceof Error ? e.message : String(e)}`);
    });
  const datasetId = `file-sha256:${await fileHash(dataFile)}`;
  if (await isTemporalFile(dataFile)) {
    const horizonDays = spec?.horizonDays ?? args.horizonDays ?? defaultTemporalSpec().horizonDays;
    const file = await readTemporalSamplesFile(dataFile, horizonDays, () => readFile(dataFile, 'utf8'));
    const notes = [`Read ${file.table.n.toLocaleString('en-US')} temporal samples of ${file.deviceIds.length} devices from ${dataFile} (label horizon ${horizonDays} days).`];
    if (!file.scenarioKnown) notes.push('The file has no truth_failure_scenario column: recall per failure scenario is left empty.');
    return { kind: 'temporal', table: file.table, deviceIds: file.deviceIds, label: temporalLabel(args), datasetId, spec: spec ? { ...spec } : { horizonDays }, notes };
  }
  if (args.label === 'horizon') throw new Error('--label horizon needs a temporal dataset; a classic file has one snapshot per device. Use injected or legacy.');
  const file = parseClassicJsonFile(await readFile(dataFile, 'utf8'));
  const table = classicTable([file.columns], { scenarioKnown: file.scenarioKnown });
  // The original labelled the values as written in the file, not their Float32 copies.
  table.labels.legacy = file.legacy;
  const label: LabelChoice = args.label ?? (file.scenarioKnown ? 'injected' : 'legacy');
  if (label === 'injected' && !file.scenarioKnown) {
    throw new Error('--label injected needs a failure_scenario on every record; the original file format has none. Use --label legacy.');
  }
  const notes = [`Read ${table.n.toLocaleString('en-US')} records from ${dataFile}.`];
  if (file.withoutHomeType > 0) notes.push(`${file.withoutHomeType} records have no home_type and train no per-home-type model.`);
  if (label === 'legacy') {
    notes.push(
      args.label === null
        ? `Label: legacy rule, because the original file format carries no injected-scenario label. ${LEGACY_LABEL_WARNING}`
        : `Label: legacy rule. ${LEGACY_LABEL_WARNING}`,
    );
  } else notes.push('Label: injected failure scenario (ground truth from failure_scenario).');
  return { kind: 'classic', table, deviceIds: null, label, datasetId, spec: {}, notes };
}

function runConfigFor(data: LoadedData, args: CliArgs): RunConfig {
  const base = data.kind === 'classic' ? CLASSIC : TEMPORAL;
  return parseRunConfig({
    ...base,
    backend: args.backend,
    label: data.label,
    families: args.families,
    thresholdRule: args.thresholdRule,
    calibration: args.calibration,
    split: data.kind === 'classic' ? 'grouped' : args.split,
    // The original trained per home type only; temporal runs train the global model too, as the app does.
    global: data.kind === 'temporal',
    perHomeType: true,
    network: { ...base.network, ...(args.epochs !== null ? { epochs: args.epochs } : {}), ...(args.seed !== null ? { seed: args.seed } : {}) },
  });
}

function slotLine(result: SlotResult): string {
  const m = result.metrics;
  const family = result.family ?? 'network';
  if (result.status !== 'done' || !m) return `${result.slot} ${family}: not trained (${result.status}): ${result.reason ?? ''}`;
  const b = result.baselines;
  return (
    `${result.slot} ${family}: ${result.counts.train} train / ${result.counts.test} test (${result.counts.testPositives} positive) · ` +
    `${result.history.length} ${family === 'trees' ? 'rounds' : 'epochs'} · PR-AUC ${fmt(m.prAuc.estimate)} · ` +
    `F1 ${fmt(m.f1.estimate)} [${fmt(m.f1.low)}–${fmt(m.f1.high)}] at ${result.threshold.toPrecision(3)} · ` +
    `logistic F1 ${fmt(b?.logistic.f1.estimate)} · stump F1 ${fmt(b?.stump?.f1.estimate)} · legacy rule F1 ${fmt(b?.legacyRule.f1.estimate)} · ` +
    `${(result.trainMs / 1000).toFixed(2)} s`
  );
}

async function writeStream(file: string, pieces: Iterable<string>): Promise<void> {
  const stream = createWriteStream(file);
  for (const piece of pieces) {
    if (!stream.write(piece)) await new Promise<void>((r) => stream.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** Runs the command line; resolves with the exit code. */
export async function runTrainCli(argv: readonly string[], out: CliOutput): Promise<number> {
  let args: CliArgs | 'help';
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out.error(`${e.message}\nRun with --help for the flags.`);
    return 2;
  }
  if (args === 'help') {
    out.log(USAGE);
    return 0;
  }
  const started = performance.now();
  try {
    const data = await loadData(args);
    data.notes.forEach((n) => out.log(n));
    const config = runConfigFor(data, args);
    if (config.thresholdRule.kind === 'alert-budget' && data.kind === 'classic') {
      throw new Error('--threshold-rule budget needs sample times to count false alarms per device-month; classic files have none.');
    }
    out.log(`Families: ${config.families.join(', ')} · threshold: ${describeThresholdRule(config.thresholdRule)}.`);
    const choice = await selectBackend(args.backend, async (name) => {
      if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    });
    out.log(`TF.js backend: ${choice.active}${choice.note ? ` (${choice.note})` : ''}`);

    const ctx: ModelRecordContext = {
      runId: `cli-${Date.now()}`,
      runName: 'npm run train',
      datasetId: data.datasetId,
      datasetManifest: { kind: data.kind, spec: data.spec, appVersion: APP_VERSION },
      createdAt: Date.now(),
      appVersion: APP_VERSION,
      networkBackend: choice.active,
    };
    const source = args.dataFile ?? args.manifest ?? '';
    // Saved as records (the model is disposed after saving); written with the result once the slot is evaluated.
    const saved = new Map<string, Omit<ModelRecord, 'version'>>();
    const files = new Map<string, string[]>();
    const bySlot = new Map<SlotKey, SlotResult[]>();
    const outcome = await trainRun(data.table, config, {
      datasetId: data.datasetId,
      backend: choice.active,
      saveModel: async (m) => {
        const key = `${m.family}:${m.slot}`;
        saved.set(key, await finishedModelRecord(m, ctx));
        return key;
      },
      onSlotDone: async (result) => {
        const record = result.modelId !== null ? saved.get(result.modelId) : undefined;
        if (record) files.set(`${record.family ?? 'network'}:${record.slot}`, await writeModelFiles(args.outputDir, record, result, config));
        out.log(slotLine(result));
        bySlot.set(result.slot, [...(bySlot.get(result.slot) ?? []), result]);
      },
    });

    const results: HomeTypeResult[] = [];
    for (const [slot, slotResults] of bySlot) {
      const families: Partial<Record<ModelFamily, Record<string, unknown>>> = {};
      for (const r of slotResults) {
        const family = r.family ?? 'network';
        families[family] = familyMetadata(r, files.get(`${family}:${slot}`) ?? [], config, family === 'trees' ? TREES_BACKEND : choice.active);
      }
      const model = slotResults.map((r) => (r.modelId !== null ? saved.get(r.modelId) : undefined)).find((r) => r !== undefined);
      const first = slotResults[0];
      const metadata = slotMetadata(slot, { featureNames: outcome.featureNames, standardizer: model?.standardizer ?? null, source }, slotResults, families, config);
      if (model) await writeFile(join(args.outputDir, slot, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
      if (slot === 'global' || !first) continue;
      const rows = data.table.homeType.filter((h) => h === HOME_TYPES.indexOf(slot)).length;
      const m = first.status === 'done' ? first.metrics : null;
      results.push({
        homeType: slot as HomeType,
        sampleCount: rows,
        performance: m
          ? { accuracy: m.accuracy.estimate, precision: m.precision.estimate, recall: m.recall.estimate, f1: m.f1.estimate, evaluatedAt: new Date().toISOString() }
          : null,
        metadata: m ? metadata : { status: first.status, reason: first.reason },
      });
    }
    await mkdir(args.outputDir, { recursive: true });
    const comparison = buildComparisonResults(results);
    await writeFile(join(args.outputDir, 'comparison_results.json'), serializeComparisonResults(comparison));
    if (data.deviceIds !== null) {
      const labels = tableLabels(data.table, config.label);
      await writeStream(join(args.outputDir, 'test_predictions.csv'), testPredictionsCsv(data.table, data.deviceIds, outcome.testRows, labels, outcome.slots));
      out.log(`Wrote ${outcome.testRows.length.toLocaleString('en-US')} test predictions to ${join(args.outputDir, 'test_predictions.csv')}.`);
    }
    const summary = summarizeComparison(comparison);
    if (summary.ranking.length > 0) {
      out.log(
        `Means over ${summary.ranking.length} trained home types (${config.families[0] ?? 'network'}): accuracy ${fmt(summary.means.accuracy)}, precision ${fmt(summary.means.precision)}, ` +
          `recall ${fmt(summary.means.recall)}, F1 ${fmt(summary.means.f1)}. Best ${summary.best ?? '—'}, worst ${summary.worst ?? '—'} (by accuracy).`,
      );
    }
    out.log(`Wrote ${join(args.outputDir, 'comparison_results.json')} in ${((performance.now() - started) / 1000).toFixed(2)} s.`);
    return 0;
  } catch (e) {
    out.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  process.exitCode = await runTrainCli(process.argv.slice(2), { log: (l) => console.log(l), error: (l) => console.error(l) });
}
