import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT } from '../domain/temporal/window-features';
import { ENCODING_TARGET_CUTS } from './train-slot-network';
import { declaredTopology, NETWORK_LIMITS, TopologyError } from './topology-weights';

const dense = (name: string, units: number, activation: string, extra: Record<string, unknown> = {}) => ({
  class_name: 'Dense',
  config: { units, activation, use_bias: true, name, trainable: true, ...extra },
});

/** A Sequential topology as TF.js writes it for createDenseNetwork (encoding, hidden layers with dropout, sigmoid output). */
function sequential(inputs: number, hidden: number[], encoded: number | null = null): object {
  const layers: object[] = [];
  const input = { batch_input_shape: [null, inputs], dtype: 'float32' };
  if (encoded !== null) {
    layers.push(dense('piecewise_linear_encoding', encoded, 'linear', { ...input, trainable: false }));
    layers.push({ class_name: 'ReLU', config: { max_value: 1, name: 're_lu_ReLU1', trainable: true } });
  }
  hidden.forEach((units, i) => {
    layers.push(dense(`dense_Dense${i + 1}`, units, 'relu', i === 0 && encoded === null ? input : {}));
    layers.push({ class_name: 'Dropout', config: { rate: 0.2, name: `dropout_Dropout${i + 1}`, trainable: true } });
  });
  layers.push(dense('dense_out', 1, 'sigmoid', hidden.length === 0 && encoded === null ? input : {}));
  return {
    class_name: 'Sequential',
    config: { name: 'sequential_1', layers },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
}

describe('declaredTopology', () => {
  it('lists every weight TF.js would create, with its shape, and the input and output', () => {
    const t = declaredTopology(sequential(11, [8, 4], 22));
    expect(t.inputShape).toEqual([null, 11]);
    expect(t.outputShape).toEqual([null, 1]);
    expect(t.output).toEqual({ layer: 'dense_out', className: 'Dense', activation: 'sigmoid' });
    expect(t.weights.map((w) => [w.name, w.shape])).toEqual([
      ['piecewise_linear_encoding/kernel', [11, 22]],
      ['piecewise_linear_encoding/bias', [22]],
      ['dense_Dense1/kernel', [22, 8]],
      ['dense_Dense1/bias', [8]],
      ['dense_Dense2/kernel', [8, 4]],
      ['dense_Dense2/bias', [4]],
      ['dense_out/kernel', [4, 1]],
      ['dense_out/bias', [1]],
    ]);
    expect(t.parameters).toBe(11 * 22 + 22 + 22 * 8 + 8 + 8 * 4 + 4 + 4 + 1);
    // Wrapped as a converted Keras file, and with use_bias false.
    const wrapped = declaredTopology({
      model_config: {
        class_name: 'Sequential',
        config: [dense('only', 1, 'sigmoid', { use_bias: false, batch_input_shape: [null, 3] })],
      },
    });
    expect(wrapped.weights).toEqual([{ name: 'only/kernel', shape: [3, 1], layer: 'only', className: 'Dense' }]);
  });

  it("accepts the largest network the app's settings can train, with headroom under the limit", () => {
    // 82 temporal features, 64 quantile bins plus 2 edges per label-aware cut each, 6 hidden layers of 1,024.
    const encoded = FEATURE_COUNT * (64 + 2 * ENCODING_TARGET_CUTS);
    const largest = declaredTopology(sequential(FEATURE_COUNT, [1024, 1024, 1024, 1024, 1024, 1024], encoded));
    expect(largest.parameters).toBeGreaterThan(12_000_000);
    expect(largest.parameters).toBeLessThan(NETWORK_LIMITS.maxParameters * 0.8);
    expect(NETWORK_LIMITS.maxWeightBytes).toBe(NETWORK_LIMITS.maxParameters * 4);
  });

  it('refuses one parameter over the limit, at the layer that passes it', () => {
    // 1 input: kernel [1, n] + bias [n] = 2n parameters.
    const half = NETWORK_LIMITS.maxParameters / 2;
    expect(declaredTopology(sequential(1, [], null)).parameters).toBe(2);
    const at = {
      class_name: 'Sequential',
      config: { layers: [dense('wide', half, 'sigmoid', { batch_input_shape: [null, 1] })] },
    };
    expect(declaredTopology(at).parameters).toBe(NETWORK_LIMITS.maxParameters);
    const over = {
      class_name: 'Sequential',
      config: { layers: [dense('wide', half + 1, 'sigmoid', { batch_input_shape: [null, 1] })] },
    };
    expect(() => declaredTopology(over)).toThrow(
      new TopologyError(
        'The network is too large to import: up to layer "wide" (Dense, 8,000,001 units) the topology declares 16,000,002 parameters; this app imports networks of up to 16,000,000 parameters (64 MB of weights), far more than any network it trains.',
      ),
    );
  });

  it('refuses structures this app never writes: shared or merged layers, several inputs, duplicate names, unnamed layers', () => {
    const input = {
      class_name: 'InputLayer',
      name: 'in',
      config: { batch_input_shape: [null, 4], name: 'in' },
      inbound_nodes: [],
    };
    const functional = (layers: object[], inputs: unknown = [['in', 0, 0]]) => ({
      class_name: 'Model',
      config: { layers, input_layers: inputs, output_layers: [['out', 0, 0]] },
    });
    const out = (inbound: unknown) => ({ ...dense('out', 1, 'sigmoid'), name: 'out', inbound_nodes: inbound });
    expect(declaredTopology(functional([input, out([[['in', 0, 0, {}]]])])).weights.map((w) => w.shape)).toEqual([
      [4, 1],
      [1],
    ]);
    expect(() => declaredTopology(functional([input, out([[['in', 0, 0, {}]], [['in', 0, 0, {}]]])]))).toThrow(
      /is not called once on one layer's output/,
    );
    expect(() => declaredTopology(functional([input, out([[['in', 1, 0, {}]]])]))).toThrow(
      /is not called once on one layer's output/,
    );
    expect(() => declaredTopology(functional([input, out([[['later', 0, 0, {}]]])]))).toThrow(
      'Layer "out" is called on "later", which is not listed before it.',
    );
    expect(() =>
      declaredTopology(
        functional(
          [input, out([[['in', 0, 0, {}]]])],
          [
            ['in', 0, 0],
            ['in2', 0, 0],
          ],
        ),
      ),
    ).toThrow(/must have exactly one input layer/);
    const twice = {
      class_name: 'Sequential',
      config: { layers: [dense('same', 2, 'relu', { batch_input_shape: [null, 3] }), dense('same', 1, 'sigmoid')] },
    };
    expect(() => declaredTopology(twice)).toThrow('Two layers are named "same": their weights cannot be told apart.');
    const unnamed = {
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'Dense', config: { units: 1, batch_input_shape: [null, 3] } }] },
    };
    expect(() => declaredTopology(unnamed)).toThrow(
      'Layer 1 of the topology (Dense) has no name, so its weights cannot be matched.',
    );
    const many = {
      class_name: 'Sequential',
      config: {
        layers: Array.from({ length: NETWORK_LIMITS.maxLayers + 1 }, (_, i) =>
          dense(`d${i}`, 1, 'sigmoid', { batch_input_shape: [null, 1] }),
        ),
      },
    };
    expect(() => declaredTopology(many)).toThrow(
      'The model topology has 1,001 layers; this app imports networks of up to 1,000.',
    );
  });
});
