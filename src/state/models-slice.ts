import { transfer } from 'comlink';
import type { StateCreator } from 'zustand/vanilla';
import { deleteModel, listModels } from '../storage/models-repo';
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
  /** Predicts every row of a CSV file; the result CSV comes back as a Blob to download. */
  predictCsvFile(file: File): Promise<BatchResult & { blob: Blob }>;
}

const IMPORTED: ImportedMarker = 'imported';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "Dense 32 relu", "Dropout 0.1": the layers of a Keras-style topology, read defensively (it is stored data). */
function layerNames(topology: object): string[] {
  const config: unknown = 'config' in topology ? topology.config : undefined;
  const layers: unknown = isRecord(config) ? config.layers : undefined;
  if (!Array.isArray(layers)) return [];
  return layers.map((l: unknown) => {
    if (!isRecord(l)) return '?';
    const c = isRecord(l.config) ? l.config : {};
    const parts = [String(l.class_name ?? '?')];
    if (typeof c.units === 'number') parts.push(String(c.units));
    if (typeof c.activation === 'string') parts.push(c.activation);
    if (typeof c.rate === 'number') parts.push(String(c.rate));
    return parts.join(' ');
  });
}

/** A stored model without its weights: what the Models page lists and compares. */
export function summarizeModel(m: ModelRecord): ModelSummary {
  const { artifacts, ...rest } = m;
  return {
    ...rest,
    weightBytes: artifacts.weightData.byteLength,
    parameters: artifacts.weightSpecs.reduce((s, w) => s + w.shape.reduce((p, k) => p * k, 1), 0),
    layers: layerNames(artifacts.modelTopology),
    generatedBy: artifacts.generatedBy,
    imported: m.runId === IMPORTED,
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
      const read = await Promise.all(files.map(async (f) => ({ name: f.name, data: await f.arrayBuffer() })));
      const outcome = await services.models.run((api) =>
        api.importModel(
          transfer(
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
    async predictCsvFile(file) {
      const csv = await file.text();
      const result = await services.models.run((api) => api.predictBatch({ csv, fileName: file.name }));
      return { ...result, blob: new Blob([result.csv], { type: 'text/csv' }) };
    },
  });
}
