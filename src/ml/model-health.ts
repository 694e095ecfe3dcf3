import type * as tf from '@tensorflow/tfjs';
import {
  calibrateScores,
  calibratorSchema,
  describeCalibrator,
  type Calibrator,
} from '../domain/evaluation/calibration';
import { parseGbdtModel, predictGbdt, type GbdtModel } from '../domain/evaluation/gbdt';
import { applyStandardizer } from '../domain/evaluation/standardize';
import { riskLevel, type RiskLevel } from '../domain/evaluation/risk';
import { familyOf, type ModelFamily } from '../domain/training/run-types';
import type { TrainedModel, ModelArtifacts } from '../domain/models/model-types';
import { featureNamesProblem } from './feature-sets';
import { artifactsToModel } from './model-artifacts';
import { jsonByteLength, treesShape } from './model-body';
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
  /** Null when the model does not exist. */
  family: ModelFamily | null;
  status: 'healthy' | 'unhealthy';
  checks: HealthCheck[];
  /** The known row: the training mean of every feature, i.e. a typical device (a network sees it standardised to zeros). */
  knownRow: { description: string; probability: number | null; riskLevel: RiskLevel | null };
  /** null where the step did not run. `warmPrediction` is the median of repeated single-row predictions. */
  latencyMs: { load: number | null; firstPrediction: number | null; warmPrediction: number | null };
  /** The backend that ran the check (the models worker's), and the TF.js version. */
  backend: string;
  tfjsVersion: string;
  model_version: string | null;
  training_date: string | null;
  model_performance: { accuracy: number; precision: number; recall: number; f1_score: number } | Record<string, never>;
  /**
   * Bytes: a network's topology JSON and weights, a trees model's JSON (0 for the other family), and the
   * metadata JSON (the original listed its pickle files).
   */
  file_sizes: { topology: number; weights: number; trees: number; metadata: number };
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

function metadataCheck(m: TrainedModel): HealthCheck {
  // Failure models must read one of the app's feature sets; other kinds only need distinct names.
  const problem =
    m.kind === 'failure'
      ? featureNamesProblem(m.featureNames)
      : new Set(m.featureNames).size === m.featureNames.length && m.featureNames.length > 0
        ? null
        : 'The feature names are empty or repeated.';
  const d = m.featureNames.length;
  const calibration = calibrationProblem(m);
  const metaOk =
    problem === null &&
    calibration === null &&
    m.standardizer.mean.length === d &&
    m.standardizer.std.length === d &&
    m.threshold > 0 &&
    m.threshold < 1;
  // Described only once checked: a damaged calibrator may lack the fields the description reads.
  const calibratedText =
    calibration !== null || (m.calibration ?? null) === null
      ? ''
      : ` on scores calibrated by ${describeCalibrator(m.calibration ?? null)}`;
  return check(
    'metadata_exists',
    'Metadata complete',
    metaOk,
    metaOk
      ? `${d} known features in order, normalisation for each, threshold ${m.threshold}${calibratedText}`
      : (problem ?? calibration ?? `normalisation has ${m.standardizer.mean.length} columns for ${d} features`),
  );
}

/** A stored calibrator is checked like an imported one: the record may have been damaged. */
function calibrationProblem(m: TrainedModel): string | null {
  if (m.calibration === undefined || m.calibration === null) return null;
  const r = calibratorSchema.safeParse(m.calibration);
  return r.success ? null : `The calibrator is damaged: ${r.error.issues.map((i) => i.message).join('; ')}`;
}

/**
 * Maps the model's output to the probability its threshold applies to, exactly as predictions do (32-bit).
 * A damaged calibrator answers NaN, so the known row fails too (the metadata check says why).
 */
function calibratorOf(m: TrainedModel): (p: number) => number {
  const stored = m.calibration ?? null;
  if (stored === null) return (p) => p;
  const r = calibratorSchema.safeParse(stored);
  if (!r.success) return () => Number.NaN;
  const c: Calibrator = r.data;
  return (p) => calibrateScores(c, [p])[0] ?? Number.NaN;
}

