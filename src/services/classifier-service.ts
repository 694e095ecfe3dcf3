import { HOME_TYPES } from '../domain/home-types';
import { HOME_FEATURE_NAMES, homeFeatures } from '../domain/homes/home-features';
import { predictSourceSoftmax } from '../domain/evaluation/source-softmax';
import { applyStandardizer } from '../domain/evaluation/standardize';
import { jsonByteLength, networkArtifacts } from '../ml/model-body';
import type { BootstrapInterval } from '../domain/evaluation/bootstrap';
import { trainHomeClassifier, type HomeClassifierResult } from '../ml/home-classifier';
import { artifactsToModel } from '../ml/model-artifacts';
import { predictProba } from '../ml/train-loop';
import type { WorkbenchDb } from '../storage/db';
import { getHome, listHomes, readHomeEvents } from '../storage/homes-repo';
import { listModels, saveModel } from '../storage/models-repo';
import type { HomeTypeEvaluation } from '../domain/models/model-types';
import type { MetricSet } from '../domain/training/run-types';
import type { ModelRecord } from '../storage/records';
import type { ClassifierTrainRequest, HomeClassification } from '../workers/classifier.api';
import { readClassifierFeatures } from './classifier-features';
import type { ProgressCallback } from '../workers/job-types';

/** At least this many homes of a type, so every fold of a 5-fold split can test one. */
export const MIN_HOMES_PER_TYPE = 5;

export interface ClassifierDeps {
  openDb: () => Promise<WorkbenchDb>;
  clock: () => number;
  backend: () => Promise<string>;
}

const NAN_INTERVAL: BootstrapInterval = {
  estimate: Number.NaN,
  low: Number.NaN,
  high: Number.NaN,
  level: 0.95,
  resamples: 0,
  valid: 0,
};

function featureStats(x: Float32Array, y: Int32Array, d: number): { mean: number[]; sd: number[] }[] {
  return HOME_TYPES.map((_, c) => {
    const rows = Array.from(y.keys()).filter((i) => y[i] === c);
    const mean = Array.from(
      { length: d },
      (_, j) => rows.reduce((s, r) => s + (x[r * d + j] ?? 0), 0) / Math.max(1, rows.length),
    );
    const sd = mean.map((m, j) =>
      Math.sqrt(rows.reduce((s, r) => s + ((x[r * d + j] ?? 0) - m) ** 2, 0) / Math.max(1, rows.length)),
    );
    return { mean, sd };
  });
}

function evaluationOf(
  r: HomeClassifierResult,
  req: ClassifierTrainRequest,
  stats: HomeTypeEvaluation['featureStats'],
): HomeTypeEvaluation {
  return {
    evaluation: req.evaluation,
    homes: r.tested.home.length,
    accuracy: r.intervals.accuracy,
    macroF1: r.intervals.macroF1,
    perClass: r.intervals.perClass.map((c, i) => ({
      precision: c.precision,
      recall: c.recall,
      support: r.report.perClass[i]?.support ?? 0,
    })),
    confusion: r.report.confusion,
    baseline: r.baseline,
    targets: r.targets,
    crossSource: r.crossSource,
    models: r.models,
    perturbations: r.perturbations,
    featureStats: stats,
    trainMs: r.trainMs,
    finalTrainMs: r.final.trainMs,
  };
}

