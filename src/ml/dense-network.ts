import * as tf from '@tensorflow/tfjs';
import type { NetworkConfig } from './network-config';

/**
 * A dense network with seeded initialisers and dropout, so the same seed gives the same weights on the same
 * backend. `outputs` = 1 gives a sigmoid (binary failure); more gives a softmax (home-type classifier).
 */
export function createDenseNetwork(inputDim: number, outputs: number, config: NetworkConfig): tf.Sequential {
  const model = tf.sequential();
  let seed = config.seed;
  const nextSeed = (): number => (seed = (seed * 1103515245 + 12345) >>> 0);
  config.hiddenUnits.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: nextSeed() }),
        biasInitializer: 'zeros',
        ...(i === 0 ? { inputShape: [inputDim] } : {}),
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
      ...(config.hiddenUnits.length === 0 ? { inputShape: [inputDim] } : {}),
    }),
  );
  return model;
}