function networkStaticChecks(m: TrainedModel, a: ModelArtifacts): HealthCheck[] {
  const need = a.weightSpecs.reduce(
    (s, w) => s + w.shape.reduce((p, k) => p * k, 1) * (w.dtype === 'bool' ? DTYPE_BYTES.bool : 4),
    0,
  );
  return [
    check('models_dir_exists', 'Stored in IndexedDB', true, `Record ${m.id}`),
    check(
      'failure_model_exists',
      'Topology and weights present',
      Object.keys(a.modelTopology).length > 0 && a.weightData.byteLength > 0 && a.weightData.byteLength === need,
      `${a.weightSpecs.length} weight tensors, ${a.weightData.byteLength.toLocaleString('en-US')} of ${need.toLocaleString('en-US')} bytes`,
    ),
    metadataCheck(m),
  ];
}

/** Times `predict` once, then WARM_RUNS more times, into the health report; returns the first answer. */
function timePredictions(ctx: HealthContext, health: ModelHealth, predict: () => number): number {
  const t1 = ctx.clock();
  const p = predict();
  health.latencyMs.firstPrediction = ctx.clock() - t1;
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t = ctx.clock();
    predict();
    warm.push(ctx.clock() - t);
  }
  health.latencyMs.warmPrediction = median(warm);
  return p;
}

function knownRowCheck(health: ModelHealth, p: number): void {
  const ok = Number.isFinite(p) && p >= 0 && p <= 1;
  health.knownRow.probability = ok ? p : null;
  health.knownRow.riskLevel = ok ? riskLevel(p) : null;
  health.checks.push(
    check(
      'known_row',
      'Predicts a probability on a known row',
      ok,
      ok ? `P(failure) = ${p.toFixed(4)} for the training mean` : `The model answered ${String(p)}`,
    ),
  );
}

async function networkLoadChecks(
  m: TrainedModel,
  a: ModelArtifacts,
  ctx: HealthContext,
  health: ModelHealth,
): Promise<void> {
  let model: tf.LayersModel;
  const t0 = ctx.clock();
  try {
    model = await artifactsToModel(a);
  } catch (e) {
    health.checks.push(
      check('models_loaded', 'Loads in TensorFlow.js', false, e instanceof Error ? e.message : String(e)),
    );
    return;
  }
  health.latencyMs.load = ctx.clock() - t0;
  health.checks.push(
    check(
      'models_loaded',
      'Loads in TensorFlow.js',
      true,
      `Loaded on ${ctx.backend} in ${health.latencyMs.load.toFixed(1)} ms`,
    ),
  );
  try {
    const d = m.featureNames.length;
    const input = model.inputs[0]?.shape ?? [];
    health.checks.push(
      check(
        'input_shape',
        'Input width matches the features',
        input[1] === d,
        `Input [${input.map(String).join(', ')}], ${d} features`,
      ),
    );
    const finite = model.getWeights().every((w) => (w.dataSync() as Float32Array).every(Number.isFinite));
    health.checks.push(
      check(
        'weights_finite',
        'All weights finite',
        finite,
        finite ? 'No NaN or infinite weight' : 'Some weights are NaN or infinite',
      ),
    );
    if (input[1] !== d || m.standardizer.mean.length !== d) return;
    const x = applyStandardizer(Float32Array.from(m.standardizer.mean), d, m.standardizer);
    const calibrate = calibratorOf(m);
    knownRowCheck(
      health,
      timePredictions(ctx, health, () => calibrate(predictProba(model, x, 1, d)[0] ?? Number.NaN)),
    );
  } finally {
    model.dispose();
  }
}

/**
 * A trees model "loads and runs" when its stored trees pass the same validation as an imported file and
 * score the raw training mean (trees read unstandardised values) as a probability.
 */
