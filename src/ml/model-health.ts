import type * as tf from '@tensorflow/tfjs';
import { applyStandardizer } from '../domain/evaluation/standardize';
import { riskLevel, type RiskLevel } from '../domain/evaluation/risk';
import type { ModelRecord } from '../storage/records';
import { featureNamesProblem } from './feature-sets';
import { artifactsToModel } from './model-artifacts';
import { DTYPE_BYTES } from './model-file-format';
import { predictProba } from './train-loop';

/** One check of a health report; `id` keeps the original's check names where one existed. */
export interface HealthCheck {
  id: string;
  label: string;
  passed: boolean;
  detail: string;
}

/**
 * The original `/models/health` answer (status, checks, file_sizes, model_version, training_date,
 * model_performance, timestamp), from a real load and a real prediction, plus what it never measured.
 */
export interface ModelHealth {
  modelId: string;
  status: 'healthy' | 'unhealthy';
  checks: HealthCheck[];
  /** The known row: the training mean of every feature, i.e. a typical device (standardised to zeros). */
  knownRow: { description: string; probability: number | null; riskLevel: RiskLevel | null };
  /** null where the step did not run. `warmPrediction` is the median of repeated single-row predictions. */
  latencyMs: { load: number | null; firstPrediction: number | null; warmPrediction: number | null };
  /** The backend that ran the check (the models worker's), and the TF.js version. */
  backend: string;
  tfjsVersion: string;
  model_version: string | null;
  training_date: string | null;
  model_performance: { accuracy: number; precision: number; recall: number; f1_score: number } | Record<string, never>;
  /** Bytes: topology JSON, weights, metadata JSON (the original listed its pickle files). */
  file_sizes: { topology: number; weights: number; metadata: number };
  timestamp: string;
}

/** What the check needs from its worker. */
export interface HealthContext {
  clock: () => number;
  now: () => number;
  backend: string;
  tfjsVersion: string;
}

const WARM_RUNS = 15;

function check(id: string, label: string, passed: boolean, detail: string): HealthCheck {
  return { id, label, passed, detail };
}

