import { proxy } from 'comlink';
import type { StateCreator } from 'zustand/vanilla';
import { listModels } from '../storage/models-repo';
import type { ModelRecord } from '../storage/records';
import type { ClassifierTrainRequest, HomeClassification } from '../workers/classifier.api';
import { cancelledError } from '../workers/job-types';
import type { WorkbenchServices } from './services';
import type { WorkbenchState } from './workbench-store';

/** The newest home-type classifier, without its weights (the view needs only metadata and evaluation). */
export type ClassifierView = Omit<ModelRecord, 'artifacts'>;

export interface ClassifierSlice {
  homeClassifier: ClassifierView | null;
  loadHomeClassifier(): Promise<void>;
  trainHomeClassifier(options: Omit<ClassifierTrainRequest, 'runId' | 'createdAt' | 'appVersion'>): Promise<boolean>;
  classifyHome(homeId: string): Promise<HomeClassification>;
}

export function createClassifierSlice(services: WorkbenchServices): StateCreator<WorkbenchState, [], [], ClassifierSlice> {
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
            api.train({ ...options, runId: services.newId(), createdAt: services.now(), appVersion: services.appVersion }, proxy(onProgress)),
          ),
        cancel: () => classifier.terminate(cancelledError('Classifier training')),
        hardStop: () => classifier.terminate(cancelledError('Classifier training')),
      });
      await get().loadHomeClassifier();
      return result !== null;
    },
    classifyHome: (homeId) => services.classifier.run((api) => api.classifyHome(homeId)),
  });
}
