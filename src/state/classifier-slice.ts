import type { StateCreator } from 'zustand/vanilla';
import { listModels } from '../storage/models-repo';
import type { CrossSourceResult, ModelRow, PerturbationRow } from '../domain/evaluation/home-type-evaluation';
import type { HomeTypeEvaluation } from '../domain/models/model-types';
import type { ModelRecord } from '../storage/records';
import type { ClassifierTrainRequest } from '../workers/classifier.api';
import { cancelledError } from '../workers/job-types';
import type { WorkbenchServices } from './services';
import type { WorkbenchState } from './workbench-store';
import { workerCallback } from '../workers/worker-client';

/** The newest home-type classifier, without its weights (the view needs only metadata and evaluation). */
export type ClassifierView = Omit<ModelRecord, 'artifacts'>;

export interface ClassifierSlice {
  homeClassifier: ClassifierView | null;
  loadHomeClassifier(): Promise<void>;
  trainHomeClassifier(options: Omit<ClassifierTrainRequest, 'runId' | 'createdAt' | 'appVersion'>): Promise<boolean>;
}

export function createClassifierSlice(
  services: WorkbenchServices,
): StateCreator<WorkbenchState, [], [], ClassifierSlice> {
  return (set, get) => ({
    homeClassifier: null,
    async loadHomeClassifier() {
      const models = await listModels(services.db, { kind: 'home-type' });
      const newest = models.sort((a, b) => b.createdAt - a.createdAt)[0];
      if (!newest) return set({ homeClassifier: null });
      const { artifacts: _weights, ...view } = newest;
      set({ homeClassifier: view });
    },
    async trainHomeClassifier(options) {
      const { classifier } = services;
      const result = await get().runJob({
        kind: 'train',
        title: 'Train the home-type classifier',
        resultId: null,
        run: (_jobId, onProgress) =>
          classifier.run((api) =>
            api.train(
              { ...options, runId: services.newId(), createdAt: services.now(), appVersion: services.appVersion },
              workerCallback(onProgress),
            ),
          ),
        cancel: () => classifier.terminate(cancelledError('Classifier training')),
        hardStop: () => classifier.terminate(cancelledError('Classifier training')),
      });
      await get().loadHomeClassifier();
      return result !== null;
    },
  });
}

// Narrow selectors for the classifier panel: each returns a stored object (or null), so the reference
// only changes when a new classifier is loaded and the sections re-render only then.

/** The newest classifier's stored evaluation, or null. */
export const selectHomeTypeEvaluation = (s: WorkbenchState): HomeTypeEvaluation | null =>
  s.homeClassifier?.homeTypeEvaluation ?? null;

/** Its cross-source evaluation; null without a classifier or for one trained before issue 12. */
export const selectCrossSource = (s: WorkbenchState): CrossSourceResult | null =>
  s.homeClassifier?.homeTypeEvaluation?.crossSource ?? null;

/** Its ablations and baselines (the model first). */
export const selectClassifierModels = (s: WorkbenchState): readonly ModelRow[] | null =>
  s.homeClassifier?.homeTypeEvaluation?.models ?? null;

/** Its perturbation checks (the homes as stored first). */
export const selectPerturbations = (s: WorkbenchState): readonly PerturbationRow[] | null =>
  s.homeClassifier?.homeTypeEvaluation?.perturbations ?? null;
