/*
 * The weights a Keras-style topology declares, computed from its JSON alone: no TF.js object, no tensor.
 * The importer checks a model file with it before TF.js builds anything, because building a topology
 * allocates every weight it declares: a 3 KB file declaring a 50,000,000-unit Dense layer cost 47 s and
 * 3 GB before a later check refused it. Only the layers this app writes are accepted (see ACCEPTED_LAYERS),
 * in a Sequential model or a functional model that is a chain of them.
 */

/**
 * Size limits of an imported network (docs/model-format.md). The app's own network settings allow at most
 * about 12.5 M parameters (82 temporal features piecewise-linear encoded into 64 bins plus 16 cut edges each,
 * then 6 hidden layers of 1,024 units); its defaults train about 3 k (temporal) to 15 k (classic). So the
 * limit refuses nothing the app can write, and bounds what a hostile file can make TF.js allocate to 64 MB.
 */
export const NETWORK_LIMITS = {
  /** Weights over all layers. */
  maxParameters: 16_000_000,
  /** Bytes of the weights (float32: 4 per parameter). */
  maxWeightBytes: 64_000_000,
  /** The app writes at most 15 (encoding, ReLU, 6 × Dense + Dropout, output). */
  maxLayers: 1_000,
} as const;

/** Keras layer classes a network of this app consists of; any other is refused by name. */
export const ACCEPTED_LAYERS = ['InputLayer', 'Dense', 'Dropout', 'ReLU', 'Activation'] as const;

/** A topology that cannot be (or must not be) built; the message names the layer and the problem. */
export class TopologyError extends Error {
  override name = 'TopologyError';
}

/** A shape with `null` for a free dimension (the batch). */
export type DeclaredShape = (number | null)[];

/** One weight tensor a layer declares, named as TF.js names it (`<layer>/kernel`, `<layer>/bias`). */
export interface DeclaredWeight {
  name: string;
  shape: number[];
  layer: string;
  className: string;
}

/** What a topology declares: its input and output, and every weight tensor, in layer order. */
export interface DeclaredTopology {
  inputShape: DeclaredShape;
  outputShape: DeclaredShape;
  /** The layer that produces the output; `activation` is null for layers without one (Dropout, ReLU…). */
  output: { layer: string; className: string; activation: string | null };
  weights: DeclaredWeight[];
  /** Elements over all weights (at most NETWORK_LIMITS.maxParameters). */
  parameters: number;
}

