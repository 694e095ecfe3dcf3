import * as tf from '@tensorflow/tfjs';
import { modelPrediction } from '../domain/evaluation/risk';
import { applyStandardizer } from '../domain/evaluation/standardize';
import { deviceRow, inputFeatureSet } from '../ml/device-input';
import { artifactsToModel } from '../ml/model-artifacts';
import { modelCard } from '../ml/model-card';
import { exportFileStem, exportMetadata, layersModelFiles, LAYERS_MODEL_FILE, LAYERS_WEIGHTS_FILE, singleModelFileText, type ExportInput } from '../ml/model-export';
import type { TrainingProvenance } from '../ml/model-file-format';
import { checkModelHealth } from '../ml/model-health';
import { readModelFiles, type ModelFileInput } from '../ml/model-import';
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
import type { BatchRequest, ExportedFile, ExportFormat, ImportedMarker, ImportOutcome, PredictionResult, PredictRequest } from './models.api';

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

  const loaded = (record: ModelRecord): Promise<tf.LayersModel> => {
    const hit = cache.get(record.id);
    if (hit) return hit;
    const p = artifactsToModel(record.artifacts);
    p.catch(() => cache.delete(record.id));
    cache.set(record.id, p);
    if (cache.size > CACHE_SIZE) {
      const [oldest] = cache.keys();
      if (oldest !== undefined) {
        void cache.get(oldest)?.then((m) => m.dispose(), () => undefined);
        cache.delete(oldest);
      }
    }
    return p;
  };

  const predictRows = async (record: ModelRecord, raw: Float32Array, n: number): Promise<Float32Array> => {
    await backend();
    const model = await loaded(record);
    const d = record.featureNames.length;
    return predictProba(model, applyStandardizer(raw, d, record.standardizer), n, d);
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
    return {
      runName: run.name,
      label: run.config.label,
      split: run.config.split,
      network: run.config.network,
      counts: slot.counts,
      baseRate: slot.baseRate,
      epochs: slot.history.length,
      bestEpoch: slot.bestEpoch,
    };
  };

  const exportInput = async (id: string, appVersion: string): Promise<ExportInput> => {
    const record = await required(id);
    return { record, training: await provenance(record), appVersion, exportedAt: new Date(deps.now()).toISOString() };
  };

  return {
    async checkHealth(modelId: string) {
      const active = await backend();
      const record = await getModel(await db(), modelId);
      return checkModelHealth(modelId, record, { clock: deps.clock, now: deps.now, backend: active, tfjsVersion: tf.version.tfjs });
    },

    async exportModel(modelId: string, format: ExportFormat, appVersion: string): Promise<ExportedFile[]> {
      const input = await exportInput(modelId, appVersion);
      const stem = exportFileStem(input.record);
      if (format === 'single') return [{ name: `${stem}.json`, mime: 'application/json', data: singleModelFileText(input) }];
      if (format === 'card') return [{ name: `${stem}.md`, mime: 'text/markdown', data: modelCard(exportMetadata(input)) }];
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
      await backend();
      const { artifacts, metadata: meta, source } = await readModelFiles(files);
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
        metrics: meta.metrics,
        datasetManifest: meta.datasetManifest,
        backend: meta.backend,
        artifacts,
        sizeBytes: 0,
        appVersion: meta.trainedWithAppVersion || appVersion,
      };
      record.sizeBytes = estimateBytes(record);
      const saved = await saveModel(await db(), record);
      return { id: saved.id, name: saved.name, version: saved.version, originalVersion: meta.version, slot: saved.slot, source };
    },

    async predict(req: PredictRequest): Promise<PredictionResult> {
      const src = deviceSource(req);
      const set = inputFeatureSet(src.values);
      const route = routeModel(await listModels(await db(), { kind: 'failure' }), src.homeType, set);
      const m = route.model;
      const row = deviceRow(m.featureNames, src.values, set);
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
        model: { id: m.id, name: m.name, version: m.version, slot: m.slot },
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
