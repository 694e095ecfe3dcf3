import * as tf from '@tensorflow/tfjs';
import { calibrateScores } from '../domain/evaluation/calibration';
import { predictGbdt } from '../domain/evaluation/gbdt';
import { modelPrediction } from '../domain/evaluation/risk';
import { applyStandardizer } from '../domain/evaluation/standardize';
import type { ModelArtifacts } from '../domain/models/model-types';
import { familyOf } from '../domain/training/run-types';
import { deviceRow, inputFeatureSet } from '../ml/device-input';
import { featureSetOf, type FeatureSetName } from '../ml/feature-sets';
import { artifactsToModel } from '../ml/model-artifacts';
import { modelBody, recordFieldsOf } from '../ml/model-body';
import { modelCard } from '../ml/model-card';
import {
  exportFileStem,
  exportMetadata,
  layersModelFiles,
  LAYERS_MODEL_FILE,
  LAYERS_WEIGHTS_FILE,
  singleModelFileText,
  type ExportInput,
} from '../ml/model-export';
import type { TrainingProvenance } from '../ml/model-file-format';
import { checkModelHealth } from '../ml/model-health';
import { checkModelRuns, parseModelFiles, type ModelFileInput } from '../ml/model-import';
import { routeModel } from '../ml/model-routing';
import { modelSnippets } from '../ml/model-snippet';
import { predictProba } from '../ml/train-loop';
import type { WorkbenchDb } from '../storage/db';
import { getModel, listModels, saveModel } from '../storage/models-repo';
import { estimateBytes } from '../storage/record-size';
import type { ModelRecord } from '../storage/records';
import { getRun } from '../storage/runs-repo';
import { deviceSource } from './device-source';
import { predictCsv } from './models-batch';
import type {
  BatchRequest,
  ExportedFile,
  ExportFormat,
  ImportedMarker,
  ImportOutcome,
  PredictionResult,
  PredictRequest,
} from '../workers/models.api';

export interface ModelsDeps {
  openDb: () => Promise<WorkbenchDb>;
  /** Activates the worker's TF.js backend (once) and resolves with the name of the one that runs. */
  ensureBackend: () => Promise<string>;
  now: () => number;
  /** High-resolution clock for latencies (performance.now in a worker). */
  clock: () => number;
  newId: () => string;
}

const IMPORTED: ImportedMarker = 'imported';
/** Loaded models kept for predictions; each is a few kB of weights, the cap only bounds a long session. */
const CACHE_SIZE = 8;