const fail = (message: string): never => {
  throw new TopologyError(message);
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const count = (n: number): string => n.toLocaleString('en-US');

/** A value as JSON for a message, cut short (it comes from an untrusted file). */
const shown = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

export const shapeText = (shape: readonly (number | null)[]): string =>
  `[${shape.map((v) => (v === null ? 'any' : String(v))).join(', ')}]`;

const isDimension = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

function dimension(v: unknown, what: string): number {
  if (!isDimension(v)) return fail(`${what} is ${shown(v)}: every dimension must be a positive whole number.`);
  return v;
}

/** `[null | batch, d, …]` from a layer config's batch_input_shape, input_shape or (Dense) input_dim; null when it has none. */
function declaredInputShape(config: Record<string, unknown>, where: string): DeclaredShape | null {
  const batch = config.batch_input_shape;
  const plain = config.input_shape;
  let shape: unknown[];
  if (batch !== undefined && batch !== null) {
    if (!Array.isArray(batch) || batch.length < 2)
      return fail(`${where} has an invalid batch_input_shape ${shown(batch)}.`);
    shape = batch;
  } else if (plain !== undefined && plain !== null) {
    if (!Array.isArray(plain) || plain.length < 1) return fail(`${where} has an invalid input_shape ${shown(plain)}.`);
    shape = [null, ...plain];
  } else if (config.input_dim !== undefined && config.input_dim !== null) {
    shape = [null, config.input_dim];
  } else {
    return null;
  }
  const [first, ...rest] = shape;
  return [
    first === null ? null : dimension(first, `${where}: the batch size`),
    ...rest.map((k, i) => dimension(k, `${where}: input dimension ${i + 1}`)),
  ];
}

interface LayerEntry {
  className: string;
  name: string;
  config: Record<string, unknown>;
}

function layerEntry(value: unknown, index: number): LayerEntry {
  if (!isRecord(value) || typeof value.class_name !== 'string' || !isRecord(value.config)) {
    return fail(`Layer ${index + 1} of the topology is damaged (it needs "class_name" and "config").`);
  }
  const { class_name: className, config } = value;
  const name =
    typeof config.name === 'string' && config.name !== ''
      ? config.name
      : typeof value.name === 'string' && value.name !== ''
        ? value.name
        : null;
  if (name === null)
    return fail(`Layer ${index + 1} of the topology (${className}) has no name, so its weights cannot be matched.`);
  if (!(ACCEPTED_LAYERS as readonly string[]).includes(className)) {
    fail(
      `Layer "${name}" is a ${className} layer, which this app does not use: it reads networks made of ${ACCEPTED_LAYERS.join(', ')} layers.`,
    );
  }
  return { className, name, config };
}

/** Accumulates weights and parameters, refusing as soon as the running total passes the limit. */
class WeightTally {
  readonly weights: DeclaredWeight[] = [];
  parameters = 0;
  private readonly names = new Set<string>();

  add(layer: LayerEntry, suffix: string, shape: number[], note: string): void {
    const name = `${layer.name}/${suffix}`;
    if (this.names.has(name)) fail(`Two layers are named "${layer.name}": their weights cannot be told apart.`);
    this.names.add(name);
    const size = shape.reduce((p, k) => p * k, 1);
    this.parameters += size;
    if (this.parameters > NETWORK_LIMITS.maxParameters) {
      fail(
        `The network is too large to import: up to layer "${layer.name}" (${layer.className}${note}) the topology declares ${count(this.parameters)} parameters; this app imports networks of up to ${count(NETWORK_LIMITS.maxParameters)} parameters (${count(NETWORK_LIMITS.maxWeightBytes / 1e6)} MB of weights), far more than any network it trains.`,
      );
    }
    this.weights.push({ name, shape, layer: layer.name, className: layer.className });
  }
}

function activationOf(layer: LayerEntry): string {
  const a = layer.config.activation;
  if (a === undefined || a === null) {
    if (layer.className === 'Dense') return 'linear';
    return fail(`Layer "${layer.name}" (Activation) names no activation.`);
  }
  if (typeof a !== 'string')
    return fail(`Layer "${layer.name}" (${layer.className}) has an activation that is not a name: ${shown(a)}.`);
  return a;
}

/** The output shape of one layer for `input`, adding its weights to the tally. */
function applyLayer(layer: LayerEntry, input: DeclaredShape, tally: WeightTally): DeclaredShape {
  switch (layer.className) {
    case 'Dense': {
      const units = dimension(layer.config.units, `Layer "${layer.name}" (Dense): units`);
      activationOf(layer);
      const width = input.at(-1);
      if (input.length < 2 || width === null || width === undefined)
        return fail(
          `Layer "${layer.name}" (Dense) receives inputs of shape ${shapeText(input)}: it needs a known width.`,
        );
      const note = `, ${count(units)} units`;
      tally.add(layer, 'kernel', [width, units], note);
      if (layer.config.use_bias !== false) tally.add(layer, 'bias', [units], note);
      return [...input.slice(0, -1), units];
    }
    case 'Activation':
      activationOf(layer);
      return input;
    case 'Dropout':
    case 'ReLU':
      return input;
    default:
      // InputLayer anywhere but at the start.
      return fail(
        `Layer "${layer.name}" is an ${layer.className} in the middle of the network: a network has one input, at its start.`,
      );
  }
}

function outputOf(layer: LayerEntry): DeclaredTopology['output'] {
  const activation =
    layer.className === 'Dense' || layer.className === 'Activation'
      ? activationOf(layer)
      : layer.className === 'ReLU'
        ? 'relu'
        : null;
  return { layer: layer.name, className: layer.className, activation };
}

function checkLayerCount(layers: readonly unknown[]): void {
  if (layers.length === 0) fail('The model topology has no layers.');
  if (layers.length > NETWORK_LIMITS.maxLayers)
    fail(
      `The model topology has ${count(layers.length)} layers; this app imports networks of up to ${count(NETWORK_LIMITS.maxLayers)}.`,
    );
}

function sequential(config: unknown): DeclaredTopology {
  const list: unknown = Array.isArray(config) ? config : isRecord(config) ? config.layers : undefined;
  if (!Array.isArray(list)) return fail('The Sequential topology has no list of layers ("config.layers").');
  checkLayerCount(list);
  const layers = list.map(layerEntry);
  const [first] = layers;
  if (first === undefined) return fail('The model topology has no layers.');
  let shape = declaredInputShape(first.config, `The first layer "${first.name}"`);
  if (shape === null)
    return fail(
      `The first layer "${first.name}" (${first.className}) declares no input shape (batch_input_shape), so the network's input width is unknown.`,
    );
  const inputShape = shape;
  const tally = new WeightTally();
  for (const layer of first.className === 'InputLayer' ? layers.slice(1) : layers)
    shape = applyLayer(layer, shape, tally);
  const last = layers.at(-1) ?? first;
  return {
    inputShape,
    outputShape: shape,
    output: outputOf(last),
    weights: tally.weights,
    parameters: tally.parameters,
  };
}

/** `[[name, 0, 0]]` (input_layers / output_layers): the single layer name, or a refusal. */
function singleEndpoint(value: unknown, what: 'input' | 'output'): string {
  const entry: unknown = Array.isArray(value) && value.length === 1 ? value[0] : undefined;
  if (!Array.isArray(entry) || typeof entry[0] !== 'string') {
    return fail(
      `The functional topology must have exactly one ${what} layer (${what}_layers is ${value === undefined ? 'missing' : shown(value)}).`,
    );
  }
  return entry[0];
}

/** The single layer a functional layer is called on (`inbound_nodes: [[[name, 0, 0, {}]]]`). */
function inboundLayer(value: unknown, layer: LayerEntry): string {
  const node: unknown = Array.isArray(value) && value.length === 1 ? value[0] : undefined;
  const tensor: unknown = Array.isArray(node) && node.length === 1 ? node[0] : undefined;
  if (!Array.isArray(tensor) || typeof tensor[0] !== 'string' || tensor[1] !== 0 || tensor[2] !== 0) {
    return fail(
      `Layer "${layer.name}" (${layer.className}) is not called once on one layer's output: this app reads networks that are a chain of layers.`,
    );
  }
  return tensor[0];
}

function functional(config: unknown): DeclaredTopology {
  if (!isRecord(config) || !Array.isArray(config.layers))
    return fail('The functional topology has no list of layers ("config.layers").');
  const list: unknown[] = config.layers;
  checkLayerCount(list);
  const inputName = singleEndpoint(config.input_layers, 'input');
  const outputName = singleEndpoint(config.output_layers, 'output');
  const shapes = new Map<string, DeclaredShape>();
  const entries = new Map<string, LayerEntry>();
  const tally = new WeightTally();
  let inputShape: DeclaredShape | null = null;
  for (const [index, raw] of list.entries()) {
    const layer = layerEntry(raw, index);
    if (entries.has(layer.name)) fail(`Two layers are named "${layer.name}": their weights cannot be told apart.`);
    entries.set(layer.name, layer);
    if (layer.className === 'InputLayer') {
      if (layer.name !== inputName || inputShape !== null)
        fail(
          `Layer "${layer.name}" is an InputLayer that is not the model's input ("${inputName}"): a network has one input.`,
        );
      const declared = declaredInputShape(layer.config, `The input layer "${layer.name}"`);
      if (declared === null)
        return fail(
          `The input layer "${layer.name}" declares no input shape (batch_input_shape), so the network's input width is unknown.`,
        );
      inputShape = declared;
      shapes.set(layer.name, declared);
      continue;
    }
    const from = inboundLayer(isRecord(raw) ? raw.inbound_nodes : undefined, layer);
    const input = shapes.get(from);
    if (input === undefined)
      return fail(`Layer "${layer.name}" is called on "${from}", which is not listed before it.`);
    shapes.set(layer.name, applyLayer(layer, input, tally));
  }
  const output = entries.get(outputName);
  const outputShape = shapes.get(outputName);
  if (inputShape === null) return fail(`The input layer "${inputName}" is not among the topology's layers.`);
  if (output === undefined || outputShape === undefined)
    return fail(`The output layer "${outputName}" is not among the topology's layers.`);
  return { inputShape, outputShape, output: outputOf(output), weights: tally.weights, parameters: tally.parameters };
}

/**
 * Walks a Keras-style topology (as TF.js writes and `tf.loadLayersModel` reads it, optionally wrapped in
 * `model_config`) and returns its input, output and every weight it declares, without TF.js. Throws a
 * TopologyError naming the layer for an unknown layer type, a dimension that is not a positive whole
 * number, a structure this app does not write, or more than NETWORK_LIMITS.maxParameters weights (checked
 * layer by layer, so a huge layer is refused before anything of its size exists).
 */
export function declaredTopology(topology: object): DeclaredTopology {
  const root: unknown =
    'model_config' in topology && isRecord(topology.model_config) ? topology.model_config : topology;
  if (!isRecord(root)) return fail('The model topology is not an object.');
  const className = root.class_name;
  if (className === 'Sequential') return sequential(root.config);
  if (className === 'Model' || className === 'Functional') return functional(root.config);
  return fail(
    `The model topology is ${typeof className === 'string' ? `a "${className}"` : 'of no known class'}: this app reads Sequential and functional (Model) TF.js layers models.`,
  );
}
