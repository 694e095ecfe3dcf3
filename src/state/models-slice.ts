import { MAX_MODEL_JSON_BYTES } from '../domain/model-file-limits';
import type { StateCreator } from 'zustand/vanilla';
import { jsonByteLength, treesShape } from '../ml/model-body';
import { layerNames } from '../ml/topology-layers';
import { deleteModel, listModels } from '../storage/models-repo';
import { familyOf } from '../domain/training/run-types';
import type { ModelRecord } from '../storage/records';
import type { ImportedMarker, ImportOutcome, ModelSummary } from '../workers/models.api';
import type { WorkbenchServices } from './services';
import type { WorkbenchState } from './workbench-store';
import { moveToWorker } from '../workers/worker-client';

export interface ModelsSlice {
  /** Every stored model without its weights, newest first. */
  models: ModelSummary[];
  modelsLoaded: boolean;
  loadModels(): Promise<void>;
  deleteModelById(id: string): Promise<void>;
  /** Validates and stores chosen model files (one JSON, or model.json + weights.bin); rejects with the reason. */
  importModelFiles(files: readonly File[]): Promise<ImportOutcome>;
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
  });
}
