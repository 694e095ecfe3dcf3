import type { ModelArtifacts } from '../domain/models/model-types';
import type { ModelFileMetadata } from './model-file-format';
import { declaredTopology, shapeText, TopologyError, type DeclaredTopology } from './topology-weights';

/** A file that cannot be imported; the message says why and what to do. Nothing was stored. */
export class ModelImportError extends Error {
  override name = 'ModelImportError';
}

export const fail = (message: string): never => {
  throw new ModelImportError(message);
};

/** The topology as declared, or a refusal naming the layer (no TF.js involved). */
function declaredOrFail(topology: object): DeclaredTopology {
  try {
    return declaredTopology(topology);
  } catch (e) {
    if (e instanceof TopologyError) return fail(e.message);
    throw e;
  }
}

/**
 * A network checked from its JSON alone, before TF.js builds anything: the topology's size, its input width
 * against the features, a probability output, every declared weight against the manifest (name, shape,
 * dtype), the weight bytes against the declared total, and finite weights.
 */
export function checkNetwork(artifacts: ModelArtifacts, metadata: ModelFileMetadata): void {
  const declared = declaredOrFail(artifacts.modelTopology);
  const d = metadata.featureNames.length;
  const input = declared.inputShape;
  if (input.length !== 2 || input[1] !== d)
    fail(`The topology takes inputs of shape ${shapeText(input)}, but the metadata lists ${d} features.`);
  const output = declared.outputShape;
  if (output.length !== 2 || output[1] !== 1) {
    fail(
      `The topology has outputs of shape ${shapeText(output)}; a failure model has one output, the failure probability.`,
    );
  }
  const last = declared.output;
  if (last.activation !== 'sigmoid' || (last.className !== 'Dense' && last.className !== 'Activation')) {
    const what =
      last.activation === null ? `last layer ${last.className}` : `last layer activation '${last.activation}'`;
    fail(`The model's output is not a probability (${what}): export a model whose last layer is sigmoid.`);
  }
  const specs = new Map<string, ModelArtifacts['weightSpecs'][number]>();
  for (const s of artifacts.weightSpecs) {
    if (specs.has(s.name)) fail(`The weights manifest lists the tensor "${s.name}" twice.`);
    specs.set(s.name, s);
  }
  for (const w of declared.weights) {
    const spec = specs.get(w.name);
    if (!spec)
      return fail(
        `The weights lack the tensor "${w.name}" (shape ${shapeText(w.shape)}) that layer "${w.layer}" (${w.className}) needs.`,
      );
    if (spec.shape.length !== w.shape.length || spec.shape.some((k, i) => k !== w.shape[i])) {
      fail(
        `Layer "${w.layer}" (${w.className}): its weight "${w.name}" has shape ${shapeText(spec.shape)} in the weights manifest but ${shapeText(w.shape)} in the topology: the files do not belong together.`,
      );
    }
    if (spec.dtype !== 'float32')
      fail(`The weight "${w.name}" is stored as ${spec.dtype}; a network's weights are float32.`);
    specs.delete(w.name);
  }
  if (specs.size > 0)
    fail(`The weights manifest lists tensors the topology does not have: ${[...specs.keys()].slice(0, 3).join(', ')}.`);
  const need = declared.parameters * 4;
  const have = artifacts.weightData.byteLength;
  const tensors = declared.weights.length;
  if (have < need) {
    fail(
      `The weights are truncated: ${have.toLocaleString('en-US')} bytes where the topology's ${tensors} weight tensors need ${need.toLocaleString('en-US')}. Export the model again.`,
    );
  }
  if (have > need) {
    fail(
      `The weights hold ${(have - need).toLocaleString('en-US')} bytes more than the topology needs: they belong to another model.`,
    );
  }
  if (!new Float32Array(artifacts.weightData, 0, have / 4).every(Number.isFinite)) {
    fail('The weights contain NaN or infinite values: the model is damaged.');
  }
}
