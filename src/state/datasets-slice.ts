import { proxy } from 'comlink';
import type { StateCreator } from 'zustand/vanilla';
import { classicRecordWithTruth, CLASSIC_CSV_COLUMNS } from '../domain/classic/classic-format';
import { DEVICE_TYPES, FAILURE_SCENARIOS, type Metric } from '../domain/device-types';
import type { DatasetProfiles } from '../domain/explore/profiles';
import type { LabelHistogram } from '../domain/explore/label-histogram';
import { HOME_TYPES } from '../domain/home-types';
import { parseManifest } from '../domain/dataset-manifest';
import type { ClassicSpec } from '../domain/classic/classic-spec';
import type { TemporalSpec } from '../domain/temporal/spec';
import { FEATURE_NAMES } from '../domain/temporal/window-features';
import { columnsToClassic } from '../storage/classic-chunks';
import { columnsToTemporal } from '../storage/temporal-chunks';
import { deleteDataset, getChunk, getDataset, listDatasets } from '../storage/datasets-repo';
import { WorkerCrashedError } from '../workers/worker-client';
import { cancelledError } from '../workers/job-types';
import type { DatasetExportFormat, DeviceSeries } from '../workers/generator.api';
import type { Remote } from 'comlink';
import type { DatasetRecord } from '../storage/records';
import type { GeneratorApi } from '../workers/generator.api';
import type { WorkerProgress } from '../workers/job-types';
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
  /** Starts a temporal generation job; resolves with the new dataset's id, or null if it did not finish. */
  generateTemporal(spec: TemporalSpec, name: string): Promise<string | null>;
  /** Regenerates a dataset from an exported manifest file's text; a bad file is a clear error, nothing stored. */
  importManifest(text: string): Promise<string | null>;
  deviceSeries(id: string, deviceIndex: number, metric: Metric, maxPoints: number): Promise<DeviceSeries>;
  profiles(id: string, metric: Metric): Promise<DatasetProfiles>;
  featureHistogram(id: string, feature: number): Promise<LabelHistogram>;
  /** Up to `max` device indices of a temporal dataset with a failure, from its first chunks (for the chart picker). */
  failingDevices(id: string, max: number): Promise<{ index: number; scenario: string }[]>;
  deleteDatasetById(id: string): Promise<void>;
  loadPreview(id: string, maxRows: number): Promise<DatasetPreview | null>;
  exportDataset(id: string, format: DatasetExportFormat): Promise<{ blob: Blob; fileName: string }>;
}