function median(values: number[]): number {
  const s = values.toSorted((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const jsonBytes = (v: unknown): number => new TextEncoder().encode(JSON.stringify(v) ?? '').length;

function staticChecks(m: ModelRecord): HealthCheck[] {
  const a = m.artifacts;
  const need = a.weightSpecs.reduce((s, w) => s + w.shape.reduce((p, k) => p * k, 1) * (w.dtype === 'bool' ? DTYPE_BYTES.bool : 4), 0);
  // Failure models must read one of the app's feature sets; other kinds only need distinct names.
  const problem =
    m.kind === 'failure'
      ? featureNamesProblem(m.featureNames)
      : new Set(m.featureNames).size === m.featureNames.length && m.featureNames.length > 0
        ? null
        : 'The feature names are empty or repeated.';
  const d = m.featureNames.length;
  const metaOk = problem === null && m.standardizer.mean.length === d && m.standardizer.std.length === d && m.threshold > 0 && m.threshold < 1;
  return [
    check('models_dir_exists', 'Stored in IndexedDB', true, `Record ${m.id}`),
    check(
      'failure_model_exists',
      'Topology and weights present',
      Object.keys(a.modelTopology).length > 0 && a.weightData.byteLength > 0 && a.weightData.byteLength === need,
      `${a.weightSpecs.length} weight tensors, ${a.weightData.byteLength.toLocaleString('en-US')} of ${need.toLocaleString('en-US')} bytes`,
    ),
    check(
      'metadata_exists',
      'Metadata complete',
      metaOk,
      metaOk ? `${d} known features in order, normalisation for each, threshold ${m.threshold}` : (problem ?? `normalisation has ${m.standardizer.mean.length} columns for ${d} features`),
    ),
  ];
}

async function loadChecks(m: ModelRecord, ctx: HealthContext, health: ModelHealth): Promise<void> {
  let model: tf.LayersModel;
  const t0 = ctx.clock();
  try {
    model = await artifactsToModel(m.artifacts);
  } catch (e) {
    health.checks.push(check('models_loaded', 'Loads in TensorFlow.js', false, e instanceof Error ? e.message : String(e)));
    return;
  }
  health.latencyMs.load = ctx.clock() - t0;
  health.checks.push(check('models_loaded', 'Loads in TensorFlow.js', true, `Loaded on ${ctx.backend} in ${health.latencyMs.load.toFixed(1)} ms`));
  try {
    const d = m.featureNames.length;
    const input = model.inputs[0]?.shape ?? [];
    health.checks.push(check('input_shape', 'Input width matches the features', input[1] === d, `Input [${input.map(String).join(', ')}], ${d} features`));
    const finite = model.getWeights().every((w) => (w.dataSync() as Float32Array).every(Number.isFinite));
    health.checks.push(check('weights_finite', 'All weights finite', finite, finite ? 'No NaN or infinite weight' : 'Some weights are NaN or infinite'));
    if (input[1] !== d || m.standardizer.mean.length !== d) return;
    const x = applyStandardizer(Float32Array.from(m.standardizer.mean), d, m.standardizer);
    const t1 = ctx.clock();
    const p = predictProba(model, x, 1, d)[0] ?? Number.NaN;
    health.latencyMs.firstPrediction = ctx.clock() - t1;
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const t = ctx.clock();
      predictProba(model, x, 1, d);
      warm.push(ctx.clock() - t);
    }
    health.latencyMs.warmPrediction = median(warm);
    const ok = Number.isFinite(p) && p >= 0 && p <= 1;
    health.knownRow.probability = ok ? p : null;
    health.knownRow.riskLevel = ok ? riskLevel(p) : null;
    health.checks.push(
      check('known_row', 'Predicts a probability on a known row', ok, ok ? `P(failure) = ${p.toFixed(4)} for the training mean` : `The model answered ${String(p)}`),
    );
  } finally {
    model.dispose();
  }
}

/**
 * Loads a stored model into TF.js from its stored artifacts (no cache) and runs it on a known row, timing
 * each step. Healthy only when every check passes; a missing record is reported, not thrown.
 */
export async function checkModelHealth(modelId: string, m: ModelRecord | undefined, ctx: HealthContext): Promise<ModelHealth> {
  const health: ModelHealth = {
    modelId,
    status: 'unhealthy',
    checks: [],
    knownRow: { description: 'The training mean of every feature: a typical device, standardised to all zeros.', probability: null, riskLevel: null },
    latencyMs: { load: null, firstPrediction: null, warmPrediction: null },
    backend: ctx.backend,
    tfjsVersion: ctx.tfjsVersion,
    model_version: m?.version ?? null,
    training_date: m ? new Date(m.createdAt).toISOString() : null,
    model_performance: m
      ? { accuracy: m.metrics.accuracy.estimate, precision: m.metrics.precision.estimate, recall: m.metrics.recall.estimate, f1_score: m.metrics.f1.estimate }
      : {},
    file_sizes: { topology: 0, weights: 0, metadata: 0 },
    timestamp: new Date(ctx.now()).toISOString(),
  };
  if (!m) {
    health.checks.push(check('models_dir_exists', 'Stored in IndexedDB', false, `No stored model has the id ${modelId}: it was deleted.`));
    return health;
  }
  health.file_sizes = {
    topology: jsonBytes(m.artifacts.modelTopology),
    weights: m.artifacts.weightData.byteLength,
    metadata: jsonBytes({ featureNames: m.featureNames, standardizer: m.standardizer, threshold: m.threshold, metrics: m.metrics, datasetManifest: m.datasetManifest }),
  };
  health.checks.push(...staticChecks(m));
  await loadChecks(m, ctx, health);
  health.status = health.checks.length > 0 && health.checks.every((c) => c.passed) && health.knownRow.probability !== null ? 'healthy' : 'unhealthy';
  return health;
}
