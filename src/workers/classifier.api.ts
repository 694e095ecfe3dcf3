import type { HomeType } from '../domain/home-types';
import type { NetworkConfig } from '../ml/network-config';
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
}

/** The home-type classifier worker's contract: types only. */
export interface ClassifierApi {
  /** Features of every stored home → an 8-class network evaluated by home; stores and returns the model. */
  train(req: ClassifierTrainRequest, onProgress: ProgressCallback): Promise<ModelRecord>;
  /** Class probabilities for one stored home from the newest home-type classifier. */
  classifyHome(homeId: string): Promise<HomeClassification>;
  ping(): Promise<'pong'>;
}
