import * as tf from '@tensorflow/tfjs';
import type { NetworkConfig } from '../domain/training/network-config';

/**
 * A dense network with seeded initialisers and dropout, so the same seed gives the same weights on the same
 * backend. `outputs` = 1 gives a sigmoid (binary failure); more gives a softmax (home-type classifier).
 */
export function createDenseNetwork(
  inputDim: number,
  outputs: number,
  config: NetworkConfig,
  edges: number[][] | null = null,
): tf.Sequential {
  const model = tf.sequential();
  let seed = config.seed;
  const nextSeed = (): number => (seed = (seed * 1103515245 + 12345) >>> 0);
  const encoded = edges !== null ? addPiecewiseLinearEncoding(model, inputDim, edges) : 0;
  config.hiddenUnits.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: nextSeed() }),
        biasInitializer: 'zeros',
        ...(i === 0 && encoded === 0 ? { inputShape: [inputDim] } : {}),
      }),
    );
    if (config.dropout > 0) model.add(tf.layers.dropout({ rate: config.dropout, seed: nextSeed() }));
  });
  model.add(
    tf.layers.dense({
      units: outputs,
      activation: outputs === 1 ? 'sigmoid' : 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
      biasInitializer: 'zeros',
      ...(config.hiddenUnits.length === 0 && encoded === 0 ? { inputShape: [inputDim] } : {}),
    }),
  );
  return model;
}

/**
 * Piecewise-linear encoding (Gorishniy et al., 2022, "On Embeddings for Numerical Features in Tabular Deep
 * Learning"): bin t of feature j is clip((x_j − e_{t−1}) / (e_t − e_{t−1}), 0, 1) for the feature's
 * ascending edges e. A frozen Dense layer computes the affine part and a ReLU capped at 1 the clip, so the
 * model stays plain TF.js layers. Features without edges (constant in training) pass through unchanged.
 * Returns the encoded width.
 */
function addPiecewiseLinearEncoding(model: tf.Sequential, inputDim: number, edges: number[][]): number {
  if (edges.length !== inputDim) throw new RangeError(`${edges.length} edge lists for ${inputDim} inputs`);
  const width = edges.reduce((s, e) => s + Math.max(1, e.length - 1), 0);
  const kernel = new Float32Array(inputDim * width);
  const bias = new Float32Array(width);
  let col = 0;
  edges.forEach((e, j) => {
    if (e.length < 2) {
      // Identity column, still capped to [0, 1] by the ReLU: a constant feature carries nothing anyway.
      kernel[j * width + col] = 1;
      col++;
      return;
    }
    for (let t = 1; t < e.length; t++) {
      const lo = e[t - 1] ?? 0;
      const span = (e[t] ?? lo) - lo || 1;
      kernel[j * width + col] = 1 / span;
      bias[col] = -lo / span;
      col++;
    }
  });
  const layer = tf.layers.dense({
    units: width,
    inputShape: [inputDim],
    trainable: false,
    kernelInitializer: 'zeros',
    biasInitializer: 'zeros',
    name: 'piecewise_linear_encoding',
  });
  model.add(layer);
  // setWeights copies into the layer's variables, so the source tensors can go (the `weights` option would leak them).
  tf.tidy(() => layer.setWeights([tf.tensor2d(kernel, [inputDim, width]), tf.tensor1d(bias)]));
  model.add(tf.layers.reLU({ maxValue: 1 }));
  return width;
}
