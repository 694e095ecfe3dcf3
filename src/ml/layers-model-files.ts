import type { ModelArtifacts } from '../domain/models/model-types';

/** `model.json` of the TF.js layers format: what `tf.loadLayersModel('…/model.json')` reads. */
export interface LayersModelJson {
  format: string;
  generatedBy: string;
  convertedBy: string | null;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: ModelArtifacts['weightSpecs'] }[];
}

/**
 * The model.json for artifacts whose weights are written, as one file, next to it under `weightsFile`
 * (built by hand: tfjs 4.22 does not export `getModelJSONForModelArtifacts`).
 */
export function layersModelJson(a: ModelArtifacts, weightsFile = 'weights.bin'): LayersModelJson {
  return {
    format: a.format,
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: [`./${weightsFile}`], weights: a.weightSpecs }],
  };
}
