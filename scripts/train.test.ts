import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classicJsonPieces } from '../src/domain/classic/classic-format';
import { generateClassic } from '../src/domain/classic/classic-generator';
import { defaultClassicSpec } from '../src/domain/classic/classic-spec';
import { parseComparisonResults } from '../src/domain/evaluation/comparison-format';
import { HOME_TYPES } from '../src/domain/home-types';
import { generateTemporal } from '../src/domain/temporal/generate';
import { defaultTemporalSpec } from '../src/domain/temporal/spec';
import { FEATURE_NAMES } from '../src/domain/temporal/window-features';
import { readModelFiles } from '../src/ml/model-import';
import { temporalCsvPieces } from '../src/services/temporal-export';
import { splitCsvLine } from './temporal-samples-file';
import { runTrainCli } from './train';
import { parseThresholdRuleFlag } from './train-args';

let dir = '';
let dataFile = '';
let temporalFile = '';
const temporalSpec = defaultTemporalSpec({ homes: 8, days: 60, seed: 3, timeZone: 'UTC', startDate: '2025-03-01' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'train-cli-'));
  dataFile = join(dir, 'large_training_data.json');
  await writeFile(
    dataFile,
    [...classicJsonPieces(generateClassic({ ...defaultClassicSpec(), samples: 1500 }))].join(''),
  );
  temporalFile = join(dir, 'samples.csv');
  // Written as the app exports it, but with the ground truth under its old name: both are read.
  const csv = [...temporalCsvPieces(generateTemporal(temporalSpec))].join('');
  await writeFile(temporalFile, csv.replace('truth_failure_scenario', 'failure_scenario'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; log: string; error: string }> {
  const log: string[] = [];
  const error: string[] = [];
  const code = await runTrainCli(argv, { log: (l) => log.push(l), error: (l) => error.push(l) });
  return { code, log: log.join('\n'), error: error.join('\n') };
}

describe('scripts/train.ts', () => {
  it('lists its flags with --help and rejects a bad flag or value with a message', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const flag of ['--data-file', '--output-dir', '--label', '--epochs', '--seed'])
      expect(help.log).toContain(flag);
    const bad = await cli('--data-file', dataFile, '--output-dir', dir, '--bogus');
    expect(bad.code).not.toBe(0);
    expect(bad.error).toMatch(/Unknown option '--bogus'[\s\S]*--help/);
    expect((await cli('--data-file', dataFile)).error).toMatch(/--output-dir is required/);
    expect((await cli('--data-file', dataFile, '--output-dir', dir, '--epochs', 'ten')).error).toMatch(
      /--epochs must be a whole number/,
    );
    expect((await cli('--data-file', dataFile, '--output-dir', dir, '--label', 'horizon')).error).toMatch(
      /needs a temporal dataset/,
    );
    expect((await cli('--data-file', dataFile, '--output-dir', dir, '--families', 'forest')).error).toMatch(
      /--families must list network and\/or trees/,
    );
    expect((await cli('--data-file', dataFile, '--output-dir', dir, '--threshold-rule', 'recall:2')).error).toMatch(
      /--threshold-rule must be/,
    );
    expect(
      (await cli('--data-file', dataFile, '--output-dir', dir, '--threshold-rule', 'budget:5', '--epochs', '1')).error,
    ).toMatch(/needs sample times/);
  });

  it('reads threshold rules from the command line', () => {
    expect(parseThresholdRuleFlag('max-f1')).toEqual({ kind: 'max-f1' });
    expect(parseThresholdRuleFlag('recall:0.8')).toEqual({ kind: 'target-recall', recall: 0.8 });
    expect(parseThresholdRuleFlag('budget:5')).toEqual({ kind: 'alert-budget', falseAlarms: 5 });
    expect(parseThresholdRuleFlag('fixed:0.5')).toEqual({ kind: 'fixed', threshold: 0.5 });
    expect(() => parseThresholdRuleFlag('fixed:1')).toThrow(/--threshold-rule/);
  });

  it('explains a bad file and a label the file cannot give', async () => {
    const badFile = join(dir, 'bad.json');
    await writeFile(badFile, JSON.stringify([{ device_id: 'a', response_time: 1 }]));
    const bad = await cli('--data-file', badFile, '--output-dir', join(dir, 'x'));
    expect(bad.code).toBe(1);
    expect(bad.error).toMatch(/not in the classic format.*record 0: error_rate must be a number/);
    await writeFile(badFile, '{ nope');
    expect((await cli('--data-file', badFile, '--output-dir', join(dir, 'x'))).error).toMatch(/not valid JSON/);
    const injected = await cli('--data-file', dataFile, '--output-dir', join(dir, 'x'), '--label', 'injected');
    expect(injected.code).toBe(1);
    expect(injected.error).toMatch(/original file format has none/);
  });

  it('trains the per-home-type models and writes comparison_results.json and loadable TF.js models', async () => {
    const outDir = join(dir, 'models');
    const run = await cli('--data-file', dataFile, '--output-dir', outDir, '--epochs', '2', '--backend', 'cpu');
    expect(run.error).toBe('');
    expect(run.code).toBe(0);
    expect(run.log).toMatch(/Label: legacy rule, because the original file format carries no injected-scenario label/);

    const comparison = parseComparisonResults(
      JSON.parse(await readFile(join(outDir, 'comparison_results.json'), 'utf8')),
    );
    expect(Object.keys(comparison)).toEqual([
      'single_family_house',
      'apartment',
      'condo',
      'townhouse',
      'cottage',
      'studio',
      'multi_story',
      'ranch_house',
    ]);
    expect(comparison.single_family_house?.sample_count).toBe(525);
    // Too little data: an explicit empty performance, as the original wrote it, with the reason in the metadata.
    expect(comparison.studio?.model_performance).toEqual({});
    expect(comparison.studio?.model_metadata.status).toBe('insufficient');
    const perf = comparison.apartment?.model_performance;
    expect(perf && 'f1_score' in perf ? perf.f1_score : Number.NaN).toBeGreaterThan(0);

    const dirOf = join(outDir, 'apartment');
    const modelJson = JSON.parse(await readFile(join(dirOf, 'model.json'), 'utf8')) as {
      modelTopology: object;
      weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    };
    expect(modelJson.weightsManifest[0]?.paths).toEqual(['./weights.bin']);
    const weights = await readFile(join(dirOf, 'weights.bin'));
    const specs = modelJson.weightsManifest[0]?.weights ?? [];
    expect(weights.byteLength).toBe(specs.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1) * 4, 0));
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: specs,
        weightData: new Uint8Array(weights).buffer,
      }),
    );
    const p = tf.tidy(() => Array.from((model.predict(tf.zeros([2, 11])) as tf.Tensor).dataSync()));
    expect(p).toHaveLength(2);
    model.dispose();
    const meta = JSON.parse(await readFile(join(dirOf, 'metadata.json'), 'utf8')) as Record<string, unknown>;
    expect(meta.feature_columns).toHaveLength(11);
    expect(meta.threshold).toBeGreaterThan(0);
    expect(meta.threshold).toBeLessThan(1);
    expect(meta.threshold_rule).toEqual({ kind: 'max-f1' });
    expect(meta.label).toBe('legacy');
  });

  it('trains both families on a temporal samples CSV and writes test_predictions.csv with one score column per model', async () => {
    const outDir = join(dir, 'temporal');
    const run = await cli('--data-file', temporalFile, '--output-dir', outDir, '--epochs', '3', '--backend', 'cpu');
    expect(run.error).toBe('');
    expect(run.code).toBe(0);
    expect(run.log).toMatch(/temporal samples of \d+ devices/);
    expect(run.log).toMatch(/global network: .* PR-AUC/);
    expect(run.log).toMatch(/global trees: .* PR-AUC/);

    const lines = (await readFile(join(outDir, 'test_predictions.csv'), 'utf8')).trim().split(/\r?\n/);
    const header = splitCsvLine(lines[0] ?? '');
    expect(header.slice(0, 6)).toEqual([
      'device_id',
      'time',
      'home_type',
      'label',
      'score_network_global',
      'score_trees_global',
    ]);
    const perType = header.slice(6);
    expect(perType.length).toBeGreaterThan(0);
    for (const c of perType) expect(c).toMatch(new RegExp(`^score_(network|trees)_(${HOME_TYPES.join('|')})$`));
    const rows = lines.slice(1).map(splitCsvLine);
    expect(rows.length).toBeGreaterThan(100);
    const labels = new Set(rows.map((r) => r[3]));
    expect([...labels].sort()).toEqual(['0', '1']);
    for (const r of rows) {
      expect(r[0]).toMatch(/^synthetic_device_\d{4}$/);
      expect(Number.isFinite(Date.parse(r[1] ?? ''))).toBe(true);
      // The global models score every row; a home type's models only that type's rows.
      expect(Number(r[4])).toBeGreaterThanOrEqual(0);
      expect(Number(r[5])).toBeLessThanOrEqual(1);
      perType.forEach((c, i) => {
        const cell = r[6 + i] ?? '';
        expect(cell === '').toBe(!c.endsWith(`_${r[2] ?? ''}`));
      });
    }
    const meta = JSON.parse(await readFile(join(outDir, 'global', 'metadata.json'), 'utf8')) as {
      label: string;
      families: Record<string, { threshold: number; threshold_rule: unknown; files: string[] }>;
      baselines: { stump: unknown; logistic: unknown };
      feature_columns: string[];
    };
    expect(meta.label).toBe('horizon');
    expect(meta.feature_columns).toEqual([...FEATURE_NAMES]);
    expect(Object.keys(meta.families)).toEqual(['network', 'trees']);
    expect(meta.families.trees?.files).toEqual(['trees.json']);
    expect(meta.families.network?.files).toEqual(['model.json', 'weights.bin']);
    expect(meta.families.trees?.threshold_rule).toEqual({ kind: 'max-f1' });
    expect(meta.baselines.stump).toBeTruthy();

    // Both families' files are the app's model files: the Models page's importer accepts them as they are.
    const bytes = async (name: string): Promise<ArrayBuffer> =>
      new Uint8Array(await readFile(join(outDir, 'global', name))).buffer;
    const trees = await readModelFiles([{ name: 'trees.json', data: await bytes('trees.json') }]);
    expect(trees.body.family).toBe('trees');
    expect(trees.metadata.threshold).toBe(meta.families.trees?.threshold);
    expect(trees.metadata.training?.label).toBe('horizon');
    const network = await readModelFiles([
      { name: 'model.json', data: await bytes('model.json') },
      { name: 'weights.bin', data: await bytes('weights.bin') },
    ]);
    expect(network.body.family).toBe('network');
    expect(network.metadata.threshold).toBe(meta.families.network?.threshold);
  });
});
