import { z } from 'zod';
import { assertClassLabels } from './class-labels';
import type { LbfgsOptions } from './lbfgs';
import { minimizeLbfgs } from './lbfgs';
import type { ClassWeightOption } from './model-weights';
import { matrixRows, resolveSampleWeights } from './model-weights';

/** A fitted multinomial logistic regression: weights row-major k × d, one bias per class. */
export interface SoftmaxModel {
  k: number;
  d: number;
  weights: number[];
  bias: number[];
}

/** A fitted model with its optimisation record. */
export interface SoftmaxFitResult extends SoftmaxModel {
  iterations: number;
  converged: boolean;
  loss: number;
}

/** Regularisation, weighting and optimiser settings. */
export interface SoftmaxFitOptions extends LbfgsOptions {
  /** L2 strength λ on the weights (not the biases), on the mean loss; default 1e-4. */
  l2?: number;
  classWeight?: ClassWeightOption;
  sampleWeight?: ArrayLike<number>;
}

/** Validates a stored `SoftmaxModel`. */
export const softmaxModelSchema = z.object({
  k: z.number().int().positive(),
  d: z.number().int().positive(),
  weights: z.array(z.number()),
  bias: z.array(z.number()),
});

/** Writes softmax(logits) into `out` (both length k), shifted by the max for stability. */
function softmaxInPlace(logits: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp((logits[c] ?? 0) - max);
    logits[c] = e;
    sum += e;
  }
  for (let c = 0; c < logits.length; c++) logits[c] = (logits[c] ?? 0) / sum;
}

/**
 * Multinomial (softmax) logistic regression for k classes by full-batch L-BFGS; deterministic, starts from
 * zero, expects standardised features. Minimises the weighted mean cross-entropy plus (λ/2)·‖W‖².
 * Each pass costs O(n·k·d) — trivial for the home classifier (hundreds of homes), about 0.1 s per pass
 * for 160k × 11 × 8 in Node, with typically 1–2 passes per iteration: lower `maxIterations` for big data.
 */
export function fitSoftmaxRegression(
  X: ArrayLike<number>,
  d: number,
  y: ArrayLike<number>,
  k: number,
  options: SoftmaxFitOptions = {},
): SoftmaxFitResult {
  const n = matrixRows(X, d);
  if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} labels`);
  assertClassLabels(y, k, 'y');
  const l2 = options.l2 ?? 1e-4;
  const { weights: sw, total } = resolveSampleWeights(y, k, options.classWeight, options.sampleWeight);
  const biasAt = k * d;
  const p = new Float64Array(k);

  // Monomorphic Float64 copies keep the hot loop fast whatever array type the caller passed.
  const x = Float64Array.from(X);
  const labels = Int32Array.from(y);
  const e = new Float64Array(k);

  const result = minimizeLbfgs(
    (params, grad) => {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const w = sw[i] ?? 0;
        if (w === 0) continue;
        const base = i * d;
        let max = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < k; c++) {
          let z = params[biasAt + c] ?? 0;
          const row = c * d;
          for (let j = 0; j < d; j++) z += (params[row + j] ?? 0) * (x[base + j] ?? 0);
          p[c] = z;
          if (z > max) max = z;
        }
        let sum = 0;
        for (let c = 0; c < k; c++) {
          const v = Math.exp((p[c] ?? 0) - max);
          e[c] = v;
          sum += v;
        }
        const label = labels[i] ?? 0;
        loss += w * (max + Math.log(sum) - (p[label] ?? 0));
        for (let c = 0; c < k; c++) {
          const r = w * ((e[c] ?? 0) / sum - (c === label ? 1 : 0));
          const row = c * d;
          for (let j = 0; j < d; j++) grad[row + j] = (grad[row + j] ?? 0) + r * (x[base + j] ?? 0);
          grad[biasAt + c] = (grad[biasAt + c] ?? 0) + r;
        }
      }
      let penalty = 0;
      for (let q = 0; q < grad.length; q++) grad[q] = (grad[q] ?? 0) / total;
      for (let q = 0; q < biasAt; q++) {
        const wq = params[q] ?? 0;
        penalty += wq * wq;
        grad[q] = (grad[q] ?? 0) + l2 * wq;
      }
      return loss / total + 0.5 * l2 * penalty;
    },
    new Float64Array(k * d + k),
    options,
  );
  return {
    k,
    d,
    weights: Array.from(result.x.subarray(0, biasAt)),
    bias: Array.from(result.x.subarray(biasAt)),
    iterations: result.iterations,
    converged: result.converged,
    loss: result.value,
  };
}

/** Class probabilities, row-major n × k. */
export function predictSoftmaxProba(model: SoftmaxModel, X: ArrayLike<number>, d: number): Float64Array {
  const n = matrixRows(X, d);
  if (model.d !== d) throw new RangeError(`model expects ${model.d} columns, data has ${d}`);
  const { k } = model;
  const out = new Float64Array(n * k);
  const p = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let z = model.bias[c] ?? 0;
      for (let j = 0; j < d; j++) z += (model.weights[c * d + j] ?? 0) * (X[i * d + j] ?? 0);
      p[c] = z;
    }
    softmaxInPlace(p);
    out.set(p, i * k);
  }
  return out;
}
