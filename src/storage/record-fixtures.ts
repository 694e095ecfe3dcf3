import { metricSetFixture } from '../domain/training/run-fixtures';
import { defaultRunConfig } from '../domain/training/run-defaults';
import type { RunConfig } from '../domain/training/run-types';
import type { ModelRecord, RunRecord } from './records';

/*
 * Complete, valid records for tests of anything that stores or shows models and runs. Kept out of the test
 * files so that several suites can share them without importing (and re-running) each other.
 */

/** A model of slot `apartment` of run `run-1`, without its version (the repo assigns it). */
export function modelFixture(over: Partial<Omit<ModelRecord, 'version'>> = {}): Omit<ModelRecord, 'version'> {
  return {
    id: 'model-1',
    name: 'Model',
    createdAt: 1000,
    kind: 'failure',
    slot: 'apartment',
    homeType: 'apartment',
    datasetId: 'ds',
    runId: 'run-1',
    featureNames: ['a', 'b'],
    standardizer: { mean: [0, 1], std: [1, 2] },
    threshold: 0.5,
    metrics: metricSetFixture(),
    datasetManifest: { kind: 'classic', spec: { seed: 1 }, appVersion: '0.1.0' },
    backend: 'cpu',
    artifacts: {
      modelTopology: { class_name: 'Sequential' },
      weightSpecs: [{ name: 'w', shape: [2, 1], dtype: 'float32' }],
      weightData: new Float32Array([1, 2]).buffer,
      format: 'layers-model',
      generatedBy: 'test',
      convertedBy: null,
    },
    sizeBytes: 8,
    appVersion: '0.1.0',
    ...over,
  };
}

/**
 * The app's run defaults made small and quick for tests (a tiny network, one family, few resamples), and
 * without `calibration`, as runs stored before calibration existed.
 */
function runConfigFixture(): RunConfig {
  const { calibration: _calibration, ...defaults } = defaultRunConfig();
  return {
    ...defaults,
    network: {
      hiddenUnits: [4],
      dropout: 0,
      learningRate: 0.01,
      epochs: 2,
      batchSize: 32,
      patience: 1,
      classWeights: true,
      seed: 1,
      stopOn: 'log-loss',
      lrPlateau: 0,
      clip: 0,
      encodingBins: 0,
      warmStart: false,
    },
    backend: 'cpu',
    bootstrapResamples: 100,
    thresholdRule: { kind: 'max-f1' },
    negativesPerPositive: null,
    families: ['network'],
  };
}

/** A finished run with no slots. */
export function runFixture(over: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-1',
    name: 'Run',
    createdAt: 1000,
    completedAt: 2000,
    status: 'done',
    datasetId: 'ds',
    datasetName: 'Dataset',
    datasetManifest: { kind: 'classic', spec: { seed: 1 }, appVersion: '0.1.0' },
    config: runConfigFixture(),
    backend: { requested: 'cpu', active: 'cpu', note: null },
    featureNames: ['a', 'b'],
    slots: [],
    crossMatrix: null,
    error: null,
    totalMs: 1000,
    sizeBytes: 100,
    ...over,
  };
}
