import { MAX_MODEL_JSON_BYTES } from '../domain/model-file-limits';
import type { StateCreator } from 'zustand/vanilla';
import { jsonByteLength, treesShape } from '../ml/model-body';
import { layerNames } from '../ml/topology-layers';
import { deleteModel, listModels } from '../storage/models-repo';
import { familyOf, type ModelFamily } from '../domain/training/run-types';
import type { ModelRecord } from '../storage/records';
import type {
  BatchResult,
  ExportFormat,
  ImportedMarker,
  ImportOutcome,
  ModelHealth,
  ModelSnippets,
  ModelSummary,
  PredictionResult,
  PredictRequest,
} from '../workers/models.api';
import type { WorkbenchServices } from './services';
import type { WorkbenchState } from './workbench-store';
import { moveToWorker } from '../workers/worker-client';

export interface ModelsSlice {
  /** Every stored model without its weights, newest first. */
  models: ModelSummary[];
  modelsLoaded: boolean;
  loadModels(): Promise<void>;
  deleteModelById(id: string): Promise<void>;
  /** Loads the model afresh in the models worker and runs it on a known row. */
  checkModelHealth(id: string): Promise<ModelHealth>;
  /** The files of one export format, ready to download. */
  exportModelFiles(id: string, format: ExportFormat): Promise<{ blob: Blob; fileName: string }[]>;
  modelSnippets(id: string): Promise<ModelSnippets>;
  /** Validates and stores chosen model files (one JSON, or model.json + weights.bin); rejects with the reason. */
  importModelFiles(files: readonly File[]): Promise<ImportOutcome>;
  predictDevice(req: PredictRequest): Promise<PredictionResult>;
  /**
   * Predicts every row of a CSV file with the newest model of each row's slot (of `family` only, when given);
   * the result CSV comes back as a Blob to download.
   */
  predictCsvFile(file: File, family?: ModelFamily): Promise<BatchResult & { blob: Blob }>;
}

const IMPORTED: ImportedMarker = 'imported';

/** Shown as "Trained with" for trees (networks record their TF.js version). */
export const TREES_GENERATED_BY = 'HomeSynth Workbench gradient-boosted trees (plain TypeScript)';

/** A stored model without its weights or trees: what the Models page lists and compares. */
export function summarizeModel(m: ModelRecord): ModelSummary {
  const { artifacts, trees, family: _family, ...rest } = m;
  const base = { ...rest, family: familyOf(m), imported: m.runId === IMPORTED };
  if (base.family === 'trees') {
    const shape = trees === undefined ? null : treesShape(trees);
    return {
      ...base,
      weightBytes: trees === undefined ? 0 : jsonByteLength(trees),
      // A split's threshold and a leaf's value: what the trees learnt.
      parameters: shape === null ? 0 : shape.splits + shape.leaves,
      layers: [],
      trees: shape,
      generatedBy: TREES_GENERATED_BY,
    };
  }
  return {
    ...base,
    weightBytes: artifacts?.weightData.byteLength ?? 0,
    parameters: artifacts?.weightSpecs.reduce((s, w) => s + w.shape.reduce((p, k) => p * k, 1), 0) ?? 0,
    layers: artifacts ? layerNames(artifacts.modelTopology) : [],
    trees: null,
    generatedBy: artifacts?.generatedBy ?? 'unknown (the network is missing its artifacts)',
  };
}

export function createModelsSlice(services: WorkbenchServices): StateCreator<WorkbenchState, [], [], ModelsSlice> {
  return (set, get) => ({
    models: [],
    modelsLoaded: false,
    async loadModels() {
      set({ models: (await listModels(services.db)).map(summarizeModel), modelsLoaded: true });
    },
    async deleteModelById(id) {
      await deleteModel(services.db, id);
      set({ models: get().models.filter((m) => m.id !== id) });
    },
    checkModelHealth: (id) => services.models.run((api) => api.checkHealth(id)),
    async exportModelFiles(id, format) {
      const files = await services.models.run((api) => api.exportModel(id, format, services.appVersion));
      return files.map((f) => ({ blob: new Blob([f.data], { type: f.mime }), fileName: f.name }));
    },
    modelSnippets: (id) => services.models.run((api) => api.snippets(id)),
    async importModelFiles(files) {
      // Refused before reading: a file far larger than any model would otherwise be read whole into this tab.
      const huge = files.find((f) => f.size > MAX_MODEL_JSON_BYTES);
      if (huge) {
        throw new Error(
          `"${huge.name}" is ${(huge.size / 1e6).toFixed(0)} MB; this app imports model files of up to ${MAX_MODEL_JSON_BYTES / 1e6} MB, so it is not a model this app can use.`,
        );
      }
      const read = await Promise.all(files.map(async (f) => ({ name: f.name, data: await f.arrayBuffer() })));
      const outcome = await services.models.run((api) =>
        api.importModel(
          moveToWorker(
            read,
            read.map((f) => f.data),
          ),
          services.appVersion,
        ),
      );
      await get().loadModels();
      return outcome;
    },
    predictDevice: (req) => services.models.run((api) => api.predict(req)),
    async predictCsvFile(file, family) {
      const csv = await file.text();
      const result = await services.models.run((api) =>
        api.predictBatch({ csv, fileName: file.name, ...(family !== undefined ? { family } : {}) }),
      );
      return { ...result, blob: new Blob([result.csv], { type: 'text/csv' }) };
    },
  });
}
