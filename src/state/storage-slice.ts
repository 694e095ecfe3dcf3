import type { StateCreator } from 'zustand/vanilla';
import { deleteHomesRun } from '../storage/homes-repo';
import { liveHomesRunIds } from '../storage/homes-run-lock';
import { deleteEverything, deleteItem, storageInventory, type StoredItem } from '../storage/inventory';
import type { WorkbenchServices } from './services';
import type { WorkbenchState } from './workbench-store';

export interface StorageInfo {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
  items: StoredItem[];
}

export interface StorageSlice {
  storage: StorageInfo | null;
  loadStorage(): Promise<void>;
  requestPersistence(): Promise<boolean | null>;
  deleteStoredItem(item: StoredItem): Promise<void>;
  deleteAllData(): Promise<void>;
}

export function createStorageSlice(services: WorkbenchServices): StateCreator<WorkbenchState, [], [], StorageSlice> {
  return (set, get) => ({
    storage: null,
    async loadStorage() {
      const [estimate, persisted, items] = await Promise.all([
        services.storageEstimate(),
        services.persisted(),
        storageInventory(services.db),
      ]);
      set({ storage: { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted, items } });
    },
    async requestPersistence() {
      const granted = await services.requestPersistence();
      await get().loadStorage();
      return granted;
    },
    async deleteStoredItem(item) {
      await deleteItem(services.db, item);
      await Promise.all([
        get().loadStorage(),
        get().loadDatasets(),
        get().loadHomes(),
        get().loadRuns(),
        get().loadModels(),
        get().loadHomeClassifier(),
      ]);
    },
    async deleteAllData() {
      if (get().jobs.some((j) => j.status === 'running')) {
        throw new Error('A job is still running. Cancel it or wait for it to finish, then delete everything.');
      }
      // Checked before anything is deleted: a synthesis run going on in another tab must not lose its data half-way.
      if ((await liveHomesRunIds()).size > 0) {
        throw new Error(
          'A homes synthesis run is going on in another tab. Let it finish or cancel it there, then delete everything.',
        );
      }
      await deleteEverything(services.db);
      // The homes synthesis run lives in settings (kept by deleteEverything), but its homes are gone now.
      await deleteHomesRun(services.db);
      await Promise.all([
        get().loadStorage(),
        get().loadDatasets(),
        get().loadJobs(),
        get().loadHomes(),
        get().loadRuns(),
        get().loadModels(),
        get().loadHomeClassifier(),
      ]);
    },
  });
}
