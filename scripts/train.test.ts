import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classicJsonPieces } from '../src/domain/classic/classic-format';
import { generateClassic } from '../src/domain/classic/classic-generator';
import { defaultClassicSpec } from '../src/domain/classic/classic-spec';
import { parseComparisonResults } from '../src/domain/evaluation/comparison-format';
import { runTrainCli } from './train';

let dir = '';
let dataFile = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'train-cli-'));
  dataFile = join(dir, 'large_training_data.json');
  await writeFile(dataFile, [...classicJsonPieces(generateClassic({ ...defaultClassicSpec(), samples: 1500 }))].join(''));
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
    for (const flag of ['--data-file', '--output-dir', '--label', '--epochs', '--seed']) expect(help.log).toContain(flag);
    const bad = await cli('--data-file', dataFile, '--output-dir', dir, '--bogus');
    expect(bad.code).not.toBe(0);
    expect(bad.error).toMatch(/Unknown option '--bogus'[\s\S]*--help/);
    expect((await cli('--data-file', dataFile)).error).toMatch(/--output-dir is required/);
    expect((await cli('--data-file', dataFile, '--output-dir', dir, '--epochs', 'ten')).error).toMatch(/--epochs must be a whole number/);
    expect((await cli('--data-file', dataFile, '--output-dir', dir, '--label', 'horizon')).error).toMatch(/needs a temporal dataset/);
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

    const comparison = parseComparisonResults(JSON.parse(await readFile(join(outDir, 'comparison_results.json'), 'utf8')));
    expect(Object.keys(comparison)).toEqual([
      'single_family_house', 'apartment', 'condo', 'townhouse', 'cottage', 'studio', 'multi_story', 'ranch_house',
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
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: specs, weightData: new Uint8Array(weights).buffer }),
    );
    const p = tf.tidy(() => Array.from((model.predict(tf.zeros([2, 11])) as tf.Tensor).dataSync()));
    expect(p).toHaveLength(2);
    model.dispose();
    const meta = JSON.parse(await readFile(join(dirOf, 'metadata.json'), 'utf8')) as Record<string, unknown>;
    expect(meta.feature_columns).toHaveLength(11);
    expect(meta.threshold).toBe(0.5);
    expect(meta.label).toBe('legacy');
  });
});
