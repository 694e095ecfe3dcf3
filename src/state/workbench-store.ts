import { createStore, type StoreApi } from 'zustand/vanilla';
import { recoverInterruptedJobs } from '../storage/recovery';
import { createClassifierSlice, type ClassifierSlice } from './classifier-slice';
import { createDatasetsSlice, type DatasetsSlice } from './datasets-slice';
import { createHomesSlice, type HomesSlice } from './homes-slice';
import { createJobsSlice, type JobsSlice } from './jobs-slice';
import { createModelsSlice, type ModelsSlice } from './models-slice';
import { createOpenAiSettingsSlice, type OpenAiSlice } from './openai-settings-slice';
import type { WorkbenchServices } from './services';
import { createStorageSlice, type StorageSlice } from './storage-slice';
import { createTrainingSlice, type TrainingSlice } from './training-slice';
import { createUiSlice, type ThemeChoice, type UiSlice } from './ui-slice';

export type WorkbenchState = JobsSlice &
  DatasetsSlice &
  UiSlice &
  StorageSlice &
  TrainingSlice &
  ModelsSlice &
  HomesSlice &
  OpenAiSlice &
  ClassifierSlice;
export type WorkbenchStore = StoreApi<WorkbenchState>;

/** One store from slices; services do the work, the store holds serialisable view state. */
export function createWorkbenchStore(
  services: WorkbenchServices,
  initialTheme: ThemeChoice = 'system',
): WorkbenchStore {
  return createStore<WorkbenchState>()((...a) => ({
    ...createJobsSlice(services)(...a),
    ...createDatasetsSlice(services)(...a),
    ...createUiSlice(initialTheme)(...a),
    ...createStorageSlice(services)(...a),
    ...createTrainingSlice(services)(...a),
    ...createModelsSlice(services)(...a),
    ...createHomesSlice(services)(...a),
    ...createOpenAiSettingsSlice(services)(...a),
    ...createClassifierSlice(services)(...a),
  }));
}

/** Start-up: mark jobs cut off by a reload as interrupted (removing their partial output), then load lists. */
export async function initialiseStore(store: WorkbenchStore, services: WorkbenchServices): Promise<void> {
  const recovered = await recoverInterruptedJobs(services.db, services.isTabAlive, services.now());
  const s = store.getState();
  await Promise.all([
    s.loadJobs(),
    s.loadDatasets(),
    s.loadRuns(),
    s.loadModels(),
    s.loadHomes(),
    s.loadOpenAiSettings(),
    s.loadHomeClassifier(),
  ]);
  for (const job of recovered) s.notify('info', `"${job.title}" was interrupted by a reload. ${job.note ?? ''}`);
}