/** The models worker's logic, free of Comlink so it is testable with plain calls. */
export function createModelsService(deps: ModelsDeps) {
  let dbPromise: Promise<WorkbenchDb> | null = null;
  const db = (): Promise<WorkbenchDb> => (dbPromise ??= deps.openDb());
  let backendPromise: Promise<string> | null = null;
  const backend = (): Promise<string> => (backendPromise ??= deps.ensureBackend());
  const cache = new Map<string, Promise<tf.LayersModel>>();

  const loaded = (record: ModelRecord, artifacts: ModelArtifacts): Promise<tf.LayersModel> => {
    const hit = cache.get(record.id);
    if (hit) return hit;
    const p = artifactsToModel(artifacts);
    p.catch(() => cache.delete(record.id));
    cache.set(record.id, p);
    if (cache.size > CACHE_SIZE) {
      const [oldest] = cache.keys();
      if (oldest !== undefined) {
        void cache.get(oldest)?.then(
          (m) => m.dispose(),
          () => undefined,
        );
        cache.delete(oldest);
      }
    }
    return p;
  };

  /** The model's output for the raw rows, before calibration. */
  const modelOutput = async (record: ModelRecord, raw: Float32Array, n: number): Promise<Float32Array> => {
    const body = modelBody(record);
    const d = record.featureNames.length;
    if (body.family === 'trees') return predictGbdt(body.trees, raw, n, d);
    await backend();
    const model = await loaded(record, body.artifacts);
    return predictProba(model, applyStandardizer(raw, d, record.standardizer), n, d);
  };

  /**
   * P(failure) of raw rows: a network standardises them (and clips them) as in training, trees read them raw
   * (NaN = missing); then the model's calibrator, if any, maps the output to the calibrated probability its
   * threshold was chosen on.
   */
  const predictRows = async (record: ModelRecord, raw: Float32Array, n: number): Promise<Float32Array> => {
    const output = await modelOutput(record, raw, n);
    const calibration = record.calibration ?? null;
    return calibration === null ? output : calibrateScores(calibration, output);
  };

  const required = async (id: string): Promise<ModelRecord> => {
    const m = await getModel(await db(), id);
    if (!m) throw new Error('This model no longer exists: it was deleted, perhaps with its training run.');
    return m;
  };

  const provenance = async (m: ModelRecord): Promise<TrainingProvenance | null> => {
    const run = await getRun(await db(), m.runId);
    const slot = run?.slots.find((s) => s.modelId === m.id);
    if (!run || !slot) return null;
    const trees = familyOf(m) === 'trees';
    return {
      runName: run.name,
      label: run.config.label,
      split: run.config.split,
      network: trees ? null : run.config.network,
      // Runs stored before trees existed have no trees settings.
      trees: trees ? (run.config.trees ?? null) : null,
      counts: slot.counts,
      baseRate: slot.baseRate,
      epochs: slot.history.length,
      bestEpoch: slot.bestEpoch,
      thresholdValidation: slot.thresholdValidation ?? null,
    };
  };

  /** The model a request names, checked against the input: it must be a failure model for the input's features. */
  const chosen = async (
    id: string,
    inputSet: FeatureSetName,
  ): Promise<{ model: ModelRecord; routedTo: 'chosen'; note: null }> => {
    const m = await required(id);
    if (m.kind !== 'failure')
      throw new Error(
        `"${m.name}" is not a failure model: choose a failure model, or let the device's home type choose.`,
      );
    const set = featureSetOf(m.featureNames);
    if (set !== inputSet) {
      throw new Error(
        `"${m.name}" reads ${set === 'temporal' ? 'temporal window features' : 'the 11 classic metrics'}, but the input gives ${inputSet === 'temporal' ? 'temporal window features' : 'classic metrics'}. Choose a model for this input, or paste the features it reads.`,
      );
    }
    return { model: m, routedTo: 'chosen', note: null };
  };

  const exportInput = async (id: string, appVersion: string): Promise<ExportInput> => {
    const record = await required(id);
    return { record, training: await provenance(record), appVersion, exportedAt: new Date(deps.now()).toISOString() };
  };

  return {
    async checkHealth(modelId: string) {
      const record = await getModel(await db(), modelId);
      // Trees run in plain TypeScript: no TF.js backend is started for them.
      const active = record && familyOf(record) === 'trees' ? 'none (trees run in plain TypeScript)' : await backend();
      return checkModelHealth(modelId, record, {
        clock: deps.clock,
        now: deps.now,
        backend: active,
        tfjsVersion: tf.version.tfjs,
      });
    },

    async exportModel(modelId: string, format: ExportFormat, appVersion: string): Promise<ExportedFile[]> {
      const input = await exportInput(modelId, appVersion);
      const stem = exportFileStem(input.record);
      if (format === 'single')
        return [{ name: `${stem}.json`, mime: 'application/json', data: singleModelFileText(input) }];
      if (format === 'card')
        return [
          {
            name: `${stem}.md`,
            mime: 'text/markdown',
            data: modelCard(exportMetadata(input), modelBody(input.record)),
          },
        ];
      if (familyOf(input.record) === 'trees') {
        throw new Error(
          'Boosted trees are not a TF.js model, so they have no model.json + weights.bin: export the single JSON file, which holds the trees and the metadata.',
        );
      }
      const files = layersModelFiles(input);
      return [
        { name: LAYERS_MODEL_FILE, mime: 'application/json', data: files.modelJson },
        { name: LAYERS_WEIGHTS_FILE, mime: 'application/octet-stream', data: files.weights },
      ];
    },

    async snippets(modelId: string) {
      const m = await required(modelId);
      return modelSnippets(m, `${exportFileStem(m)}.json`, tf.version.tfjs);
    },

    async importModel(files: ModelFileInput[], appVersion: string): Promise<ImportOutcome> {
      // Every check that needs no TF.js comes first: a refused file never starts the backend or builds a layer.
      const parsed = parseModelFiles(files);
      if (parsed.body.family === 'network') await backend();
      const { body, metadata: meta, source } = await checkModelRuns(parsed);
      const record: Omit<ModelRecord, 'version'> = {
        id: deps.newId(),
        name: meta.name.endsWith('(imported)') ? meta.name : `${meta.name} (imported)`,
        createdAt: deps.now(),
        kind: meta.kind,
        slot: meta.slot,
        homeType: meta.homeType,
        datasetId: IMPORTED,
        runId: IMPORTED,
        featureNames: meta.featureNames,
        standardizer: meta.standardizer,
        threshold: meta.threshold,
        ...(meta.thresholdRule !== null ? { thresholdRule: meta.thresholdRule } : {}),
        // The threshold was chosen on calibrated scores: the calibrator must travel with it.
        calibration: meta.calibration,
        metrics: meta.metrics,
        datasetManifest: meta.datasetManifest,
        backend: meta.backend,
        ...recordFieldsOf(body),
        sizeBytes: 0,
        appVersion: meta.trainedWithAppVersion || appVersion,
      };
      record.sizeBytes = estimateBytes(record);
      const saved = await saveModel(await db(), record);
      return {
        id: saved.id,
        name: saved.name,
        version: saved.version,
        originalVersion: meta.version,
        slot: saved.slot,
        family: familyOf(saved),
        source,
      };
    },

    async predict(req: PredictRequest): Promise<PredictionResult> {
      const src = deviceSource(req);
      const inputSet = inputFeatureSet(src.values);
      const route =
        req.modelId === undefined
          ? routeModel(await listModels(await db(), { kind: 'failure' }), src.homeType, inputSet)
          : await chosen(req.modelId, inputSet);
      const m = route.model;
      const set = featureSetOf(m.featureNames) ?? inputSet;
      const row = deviceRow(m.featureNames, src.values, set, familyOf(m));
      const probability = (await predictRows(m, row.values, 1))[0] ?? Number.NaN;
      const prediction = modelPrediction({
        deviceId: src.deviceId,
        probability,
        anomalyScore: 0,
        isAnomaly: false,
        metrics: row.metrics,
        predictedAt: new Date(deps.now()).toISOString(),
        modelVersion: m.version,
      });
      return {
        prediction,
        probability,
        threshold: m.threshold,
        predictedFailure: probability >= m.threshold,
        model: { id: m.id, name: m.name, version: m.version, slot: m.slot, family: familyOf(m) },
        routedTo: route.routedTo,
        note: route.note,
        homeType: src.homeType,
        featureSet: set,
        missing: row.missing,
      };
    },

    async predictBatch(req: BatchRequest) {
      const models = await listModels(await db(), { kind: 'failure' });
      return predictCsv(req, models, predictRows, new Date(deps.now()).toISOString());
    },
  };
}

export type ModelsService = ReturnType<typeof createModelsService>;
