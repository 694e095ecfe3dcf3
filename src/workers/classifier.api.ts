import type { HomeType } from '../domain/home-types';
import type { NetworkConfig } from '../domain/training/network-config';
import type { ModelRecord } from '../storage/records';
import type { ProgressCallback } from './job-types';

export interface ClassifierTrainRequest {
  runId: string;
  network: NetworkConfig;
  evaluation: 'holdout' | 'kfold';
  folds: number;
  bootstrapResamples: number;
  createdAt: number;
  appVersion: string;
}

export interface HomeClassification {
  homeId: string;
  predicted: HomeType;
  /** Probability per home type (HOME_TYPES order). */
  probabilities: number[];
  modelId: string;
  modelVersion: string;
  /** The home's real type, for comparison. */
  actual: HomeType;
  /** The home's source (template, survey, llm…). */
  source: string;
  /** 'softmax-per-source' (since per-source standardisation) or 'network' (an older classifier). */
  modelKind: 'softmax-per-source' | 'network';
  /** The feature groups the model reads; null for an older network (all features). */
  groups: string[] | null;
  /**
   * The source whose statistics scaled the home's features: its own source; null when the model never saw
   * that source (the pooled statistics of every training home were used) or for an older network.
   */
  standardisedBy: string | null;
}

/** The home-type classifier worker's contract: types only. */
export interface ClassifierApi {
  /** Features of every stored home → an 8-class classifier evaluated by home and across sources; stores and returns the model. */
  train(req: ClassifierTrainRequest, onProgress: ProgressCallback): Promise<ModelRecord>;
  /** Class probabilities for one stored home from the newest home-type classifier. */
  classifyHome(homeId: string): Promise<HomeClassification>;
  ping(): Promise<'pong'>;
}