function treesChecks(m: TrainedModel, stored: GbdtModel | undefined, ctx: HealthContext, health: ModelHealth): void {
  const d = m.featureNames.length;
  // Stored data is checked, not trusted: the record may have been damaged.
  const count = Array.isArray(stored?.trees) ? stored.trees.length : 0;
  health.checks.push(
    check('models_dir_exists', 'Stored in IndexedDB', true, `Record ${m.id}`),
    check(
      'failure_model_exists',
      'Trees present',
      count > 0,
      stored === undefined
        ? 'The record has no trees'
        : `${count} trees, ${health.file_sizes.trees.toLocaleString('en-US')} bytes of JSON`,
    ),
    metadataCheck(m),
  );
  if (stored === undefined) return;
  let trees: GbdtModel;
  const t0 = ctx.clock();
  try {
    trees = parseGbdtModel(stored);
  } catch (e) {
    health.checks.push(check('models_loaded', 'Trees valid', false, e instanceof Error ? e.message : String(e)));
    return;
  }
  health.latencyMs.load = ctx.clock() - t0;
  const shape = treesShape(trees);
  health.checks.push(
    check(
      'models_loaded',
      'Trees valid',
      true,
      `${shape.trees} trees, ${shape.leaves.toLocaleString('en-US')} leaves, depth ≤ ${shape.maxDepth}; validated in ${health.latencyMs.load.toFixed(1)} ms`,
    ),
    check(
      'input_shape',
      'Trees read the features',
      trees.featureCount === d,
      `The trees read ${trees.featureCount} features, ${d} listed`,
    ),
  );
  if (trees.featureCount !== d || m.standardizer.mean.length !== d) return;
  const x = Float32Array.from(m.standardizer.mean);
  const calibrate = calibratorOf(m);
  knownRowCheck(
    health,
    timePredictions(ctx, health, () => calibrate(predictGbdt(trees, x, 1, d)[0] ?? Number.NaN)),
  );
}

/**
 * Loads a stored model afresh (a network into TF.js from its stored artifacts, trees through validation;
 * no cache) and runs it on a known row, timing each step. Healthy only when every check passes; a missing
 * record is reported, not thrown.
 */
export async function checkModelHealth(
  modelId: string,
  m: TrainedModel | undefined,
  ctx: HealthContext,
): Promise<ModelHealth> {
  const family = m ? familyOf(m) : null;
  const health: ModelHealth = {
    modelId,
    family,
    status: 'unhealthy',
    checks: [],
    knownRow: {
      description:
        family === 'trees'
          ? 'The training mean of every feature: a typical device, as raw values (trees read unstandardised inputs).'
          : 'The training mean of every feature: a typical device, standardised to all zeros.',
      probability: null,
      riskLevel: null,
    },
    latencyMs: { load: null, firstPrediction: null, warmPrediction: null },
    backend: ctx.backend,
    tfjsVersion: ctx.tfjsVersion,
    model_version: m?.version ?? null,
    training_date: m ? new Date(m.createdAt).toISOString() : null,
    model_performance: m
      ? {
          accuracy: m.metrics.accuracy.estimate,
          precision: m.metrics.precision.estimate,
          recall: m.metrics.recall.estimate,
          f1_score: m.metrics.f1.estimate,
        }
      : {},
    file_sizes: { topology: 0, weights: 0, trees: 0, metadata: 0 },
    timestamp: new Date(ctx.now()).toISOString(),
  };
  if (!m) {
    health.checks.push(
      check(
        'models_dir_exists',
        'Stored in IndexedDB',
        false,
        `No stored model has the id ${modelId}: it was deleted.`,
      ),
    );
    return health;
  }
  const metadata = jsonByteLength({
    featureNames: m.featureNames,
    standardizer: m.standardizer,
    threshold: m.threshold,
    thresholdRule: m.thresholdRule ?? null,
    calibration: m.calibration ?? null,
    metrics: m.metrics,
    datasetManifest: m.datasetManifest,
  });
  if (family === 'trees') {
    health.file_sizes = {
      topology: 0,
      weights: 0,
      trees: m.trees === undefined ? 0 : jsonByteLength(m.trees),
      metadata,
    };
    treesChecks(m, m.trees, ctx, health);
  } else if (m.artifacts === null) {
    health.checks.push(
      check('models_dir_exists', 'Stored in IndexedDB', true, `Record ${m.id}`),
      m.homeTypeModel
        ? check(
            'failure_model_exists',
            'Topology and weights present',
            false,
            'A softmax regression with per-source statistics (home-type classifier): no TF.js network to check here; classify a home on the Homes page.',
          )
        : check(
            'failure_model_exists',
            'Topology and weights present',
            false,
            'The record is a network without its TF.js artifacts: it is damaged.',
          ),
    );
  } else {
    health.file_sizes = {
      topology: jsonByteLength(m.artifacts.modelTopology),
      weights: m.artifacts.weightData.byteLength,
      trees: 0,
      metadata,
    };
    health.checks.push(...networkStaticChecks(m, m.artifacts));
    await networkLoadChecks(m, m.artifacts, ctx, health);
  }
  health.status =
    health.checks.length > 0 && health.checks.every((c) => c.passed) && health.knownRow.probability !== null
      ? 'healthy'
      : 'unhealthy';
  return health;
}
