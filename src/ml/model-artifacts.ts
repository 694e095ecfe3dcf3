import * as tf from '@tensorflow/tfjs';
import type { ModelArtifacts } from '../domain/models/model-types';

function joinWeights(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  return tf.io.CompositeArrayBuffer.join(data);
}

/** Serialises a model (topology + weights) without touching any storage. */
export async function modelToArtifacts(model: tf.LayersModel): Promise<ModelArtifacts> {
  let captured: ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      captured = {
        modelTopology: (a.modelTopology ?? {}) as object,
        weightSpecs: a.weightSpecs ?? [],
        weightData: joinWeights(a.weightData),
        format: a.format ?? 'layers-model',
        generatedBy: a.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: a.convertedBy ?? null,
      };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
    }),
  );
  if (!captured) throw new Error('The model could not be serialised.');
  return captured;
}

export async function artifactsToModel(a: ModelArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: a.modelTopology,
      weightSpecs: a.weightSpecs,
      weightData: a.weightData,
      format: a.format,
      generatedBy: a.generatedBy,
      ...(a.convertedBy !== null ? { convertedBy: a.convertedBy } : {}),
    }),
  );
}