/** The classifier worker's logic: reads stored homes and events, trains, stores the model versioned like any other. */
export function createClassifierService(deps: ClassifierDeps) {
  let dbPromise: Promise<WorkbenchDb> | null = null;
  const db = (): Promise<WorkbenchDb> => (dbPromise ??= deps.openDb());

  async function train(req: ClassifierTrainRequest, onProgress: ProgressCallback): Promise<ModelRecord> {
    const database = await db();
    const backend = await deps.backend();
    const homes = await listHomes(database);
    const counts = HOME_TYPES.map((t) => homes.filter((h) => h.home_type === t).length);
    const short = HOME_TYPES.filter((_, i) => (counts[i] ?? 0) < MIN_HOMES_PER_TYPE);
    if (short.length > 0) {
      throw new Error(
        `Too few homes to train and evaluate by home: at least ${MIN_HOMES_PER_TYPE} of every type are needed; short of ${short.map((t) => `${t.replace(/_/g, ' ')} (${counts[HOME_TYPES.indexOf(t)] ?? 0})`).join(', ')}. Generate more template homes on the Homes page.`,
      );
    }
    const { x, y, d, sources, perturbations } = await readClassifierFeatures(
      database,
      homes,
      req.network.seed,
      (done) => {
        if (done % 10 === 0 || done === homes.length)
          onProgress({ fraction: 0.2 * (done / homes.length), phase: `Features of ${done} of ${homes.length} homes` });
      },
    );
    const result = await trainHomeClassifier(
      { x, y, n: homes.length, d, featureNames: HOME_FEATURE_NAMES, sources, perturbations },
      {
        network: req.network,
        evaluation: req.evaluation,
        folds: req.folds,
        bootstrapResamples: req.bootstrapResamples,
      },
      deps.clock,
      (fraction, phase) => onProgress({ fraction: 0.2 + 0.75 * fraction, phase }),
    );
    onProgress({ fraction: 0.95, phase: 'Saving the model' });
    const ev = evaluationOf(result, req, featureStats(x, y, d));
    // The shared MetricSet shape holds the multiclass figures: precision/recall/F1 are macro averages.
    const macro = (k: 'precision' | 'recall'): BootstrapInterval => ({
      ...NAN_INTERVAL,
      estimate: result.report.perClass.reduce((s, c) => s + c[k], 0) / HOME_TYPES.length,
    });
    const metrics: MetricSet = {
      accuracy: ev.accuracy,
      precision: macro('precision'),
      recall: macro('recall'),
      f1: ev.macroF1,
      rocAuc: NAN_INTERVAL,
      prAuc: NAN_INTERVAL,
      logLoss: NAN_INTERVAL,
    };
    const record: Omit<ModelRecord, 'version'> = {
      id: `${req.runId}:home-type`,
      name: `Home-type classifier (${homes.length} homes)`,
      createdAt: req.createdAt,
      kind: 'home-type',
      slot: 'global',
      homeType: null,
      datasetId: 'homes',
      runId: req.runId,
      featureNames: [...HOME_FEATURE_NAMES],
      // The pooled statistics of every training home (the fallback for a home of an unseen source).
      standardizer: result.final.model.pooled,
      threshold: 0.5,
      metrics,
      datasetManifest: {
        kind: 'homes',
        spec: { homes: homes.length, perType: Object.fromEntries(HOME_TYPES.map((t, i) => [t, counts[i] ?? 0])) },
        appVersion: req.appVersion,
      },
      backend,
      // Softmax regression as plain numbers: no TF.js artifacts.
      artifacts: null,
      homeTypeModel: result.final.model,
      sizeBytes: jsonByteLength(result.final.model),
      appVersion: req.appVersion,
      homeTypeEvaluation: ev,
    };
    const saved = await saveModel(database, record);
    onProgress({ fraction: 1, phase: 'Done' });
    return saved;
  }

  async function classifyHome(homeId: string): Promise<HomeClassification> {
    const database = await db();
    const models = (await listModels(database, { kind: 'home-type' })).sort((a, b) => b.createdAt - a.createdAt);
    const model = models[0];
    if (!model) throw new Error('No home-type classifier yet: train one on the Training page first.');
    const home = await getHome(database, homeId);
    if (!home) throw new Error('This home no longer exists.');
    const events = await readHomeEvents(database, homeId);
    if (!events) throw new Error('This home has no stored events.');
    // A model trained on another feature list would read these values in the wrong places.
    if (
      model.featureNames.length !== HOME_FEATURE_NAMES.length ||
      model.featureNames.some((f, i) => f !== HOME_FEATURE_NAMES[i])
    ) {
      throw new Error(
        'The newest home-type classifier was trained on an older set of features; train it again on the Training page.',
      );
    }
    const d = model.featureNames.length;
    const features = homeFeatures(home, events, home.timeZone);
    const base = {
      homeId,
      modelId: model.id,
      modelVersion: model.version,
      actual: home.home_type,
      source: home.source,
    };
    const predicted = (p: readonly number[]): HomeClassification['predicted'] =>
      HOME_TYPES[p.indexOf(Math.max(...p))] ?? 'single_family_house';
    if (model.homeTypeModel) {
      // Scaled by the statistics of the home's own source; the pooled ones when the model never saw that source.
      const { probabilities, standardisedBy } = predictSourceSoftmax(model.homeTypeModel, features, home.source);
      return {
        ...base,
        predicted: predicted(probabilities),
        probabilities,
        modelKind: 'softmax-per-source',
        groups: model.homeTypeModel.groups,
        standardisedBy,
      };
    }
    // A home-type classifier stored before per-source standardisation: a TF.js network on all features.
    const net = await artifactsToModel(networkArtifacts(model, 'The home-type classifier'));
    try {
      const p = Array.from(predictProba(net, applyStandardizer(features, d, model.standardizer), 1, d));
      return {
        ...base,
        predicted: predicted(p),
        probabilities: p,
        modelKind: 'network',
        groups: null,
        standardisedBy: null,
      };
    } finally {
      net.dispose();
    }
  }

  return { train, classifyHome };
}

export type ClassifierService = ReturnType<typeof createClassifierService>;
