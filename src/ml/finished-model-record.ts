import type { DatasetManifest } from '../domain/dataset-manifest';
import type { TrainedModel } from '../domain/models/model-types';
import { slotLabel } from '../domain/slot-label';
import { modelToArtifacts } from './model-artifacts';
import type { FinishedModel } from './train-run-types';

/** What a model record names besides the model itself: its run, dataset and app. */
export interface ModelRecordContext {
  runId: string;
  runName: string;
  datasetId: string;
  datasetManifest: DatasetManifest;
  createdAt: number;
  appVersion: string;
  /** The TF.js backend the networks trained on. */
  networkBackend: string;
}

/** What the trees family records as its backend: it runs no TF.js. */
export const TREES_BACKEND = 'TypeScript (no TF.js)';

/**
 * The registry record of a model a run just finished (version assigned on save), shared by the app's
 * training worker and the command line so both write the same model files.
 */
export async function finishedModelRecord(
  m: FinishedModel,
  ctx: ModelRecordContext,
): Promise<Omit<TrainedModel, 'version'>> {
  return {
    // Networks keep the id they had before trees existed.
    id: m.family === 'network' ? `${ctx.runId}:${m.slot}` : `${ctx.runId}:${m.family}:${m.slot}`,
    name: `${ctx.runName} · ${slotLabel(m.slot)}${m.family === 'trees' ? ' · trees' : ''}`,
    createdAt: ctx.createdAt,
    kind: 'failure',
    slot: m.slot,
    family: m.family,
    homeType: m.homeType,
    datasetId: ctx.datasetId,
    runId: ctx.runId,
    featureNames: m.featureNames,
    standardizer: m.standardizer,
    threshold: m.threshold,
    thresholdRule: m.thresholdRule,
    calibration: m.calibration,
    metrics: m.metrics,
    datasetManifest: ctx.datasetManifest,
    backend: m.family === 'trees' ? TREES_BACKEND : ctx.networkBackend,
    artifacts: m.model ? await modelToArtifacts(m.model) : null,
    ...(m.trees ? { trees: m.trees } : {}),
    sizeBytes: 0,
    appVersion: ctx.appVersion,
  };
}
