import type { TrainedModel, ModelArtifacts } from '../domain/models/model-types';
import { familyOf } from '../domain/training/run-types';
import { encodeBase64 } from './base64';
import { layersModelJson } from './layers-model-files';
import { modelBody, networkArtifacts } from './model-body';
import {
  LAYERS_METADATA_KEY,
  MODEL_FILE_FORMAT,
  MODEL_FILE_VERSION,
  toJsonSafe,
  type ModelFileMetadata,
  type NetworkModelBlock,
  type SingleModelFile,
  type TreesModelBlock,
  type TrainingProvenance,
  type WeightSpec,
} from './model-file-format';

/** A stored model and what its export records besides it. */
export interface ExportInput {
  record: TrainedModel;
  /** From the model's run, when the run still exists. */
  training: TrainingProvenance | null;
  /** The app writing the file. */
  appVersion: string;
  /** ISO time of the export (passed in: no clock here). */
  exportedAt: string;
}

/** File names of the layers format: fixed, because model.json names its weights file. */
export const LAYERS_MODEL_FILE = 'model.json';
export const LAYERS_WEIGHTS_FILE = 'weights.bin';

/**
 * "homesynth-model-apartment-v1.0.2" (a network) or "homesynth-model-apartment-trees-v1.0.0": the stem of a
 * model's single-file and card exports. Each family numbers its versions separately, so trees say so.
 */
export function exportFileStem(record: Pick<TrainedModel, 'slot' | 'version' | 'kind' | 'family'>): string {
  const kind = record.kind === 'failure' ? 'model' : 'home-type-model';
  const family = familyOf(record) === 'trees' ? '-trees' : '';
  return `homesynth-${kind}-${record.slot}${family}-v${record.version}`;
}

/** The metadata block shared by both formats. */
export function exportMetadata(input: ExportInput): ModelFileMetadata {
  const r = input.record;
  return {
    format: MODEL_FILE_FORMAT,
    formatVersion: MODEL_FILE_VERSION,
    name: r.name,
    kind: r.kind,
    slot: r.slot,
    family: familyOf(r),
    homeType: r.homeType,
    version: r.version,
    trainedAt: new Date(r.createdAt).toISOString(),
    featureNames: [...r.featureNames],
    standardizer: {
      mean: [...r.standardizer.mean],
      std: [...r.standardizer.std],
      ...(r.standardizer.clip !== undefined ? { clip: r.standardizer.clip } : {}),
    },
    threshold: r.threshold,
    thresholdRule: r.thresholdRule ?? null,
    calibration: r.calibration ?? null,
    metrics: r.metrics,
    datasetManifest: r.datasetManifest,
    backend: r.backend,
    appVersion: input.appVersion,
    trainedWithAppVersion: r.appVersion,
    sourceModelId: r.id,
    exportedAt: input.exportedAt,
    training: input.training,
  };
}

function exportWeightSpec(s: ModelArtifacts['weightSpecs'][number]): WeightSpec {
  if (s.dtype !== 'float32' && s.dtype !== 'int32' && s.dtype !== 'bool')
    throw new Error(`Weights of type ${s.dtype} cannot be exported.`);
  if (s.quantization !== undefined) throw new Error('Quantised weights cannot be exported.');
  return { name: s.name, shape: [...s.shape], dtype: s.dtype };
}

function networkBlock(a: ModelArtifacts): NetworkModelBlock {
  return {
    family: 'network',
    format: a.format,
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy,
    modelTopology: a.modelTopology,
    weightSpecs: a.weightSpecs.map(exportWeightSpec),
    weightsBase64: encodeBase64(new Uint8Array(a.weightData)),
  };
}

/**
 * The single self-contained file, the one export of every family: for a network the topology and base64
 * weights, for trees the trees themselves; the metadata beside either.
 */
export function singleModelFile(input: ExportInput): SingleModelFile {
  const body = modelBody(input.record);
  const model: NetworkModelBlock | TreesModelBlock =
    body.family === 'network' ? networkBlock(body.artifacts) : { family: 'trees', trees: body.trees };
  return { format: MODEL_FILE_FORMAT, formatVersion: MODEL_FILE_VERSION, model, metadata: exportMetadata(input) };
}

/** The single file as text (NaN metrics written as null). */
export function singleModelFileText(input: ExportInput): string {
  return `${JSON.stringify(toJsonSafe(singleModelFile(input)), null, 2)}\n`;
}

/**
 * The TF.js layers format, for networks only (trees are not TF.js models: export them as the single JSON
 * file): model.json (topology, weights manifest pointing at ./weights.bin, and our metadata under
 * `userDefinedMetadata.homesynth`, which `model.getUserDefinedMetadata()` returns after
 * `tf.loadLayersModel`) plus the raw weights. The weights buffer is a copy, safe to transfer.
 */
export function layersModelFiles(input: ExportInput): { modelJson: string; weights: ArrayBuffer } {
  const artifacts = networkArtifacts(input.record, 'The TF.js layers export (model.json + weights.bin)');
  const json = {
    ...layersModelJson(artifacts, LAYERS_WEIGHTS_FILE),
    userDefinedMetadata: { [LAYERS_METADATA_KEY]: exportMetadata(input) },
  };
  return { modelJson: `${JSON.stringify(toJsonSafe(json), null, 2)}\n`, weights: artifacts.weightData.slice(0) };
}
