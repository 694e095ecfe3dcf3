import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs';

const KERNEL = 'BatchMatMul';
const BACKEND = 'wasm';
/** Marks our replacement, so installing twice never wraps it again. */
const installed = new WeakSet<KernelFunc>();

/** The shape's permutation that swaps its last two axes. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

function isKernelBackend(value: unknown): value is KernelBackend {
  return (
    typeof value === 'object' && value !== null && 'disposeData' in value && typeof value.disposeData === 'function'
  );
}

function isTensorInfo(value: unknown): value is TensorInfo {
  return typeof value === 'object' && value !== null && 'dataId' in value && 'shape' in value && 'dtype' in value;
}

/**
 * Makes the wasm backend's matrix product fast for transposed operands. TF.js 4.22's wasm BatchMatMul
 * runs a plain loop whenever transposeA or transposeB is set, 5–8× slower than its XNNPACK path
 * (a 256 × 83 by 256 × 32 product: ~780 µs vs ~140 µs with an explicit transpose first), and the
 * gradient of every dense layer asks for exactly those products (dW = xᵀ·dy, dx = dy·Wᵀ): about half
 * of a training step. The replacement transposes explicitly with the backend's own Transpose kernel and
 * calls the original kernel untransposed. Same products (summation order aside); call it once the wasm
 * backend is active. Does nothing when the wasm kernels are not registered.
 */
export function installWasmTransposedMatMul(): void {
  const original = tf.getKernel(KERNEL, BACKEND);
  const transpose = tf.getKernel('Transpose', BACKEND);
  if (original === undefined || transpose === undefined || installed.has(original.kernelFunc)) return;
  const matMul = original.kernelFunc;
  const flip = (x: TensorInfo, backend: KernelBackend): TensorInfo => {
    const out = transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm: swapLastTwo(x.shape.length) } });
    if (!isTensorInfo(out)) throw new Error('the wasm Transpose kernel returned more than one tensor');
    return out;
  };
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const transposeA = attrs?.transposeA === true;
    const transposeB = attrs?.transposeB === true;
    const { a, b } = inputs;
    if ((!transposeA && !transposeB) || a === undefined || b === undefined || !isKernelBackend(backend))
      return matMul(args);
    const a2 = transposeA ? flip(a, backend) : a;
    const b2 = transposeB ? flip(b, backend) : b;
    try {
      return matMul({ inputs: { a: a2, b: b2 }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      if (transposeA) backend.disposeData(a2.dataId);
      if (transposeB) backend.disposeData(b2.dataId);
    }
  };
  installed.add(kernelFunc);
  // The original's setupFunc already ran when the backend started; the replacement needs none.
  tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel({ kernelName: KERNEL, backendName: BACKEND, kernelFunc });
}
