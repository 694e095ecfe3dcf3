import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend';
import { installWasmTransposedMatMul } from './wasm-matmul';

const CASES: [number[], number[], boolean, boolean][] = [
  [[256, 83], [256, 32], true, false],
  [[256, 32], [83, 32], false, true],
  [[7, 5], [3, 7], true, true],
  [[2, 6, 4], [2, 6, 3], true, false],
  [[4, 5], [5, 6], false, false],
];

function products(): number[][] {
  return CASES.map(([sa, sb, ta, tb]) =>
    tf.tidy(() =>
      Array.from(
        tf.matMul(tf.randomNormal(sa, 0, 1, 'float32', 1), tf.randomNormal(sb, 0, 1, 'float32', 2), ta, tb).dataSync(),
      ),
    ),
  );
}

let before: number[][] = [];
beforeAll(async () => {
  // The original kernel first, then the backend as the app selects it (which installs the replacement).
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm');
  before = products();
  const choice = await selectBackend('wasm', async () => undefined);
  expect(choice.active).toBe('wasm');
});

describe('installWasmTransposedMatMul', () => {
  it('gives the same products for every transpose combination, and installing again changes nothing', () => {
    const kernel = tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc;
    installWasmTransposedMatMul();
    expect(tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc).toBe(kernel);
    const after = products();
    after.forEach((values, i) => {
      const reference = before[i] ?? [];
      expect(values).toHaveLength(reference.length);
      values.forEach((v, k) => expect(v).toBeCloseTo(reference[k] ?? Number.NaN, 3));
    });
  });

  it('leaves no tensors or backend buffers behind, also through gradients', () => {
    const x = tf.randomNormal([64, 10], 0, 1, 'float32', 3);
    const w = tf.variable(tf.randomNormal([10, 4], 0, 1, 'float32', 4));
    // The transposed copies live only inside the kernel: the engine never sees them, the backend does.
    const buffers = tf.backend().numDataIds();
    const tensors = tf.memory().numTensors;
    const grads = tf.variableGrads(() => tf.sum(tf.relu(tf.matMul(x, w))));
    tf.dispose(grads.grads);
    grads.value.dispose();
    tf.tidy(() => tf.matMul(x, x, true, false).dispose());
    expect([tf.memory().numTensors, tf.backend().numDataIds()]).toEqual([tensors, buffers]);
  });
});