export function createDatasetsSlice(services: WorkbenchServices): StateCreator<WorkbenchState, [], [], DatasetsSlice> {
  return (set, get) => {
    type Req = { jobId: string; datasetId: string; appVersion: string; createdAt: number };
    const generate = async (
      title: string,
      kind: 'generate-classic' | 'generate-temporal',
      start: (api: Remote<GeneratorApi>, req: Req, onProgress: (p: WorkerProgress) => void) => Promise<DatasetRecord>,
    ): Promise<string | null> => {
      const datasetId = services.newId();
      const { generator } = services;
      const result = await get().runJob({
        kind,
        title,
        resultId: datasetId,
        run: (jobId, onProgress) =>
          generator.run((api) => start(api, { jobId, datasetId, appVersion: services.appVersion, createdAt: services.now() }, onProgress)),
        cancel: (jobId) => generator.whenRunning((api) => api.cancel(jobId)),
        hardStop: () => generator.terminate(cancelledError('Generation')),
        // After a crash or a hard stop the worker could not remove its partial dataset: do it here.
        cleanUp: () => deleteDataset(services.db, datasetId),
      });
      await get().loadDatasets();
      return result ? datasetId : null;
    };
    return {
    datasets: [],
    datasetsLoaded: false,
    async loadDatasets() {
      set({ datasets: await listDatasets(services.db), datasetsLoaded: true });
    },
    generateClassic(spec, name) {
      return generate(`Generate "${name}" (${spec.samples.toLocaleString('en-US')} classic rows)`, 'generate-classic', (api, req, onProgress) =>
        api.generateClassic({ ...req, name, spec }, proxy(onProgress)),
      );
    },
    generateTemporal(spec, name) {
      return generate(`Generate "${name}" (${spec.homes.toLocaleString('en-US')} homes × ${spec.days} days)`, 'generate-temporal', (api, req, onProgress) =>
        api.generateTemporal({ ...req, name, spec }, proxy(onProgress)),
      );
    },
    async importManifest(text) {
      const manifest = parseManifest(text);
      const name = `${manifest.name} (imported)`;
      return manifest.kind === 'classic' ? get().generateClassic(manifest.spec, name) : get().generateTemporal(manifest.spec, name);
    },
    deviceSeries: (id, deviceIndex, metric, maxPoints) => services.generator.run((api) => api.deviceSeries(id, deviceIndex, metric, maxPoints)),
    profiles: (id, metric) => services.generator.run((api) => api.profiles(id, metric)),
    featureHistogram: (id, feature) => services.generator.run((api) => api.featureHistogram(id, feature)),
    async failingDevices(id, max) {
      const rec = await getDataset(services.db, id);
      const out: { index: number; scenario: string }[] = [];
      for (let i = 0; rec && i < rec.chunkCount && out.length < max; i++) {
        const chunk = await getChunk(services.db, id, i);
        if (!chunk) break;
        const { devices } = columnsToTemporal(chunk.columns);
        devices.scenario.forEach((sc, k) => {
          if (sc >= 0 && out.length < max) out.push({ index: devices.deviceIndex[k] ?? 0, scenario: FAILURE_SCENARIOS[sc] ?? '' });
        });
      }
      return out;
    },
    async deleteDatasetById(id) {
      await deleteDataset(services.db, id);
      set({ datasets: get().datasets.filter((d) => d.id !== id) });
    },
    async loadPreview(id, maxRows) {
      const rec = await getDataset(services.db, id);
      if (!rec) return null;
      if (rec.kind === 'temporal') return temporalPreview(services, rec, maxRows);
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
  };
  };
}

export const TEMPORAL_PREVIEW_COLUMNS = ['device_id', 'home_type', 'device_type', 'truth_failure_scenario', 'time', 'label', 'legacy_label', ...FEATURE_NAMES];

/** The first samples of a temporal dataset as table rows, with each device's identity and ground truth. */
async function temporalPreview(services: WorkbenchServices, rec: DatasetRecord, maxRows: number): Promise<DatasetPreview> {
  const rows: PreviewRow[] = [];
  for (let i = 0; i < rec.chunkCount && rows.length < maxRows; i++) {
    const chunk = await getChunk(services.db, rec.id, i);
    if (!chunk) break;
    const t = columnsToTemporal(chunk.columns);
    const pos = new Map<number, number>();
    t.devices.deviceIndex.forEach((d, k) => pos.set(d, k));
    const d = FEATURE_NAMES.length;
    const n = Math.min(t.samples.label.length, maxRows - rows.length);
    for (let r = 0; r < n; r++) {
      const dev = t.samples.deviceIndex[r] ?? 0;
      const p = pos.get(dev) ?? 0;
      const sc = t.devices.scenario[p] ?? -1;
      const row: PreviewRow = {
        device_id: `synthetic_device_${String(dev + 1).padStart(4, '0')}`,
        home_type: HOME_TYPES[t.devices.homeType[p] ?? 0] ?? '',
        device_type: DEVICE_TYPES[t.devices.deviceType[p] ?? 0] ?? '',
        truth_failure_scenario: sc < 0 ? 'none' : (FAILURE_SCENARIOS[sc] ?? 'none'),
        time: new Date(t.samples.time[r] ?? 0).toISOString().slice(0, 16).replace('T', ' '),
        label: t.samples.label[r] ?? 0,
        legacy_label: t.samples.legacyLabel[r] ?? 0,
      };
      FEATURE_NAMES.forEach((name, j) => {
        const v = t.samples.features[r * d + j] ?? Number.NaN;
        row[name] = Number.isFinite(v) ? Math.round(v * 1000) / 1000 : '';
      });
      rows.push(row);
    }
  }
  return { datasetId: rec.id, columns: TEMPORAL_PREVIEW_COLUMNS, rows, totalRows: rec.rowCount };
}
