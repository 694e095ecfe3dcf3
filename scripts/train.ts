import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildComparisonResults,
  serializeComparisonResults,
  summarizeComparison,
  type HomeTypeResult,
} from '../src/domain/evaluation/comparison-format';
import { HOME_TYPES, type HomeType } from '../src/domain/home-types';
import { LEGACY_LABEL_WARNING } from '../src/domain/legacy-label';
import { selectBackend, type BackendName } from '../src/ml/backend';
import { layersModelJson } from '../src/ml/layers-model-files';
import { modelToArtifacts } from '../src/ml/model-artifacts';
import { defaultRunConfig, parseRunConfig } from '../src/ml/run-config';
import { trainRun, type FinishedModel } from '../src/ml/train-run';
import { classicTable } from '../src/ml/training-table';
import type { LabelChoice, RunConfig, SlotResult } from '../src/storage/records';
import { parseClassicJsonFile } from './classic-json-file';

export const USAGE = `Trains one failure model per home type on a classic JSON file, as the original
train_home_type_models.py did, with the app's own training code (TF.js in Node).

Usage: npx tsx scripts/train.ts --data-file FILE --output-dir DIR [options]

  --data-file FILE     classic JSON in the original large_training_data.json format (required)
  --output-dir DIR     where comparison_results.json and DIR/<home_type>/ go (required)
  --label L            injected | legacy. Default: injected when every record has failure_scenario,
                       else legacy (the original format carries no injected-scenario label)
  --epochs N           maximum epochs per model (early stopping may end sooner); default ${defaultRunConfig().network.epochs}
  --seed N             network seed (initialisation and shuffling); default ${defaultRunConfig().network.seed}
  --backend B          wasm | cpu; default wasm, falling back to cpu
  --help               show this text

Writes DIR/comparison_results.json and, per trained home type, DIR/<home_type>/model.json,
weights.bin (TF.js layers format) and metadata.json (features, standardiser, threshold, metrics).`;

/** Where the CLI writes; the test passes collectors. */
export interface CliOutput {
  log: (line: string) => void;
  error: (line: string) => void;
}

class UsageError extends Error {}

interface CliArgs {
  dataFile: string;
  outputDir: string;
  label: LabelChoice | null;
  epochs: number | null;
  seed: number | null;
  backend: BackendName;
}

function positiveInt(flag: string, value: string | undefined, max: number): number | null {
  if (value === undefined) return null;
  const v = Number(value);
  if (!Number.isInteger(v) || v < 0 || v > max) throw new UsageError(`--${flag} must be a whole number from 0 to ${max}, got "${value}".`);
  return v;
}

