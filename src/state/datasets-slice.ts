import { proxy } from 'comlink';
import type { StateCreator } from 'zustand/vanilla';
import { classicRecordWithTruth, CLASSIC_CSV_COLUMNS } from '../domain/classic/classic-format';
import type { ClassicSpec } from '../domain/classic/classic-spec';
import { columnsToClassic } from '../storage/classic-chunks';
import { deleteDataset, getChunk, getDataset, listDatasets } from '../storage/datasets-repo';
import type { DatasetRecord } from '../storage/records';
import { WorkerCrashedError } from '../workers/worker-client';
import { cancelledError } from '../workers/job-types';
import type { DatasetExportFormat } from '../workers/generator.api';
import type { WorkbenchServices } from './services';
import type { WorkbenchState } from './workbench-store';

export type PreviewRow = Record<string, string | number>;

export interface DatasetPreview {
  datasetId: string;
  columns: readonly string[];
  rows: PreviewRow[];
  totalRows: number;
}

export interface DatasetsSlice {
  datasets: DatasetRecord[];
  datasetsLoaded: boolean;
  loadDatasets(): Promise<void>;
  /** Starts a classic generation job; resolves with the new dataset's id, or null if it did not finish. */
  generateClassic(spec: ClassicSpec, name: string): Promise<string | null>;
  deleteDatasetById(id: string): Promise<void>;
  loadPreview(id: string, maxRows: number): Promise<DatasetPreview | null>;
  exportDataset(id: string, format: DatasetExportFormat): Promise<{ blob: Blob; fileName: string }>;
}

export function createDatasetsSlice(services: WorkbenchServices): StateCreator<WorkbenchState, [], [], DatasetsSlice> {
  return (set, get) => ({
    datasets: [],
    datasetsLoaded: false,
    async loadDatasets() {
      set({ datasets: await listDatasets(services.db), datasetsLoaded: true });
    },
    async generateClassic(spec, name) {
      const datasetId = services.newId();
      const { generator } = services;
      const result = await get().runJob({
        kind: 'generate-classic',
        title: `Generate "${name}" (${spec.samples.toLocaleString('en-US')} classic rows)`,
        resultId: datasetId,
        run: (jobId, onProgress) =>
          generator.run((api) =>
            api.generateClassic(
              { jobId, datasetId, name, spec, appVersion: services.appVersion, createdAt: services.now() },
              proxy(onProgress),
            ),
          ),
        cancel: (jobId) => generator.whenRunning((api) => api.cancel(jobId)),
        hardStop: () => generator.terminate(cancelledError('Generation')),
        // After a crash or a hard stop the worker could not remove its partial dataset: do it here.
        cleanUp: () => deleteDataset(services.db, datasetId),
      });
      await get().loadDatasets();
      return result ? datasetId : null;
    },
    async deleteDatasetById(id) {
      await deleteDataset(services.db, id);
      set({ datasets: get().datasets.filter((d) => d.id !== id) });
    },
    async loadPreview(id, maxRows) {
      const rec = await getDataset(services.db, id);
      if (!rec) return null;
      const rows: PreviewRow[] = [];
      for (let i = 0; i < rec.chunkCount && rows.length < maxRows; i++) {
        const chunk = await getChunk(services.db, id, i);
        if (!chunk) break;
        const cols = columnsToClassic(chunk.columns, chunk.rows);
        const n = Math.min(cols.length, maxRows - rows.length);
        for (let r = 0; r < n; r++) rows.push(classicRecordWithTruth(cols, r));
      }
      return { datasetId: id, columns: CLASSIC_CSV_COLUMNS, rows, totalRows: rec.rowCount };
    },
    async exportDataset(id, format) {
      try {
        return await services.generator.run((api) => api.exportDataset(id, format));
      } catch (e) {
        if (e instanceof WorkerCrashedError) throw new Error(`Export failed: ${e.message}`);
        throw e;
      }
    },
  });
}
