import * as tf from '@tensorflow/tfjs';
import { METRICS } from '../domain/device-types';
import { defaultGbdtConfig, fitGbdt, type GbdtModel } from '../domain/evaluation/gbdt';
import type { Standardizer } from '../domain/evaluation/standardize';
import type { TrainedModel } from '../domain/models/model-types';
import { createRng } from '../domain/random';
import { defaultNetworkConfig } from '../domain/training/network-config';
import { metricSetFixture } from '../domain/training/run-fixtures';
import { createDenseNetwork } from './dense-network';
import { modelToArtifacts } from './model-artifacts';

/*
 * Real (untrained, seeded) TF.js models as stored records, for tests of export, import, health and
 * prediction. Kept out of the test files so several suites share them without importing each other.
 */

/** Plausible means and spreads of the 11 classic metrics. */
export function classicStandardizer(): Standardizer {
  return {
    mean: [310, 0.048, 72.2, -58, 0.52, 23.5, 50.1, 1200, 2.4, 1.1, 520],
    std: [180, 0.06, 24, 9.5, 0.2, 3.1, 11, 900, 2.2, 1.3, 330],
  };
}

/** Options of `failureModelRecord`. */
export interface FixtureModelOptions {
  hiddenUnits?: number[];
  seed?: number;
  /** Replace every weight: kernels 0 and the output bias this value, so P = sigmoid(bias) for any input. */
  constantBias?: number;
  /** Number of inputs of the network (default: one per feature). */
  inputs?: number;
  /** Piecewise-linear encoding edges per input (standardised units), as training builds them. */
  edges?: number[][];
}

/** A failure model over the 11 classic metrics, stored-record shaped (the repo assigns the version). */
export async function failureModelRecord(
  over: Partial<Omit<TrainedModel, 'version' | 'artifacts'>> = {},
  options: FixtureModelOptions = {},
): Promise<Omit<TrainedModel, 'version'>> {
  const featureNames = over.featureNames ?? [...METRICS];
  const config = { ...defaultNetworkConfig(), hiddenUnits: options.hiddenUnits ?? [8, 4], seed: options.seed ?? 7 };
  const model = createDenseNetwork(options.inputs ?? featureNames.length, 1, config, options.edges ?? null);
  if (options.constantBias !== undefined) {
    const bias = options.constantBias;
    const replaced = model
      .getWeights()
      .map((w, i, all) => (i === all.length - 1 ? tf.fill(w.shape, bias) : tf.zerosLike(w)));
    model.setWeights(replaced);
    tf.dispose(replaced);
  }
  const artifacts = await modelToArtifacts(model);
  model.dispose();
  return {
    id: 'run-1:global',
    name: 'Fixture run · global',
    createdAt: Date.UTC(2025, 5, 2, 7, 0, 0),
    kind: 'failure',
    slot: 'global',
    homeType: null,
    datasetId: 'ds-1',
    runId: 'run-1',
    featureNames,
    standardizer: classicStandardizer(),
    threshold: 0.5,
    metrics: metricSetFixture(),
    datasetManifest: { kind: 'classic', spec: { samples: 2000, seed: 11 }, appVersion: '0.1.0' },
    backend: 'cpu',
    artifacts,
    sizeBytes: artifacts.weightData.byteLength,
    appVersion: '0.1.0',
    ...over,
  };
}

/** `n` seeded raw classic rows around the fixture standardiser (row-major, 11 columns). */
export function classicRows(n: number, seed = 3): Float32Array {
  const rng = createRng(seed);
  const { mean, std } = classicStandardizer();
  const out = new Float32Array(n * METRICS.length);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < METRICS.length; c++) out[r * METRICS.length + c] = rng.normal(mean[c] ?? 0, 2 * (std[c] ?? 1));
  }
  return out;
}

/** 1 when a classic row looks failing (low battery or many errors), the fixture trees' label. */
function fixtureLabel(row: Float32Array, r: number): number {
  const d = METRICS.length;
  const battery = row[r * d + METRICS.indexOf('battery_level')] ?? 0;
  const errors = row[r * d + METRICS.indexOf('error_rate')] ?? 0;
  return battery < 40 || errors > 0.12 ? 1 : 0;
}

/**
 * Real boosted trees over the 11 classic metrics, trained (seeded) on `classicRows` with some values
 * missing, so the trees have learnt NaN directions.
 */
export async function fixtureTrees(rounds = 12): Promise<GbdtModel> {
  const n = 600;
  const d = METRICS.length;
  const x = classicRows(n, 5);
  const y = Uint8Array.from({ length: n }, (_, r) => fixtureLabel(x, r));
  for (let r = 0; r < n; r += 7) x[r * d + METRICS.indexOf('battery_level')] = Number.NaN;
  for (let r = 3; r < n; r += 11) x[r * d + METRICS.indexOf('error_rate')] = Number.NaN;
  const config = {
    ...defaultGbdtConfig(),
    maxRounds: rounds,
    maxLeaves: 8,
    minSamplesLeaf: 5,
    earlyStoppingRounds: 0,
    seed: 9,
  };
  const { model } = await fitGbdt({ x, n, d, y, val: { x: new Float32Array(0), n: 0, y: [] }, config });
  return model;
}

/** A trees failure model over the 11 classic metrics, stored-record shaped (the repo assigns the version). */
export async function treesModelRecord(
  over: Partial<Omit<TrainedModel, 'version' | 'artifacts' | 'trees' | 'family'>> = {},
  trees?: GbdtModel,
): Promise<Omit<TrainedModel, 'version'>> {
  const model = trees ?? (await fixtureTrees());
  return {
    id: 'run-1:trees:global',
    name: 'Fixture run · global · trees',
    createdAt: Date.UTC(2025, 5, 2, 7, 0, 0),
    kind: 'failure',
    slot: 'global',
    family: 'trees',
    homeType: null,
    datasetId: 'ds-1',
    runId: 'run-1',
    featureNames: [...METRICS],
    standardizer: classicStandardizer(),
    threshold: 0.35,
    thresholdRule: { kind: 'max-f1' },
    metrics: metricSetFixture(),
    datasetManifest: { kind: 'classic', spec: { samples: 2000, seed: 11 }, appVersion: '0.1.0' },
    backend: 'cpu',
    artifacts: null,
    trees: model,
    sizeBytes: JSON.stringify(model).length,
    appVersion: '0.1.0',
    ...over,
  };
}