const FLAGS = {
  'data-file': { type: 'string' },
  'output-dir': { type: 'string' },
  label: { type: 'string' },
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

function parseCliArgs(argv: readonly string[]): CliArgs | 'help' {
  const values = readFlags(argv);
  if (values.help === true) return 'help';
  const dataFile = values['data-file'];
  const outputDir = values['output-dir'];
  if (dataFile === undefined) throw new UsageError('--data-file is required.');
  if (outputDir === undefined) throw new UsageError('--output-dir is required.');
  const label = values.label ?? null;
  if (label !== null && label !== 'injected' && label !== 'legacy') {
    throw new UsageError(
      label === 'horizon'
        ? '--label horizon needs a temporal dataset; a classic file has one snapshot per device. Use injected or legacy.'
        : `--label must be injected or legacy, got "${label}".`,
    );
  }
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend must be wasm or cpu, got "${backend}".`);
  const epochs = positiveInt('epochs', values.epochs, 500);
  if (epochs === 0) throw new UsageError('--epochs must be at least 1.');
  return { dataFile, outputDir, label, epochs, seed: positiveInt('seed', values.seed, 4294967295), backend };
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : '—';
}

/** metadata.json of one model: everything needed to use it outside the app. */
function modelMetadata(result: SlotResult, model: FinishedModel, config: RunConfig, backend: string, source: string): Record<string, unknown> {
  return {
    home_type: result.slot,
    feature_columns: model.featureNames,
    standardizer: model.standardizer,
    threshold: model.threshold,
    label: config.label,
    metrics: result.metrics,
    baselines: result.baselines,
    sample_counts: result.counts,
    base_rate: result.baseRate,
    best_epoch: result.bestEpoch,
    epochs_run: result.history.length,
    training_ms: Math.round(result.trainMs),
    training_parameters: { ...config.network, test_fraction: config.testFraction, val_fraction: config.valFraction },
    backend,
    data_source: source,
    files: { model: 'model.json', weights: 'weights.bin' },
  };
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
    const text = await readFile(args.dataFile, 'utf8').catch((e: unknown) => {
      throw new Error(`Cannot read ${args.dataFile}: ${e instanceof Error ? e.message : String(e)}`);
    });
    const file = parseClassicJsonFile(text);
    const table = classicTable([file.columns], { scenarioKnown: file.scenarioKnown });
    // The original labelled the values as written in the file, not their Float32 copies.
    table.labels.legacy = file.legacy;
    const label: LabelChoice = args.label ?? (file.scenarioKnown ? 'injected' : 'legacy');
    if (label === 'injected' && !file.scenarioKnown) {
      throw new Error('--label injected needs a failure_scenario on every record; the original file format has none. Use --label legacy.');
    }
    out.log(`Read ${table.n.toLocaleString('en-US')} records from ${args.dataFile}.`);
    if (file.withoutHomeType > 0) out.log(`${file.withoutHomeType} records have no home_type and train no per-home-type model.`);
    if (label === 'legacy') {
      out.log(
        args.label === null
          ? `Label: legacy rule, because the original file format carries no injected-scenario label. ${LEGACY_LABEL_WARNING}`
          : `Label: legacy rule. ${LEGACY_LABEL_WARNING}`,
      );
    } else out.log('Label: injected failure scenario (ground truth from failure_scenario).');

    const choice = await selectBackend(args.backend, async (name) => {
      if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    });
    out.log(`TF.js backend: ${choice.active}${choice.note ? ` (${choice.note})` : ''}`);

    const base = defaultRunConfig();
    const config = parseRunConfig({
      ...base,
      backend: args.backend,
      label,
      global: false,
      perHomeType: true,
      network: { ...base.network, ...(args.epochs !== null ? { epochs: args.epochs } : {}), ...(args.seed !== null ? { seed: args.seed } : {}) },
    });
    // The file's content (not its path) names the dataset, so the same data always gets the same test set.
    const datasetId = `file-sha256:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    const finished = new Map<string, FinishedModel>();
    const results: HomeTypeResult[] = [];
    const rowsOf = (type: HomeType): number => table.homeType.filter((h) => h === HOME_TYPES.indexOf(type)).length;

    await trainRun(table, config, {
      datasetId,
      backend: choice.active,
      saveModel: async (m) => {
        const dir = join(args.outputDir, m.slot);
        await mkdir(dir, { recursive: true });
        const artifacts = await modelToArtifacts(m.model);
        await writeFile(join(dir, 'model.json'), `${JSON.stringify(layersModelJson(artifacts, 'weights.bin'))}\n`);
        await writeFile(join(dir, 'weights.bin'), new Uint8Array(artifacts.weightData));
        finished.set(m.slot, m);
        return `${m.slot}/model.json`;
      },
      onSlotDone: async (result) => {
        if (result.slot === 'global') return;
        const type = result.slot;
        const model = finished.get(type);
        const m = result.metrics;
        if (result.status === 'done' && model && m) {
          const metadata = modelMetadata(result, model, config, choice.active, args.dataFile);
          await writeFile(join(args.outputDir, type, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
          results.push({
            homeType: type,
            sampleCount: rowsOf(type),
            performance: {
              accuracy: m.accuracy.estimate,
              precision: m.precision.estimate,
              recall: m.recall.estimate,
              f1: m.f1.estimate,
              evaluatedAt: new Date().toISOString(),
            },
            metadata,
          });
          out.log(
            `${type}: ${result.counts.train} train / ${result.counts.test} test (${result.counts.testPositives} positive) · ` +
              `${result.history.length} epochs · F1 ${fmt(m.f1.estimate)} [${fmt(m.f1.low)}–${fmt(m.f1.high)}] · ` +
              `logistic ${fmt(result.baselines?.logistic.f1.estimate ?? Number.NaN)} · legacy rule ${fmt(result.baselines?.legacyRule.f1.estimate ?? Number.NaN)} · ` +
              `${(result.trainMs / 1000).toFixed(2)} s`,
          );
        } else {
          results.push({ homeType: type, sampleCount: rowsOf(type), performance: null, metadata: { status: result.status, reason: result.reason } });
          out.log(`${type}: not trained (${result.status}): ${result.reason ?? ''}`);
        }
      },
    });

    const comparison = buildComparisonResults(results);
    await mkdir(args.outputDir, { recursive: true });
    await writeFile(join(args.outputDir, 'comparison_results.json'), serializeComparisonResults(comparison));
    const summary = summarizeComparison(comparison);
    out.log(
      `Means over ${summary.ranking.length} trained home types: accuracy ${fmt(summary.means.accuracy)}, precision ${fmt(summary.means.precision)}, ` +
        `recall ${fmt(summary.means.recall)}, F1 ${fmt(summary.means.f1)}. Best ${summary.best ?? '—'}, worst ${summary.worst ?? '—'} (by accuracy).`,
    );
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
