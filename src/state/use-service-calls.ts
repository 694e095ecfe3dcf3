import { createContext, useContext, useMemo } from 'react';
import type { Metric } from '../domain/device-types';
import type { DatasetProfiles } from '../domain/explore/profiles';
import type { LabelHistogram } from '../domain/explore/label-histogram';
import type { HaHistoryFormat } from '../domain/homes/ha-history';
import type { ModelFamily } from '../domain/training/run-types';
import type { HomeClassification } from '../workers/classifier.api';
import type { EvaluationSettings, RunEvaluation } from '../workers/evaluation.api';
import type { DeviceSeries } from '../workers/generator.api';
import type { ExportFile, HomeView } from '../workers/homes.api';
import type {
  BatchResult,
  ExportFormat,
  ModelHealth,
  ModelSnippets,
  PredictionResult,
  PredictRequest,
} from '../workers/models.api';
import type { WorkbenchServices } from './services';

/**
 * Service calls that never touch the store's state: features reach them through these hooks instead of the
 * store, which keeps view state and the actions that change it. The app provides the services next to the store.
 */
export const ServicesContext = createContext<WorkbenchServices | null>(null);

function useServices(): WorkbenchServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('service hooks must be used inside <ServicesContext.Provider>');
  return services;
}

export interface ModelCalls {
  /** Loads the model afresh in the models worker and runs it on a known row. */
  checkModelHealth(id: string): Promise<ModelHealth>;
  /** The files of one export format, ready to download. */
  exportModelFiles(id: string, format: ExportFormat): Promise<{ blob: Blob; fileName: string }[]>;
  modelSnippets(id: string): Promise<ModelSnippets>;
  predictDevice(req: PredictRequest): Promise<PredictionResult>;
  /**
   * Predicts every row of a CSV file with the newest model of each row's slot (of `family` only, when given);
   * the result CSV comes back as a Blob to download.
   */
  predictCsvFile(file: File, family?: ModelFamily): Promise<BatchResult & { blob: Blob }>;
}

export function modelCalls(services: WorkbenchServices): ModelCalls {
  const { models } = services;
  return {
    checkModelHealth: (id) => models.run((api) => api.checkHealth(id)),
    async exportModelFiles(id, format) {
      const files = await models.run((api) => api.exportModel(id, format, services.appVersion));
      return files.map((f) => ({ blob: new Blob([f.data], { type: f.mime }), fileName: f.name }));
    },
    modelSnippets: (id) => models.run((api) => api.snippets(id)),
    predictDevice: (req) => models.run((api) => api.predict(req)),
    async predictCsvFile(file, family) {
      const csv = await file.text();
      const result = await models.run((api) =>
        api.predictBatch({ csv, fileName: file.name, ...(family !== undefined ? { family } : {}) }),
      );
      return { ...result, blob: new Blob([result.csv], { type: 'text/csv' }) };
    },
  };
}

export interface HomeCalls {
  homeView(id: string): Promise<HomeView | null>;
  exportHome(id: string): Promise<ExportFile>;
  exportHomeHistory(id: string, format: HaHistoryFormat): Promise<ExportFile>;
  exportAllHomes(): Promise<ExportFile>;
  exportHomesSummary(): Promise<ExportFile>;
  exportHomeEventsParquet(): Promise<ExportFile>;
}

export function homeCalls({ homes }: WorkbenchServices): HomeCalls {
  return {
    homeView: (id) => homes.run((api) => api.homeView(id)),
    exportHome: (id) => homes.run((api) => api.exportHome(id)),
    exportHomeHistory: (id, format) => homes.run((api) => api.exportHomeHistory(id, format)),
    exportAllHomes: () => homes.run((api) => api.exportAllHomes()),
    exportHomesSummary: () => homes.run((api) => api.exportSummary()),
    exportHomeEventsParquet: () => homes.run((api) => api.exportEventsParquet()),
  };
}

export interface DatasetCalls {
  deviceSeries(id: string, deviceIndex: number, metric: Metric, maxPoints: number): Promise<DeviceSeries>;
  profiles(id: string, metric: Metric): Promise<DatasetProfiles>;
  featureHistogram(id: string, feature: number): Promise<LabelHistogram>;
}

export function datasetCalls({ generator }: WorkbenchServices): DatasetCalls {
  return {
    deviceSeries: (id, deviceIndex, metric, maxPoints) =>
      generator.run((api) => api.deviceSeries(id, deviceIndex, metric, maxPoints)),
    profiles: (id, metric) => generator.run((api) => api.profiles(id, metric)),
    featureHistogram: (id, feature) => generator.run((api) => api.featureHistogram(id, feature)),
  };
}

export interface ClassifierCalls {
  classifyHome(homeId: string): Promise<HomeClassification>;
}

export function classifierCalls({ classifier }: WorkbenchServices): ClassifierCalls {
  return { classifyHome: (homeId) => classifier.run((api) => api.classifyHome(homeId)) };
}

export interface EvaluationCalls {
  /** Event-level metrics, calibration and paired verdicts of a stored run (null: the run predates them), in the evaluation worker. */
  evaluateRun(runId: string, settings: EvaluationSettings): Promise<RunEvaluation | null>;
}

export function evaluationCalls({ evaluation }: WorkbenchServices): EvaluationCalls {
  return { evaluateRun: (runId, settings) => evaluation.run((api) => api.evaluateRun(runId, settings)) };
}

// Each hook returns the same object for the same services, so its functions are stable effect dependencies.

export function useModelCalls(): ModelCalls {
  const services = useServices();
  return useMemo(() => modelCalls(services), [services]);
}

export function useHomeCalls(): HomeCalls {
  const services = useServices();
  return useMemo(() => homeCalls(services), [services]);
}

export function useDatasetCalls(): DatasetCalls {
  const services = useServices();
  return useMemo(() => datasetCalls(services), [services]);
}

export function useClassifierCalls(): ClassifierCalls {
  const services = useServices();
  return useMemo(() => classifierCalls(services), [services]);
}

export function useEvaluationCalls(): EvaluationCalls {
  const services = useServices();
  return useMemo(() => evaluationCalls(services), [services]);
}
