import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  buildComparisonResults,
  performanceOf,
  serializeComparisonResults,
  summarizeComparison,
  type HomeTypeResult,
} from '../src/domain/evaluation/comparison-format';
import { describeThresholdRule } from '../src/domain/evaluation/operating-threshold';
import { HOME_TYPES, type HomeType } from '../src/domain/home-types';
import { defaultTemporalSpec } from '../src/domain/temporal/spec';
import type { ModelFamily, RunConfig, SlotKey, SlotResult } from '../src/domain/training/run-types';
import { selectBackend } from '../src/ml/backend';
import { finishedModelRecord, TREES_BACKEND, type ModelRecordContext } from '../src/ml/finished-model-record';
import { parseRunConfig } from '../src/ml/run-config';
import { defaultRunConfig } from '../src/domain/training/run-defaults';
import { trainRun } from '../src/ml/train-run';
import { tableLabels } from '../src/ml/training-table';
import type { ModelRecord } from '../src/storage/records';
import { CLASSIC, parseCliArgs, UsageError, type CliArgs } from './train-args';
import { loadData, type LoadedData } from './train-data';
import { familyMetadata, slotMetadata, testPredictionsCsv, writeModelFiles } from './train-outputs';

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

function fmt(v: number | undefined): string {
  return v !== undefined && Number.isFinite(v) ? v.toFixed(3) : '—';
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
    network: {
      ...base.network,
      ...(args.epochs !== null ? { epochs: args.epochs } : {}),
      ...(args.seed !== null ? { seed: args.seed } : {}),
    },
  });
}

function slotLine(result: SlotResult): string {
  const m = result.metrics;
  const family = result.family ?? 'network';
  if (result.status !== 'done' || !m)
    return `${result.slot} ${family}: not trained (${result.status}): ${result.reason ?? ''}`;
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
      throw new Error(
        '--threshold-rule budget needs sample times to count false alarms per device-month; classic files have none.',
      );
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
      dataKey: data.dataKey,
      backend: choice.active,
      saveModel: async (m) => {
        const key = `${m.family}:${m.slot}`;
        saved.set(key, await finishedModelRecord(m, ctx));
        return key;
      },
      onSlotDone: async (result) => {
        const record = result.modelId !== null ? saved.get(result.modelId) : undefined;
        if (record)
          files.set(
            `${record.family ?? 'network'}:${record.slot}`,
            await writeModelFiles(args.outputDir, record, result, config),
          );
        out.log(slotLine(result));
        bySlot.set(result.slot, [...(bySlot.get(result.slot) ?? []), result]);
      },
    });

    const results: HomeTypeResult[] = [];
    for (const [slot, slotResults] of bySlot) {
      const families: Partial<Record<ModelFamily, Record<string, unknown>>> = {};
      for (const r of slotResults) {
        const family = r.family ?? 'network';
        families[family] = familyMetadata(
          r,
          files.get(`${family}:${slot}`) ?? [],
          config,
          family === 'trees' ? TREES_BACKEND : choice.active,
        );
      }
      const model = slotResults
        .map((r) => (r.modelId !== null ? saved.get(r.modelId) : undefined))
        .find((r) => r !== undefined);
      const first = slotResults[0];
      const metadata = slotMetadata(
        slot,
        { featureNames: outcome.featureNames, standardizer: model?.standardizer ?? null, source },
        slotResults,
        families,
        config,
      );
      if (model) await writeFile(join(args.outputDir, slot, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
      if (slot === 'global' || !first) continue;
      const rows = data.table.homeType.filter((h) => h === HOME_TYPES.indexOf(slot)).length;
      const m = first.status === 'done' ? first.metrics : null;
      results.push({
        homeType: slot as HomeType,
        sampleCount: rows,
        performance: performanceOf(m, new Date().toISOString()),
        metadata: m ? metadata : { status: first.status, reason: first.reason },
      });
    }
    await mkdir(args.outputDir, { recursive: true });
    const comparison = buildComparisonResults(results);
    await writeFile(join(args.outputDir, 'comparison_results.json'), serializeComparisonResults(comparison));
    if (data.deviceIds !== null) {
      const labels = tableLabels(data.table, config.label);
      await writeStream(
        join(args.outputDir, 'test_predictions.csv'),
        testPredictionsCsv(data.table, data.deviceIds, outcome.testRows, labels, outcome.slots),
      );
      out.log(
        `Wrote ${outcome.testRows.length.toLocaleString('en-US')} test predictions to ${join(args.outputDir, 'test_predictions.csv')}.`,
      );
    }
    const summary = summarizeComparison(comparison);
    if (summary.ranking.length > 0) {
      out.log(
        `Means over ${summary.ranking.length} trained home types (${config.families[0] ?? 'network'}): accuracy ${fmt(summary.means.accuracy)}, precision ${fmt(summary.means.precision)}, ` +
          `recall ${fmt(summary.means.recall)}, F1 ${fmt(summary.means.f1)}. Best ${summary.best ?? '—'}, worst ${summary.worst ?? '—'} (by accuracy).`,
      );
    }
    out.log(
      `Wrote ${join(args.outputDir, 'comparison_results.json')} in ${((performance.now() - started) / 1000).toFixed(2)} s.`,
    );
    return 0;
  } catch (e) {
    out.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  process.exitCode = await runTrainCli(process.argv.slice(2), {
    log: (l) => console.log(l),
    error: (l) => console.error(l),
  });
}
