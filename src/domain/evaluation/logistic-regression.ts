import { z } from 'zod';
import { assertClassLabels } from './class-labels';
import type { LbfgsOptions } from './lbfgs';
import { minimizeLbfgs } from './lbfgs';
import type { ClassWeightOption } from './model-weights';
import { matrixRows, resolveSampleWeights } from './model-weights';

/** A fitted binary logistic regression: p = σ(weights · x + bias). Plain data, storable as JSON. */
export interface LogisticModel {
  weights: number[];
  bias: number;
}

/** A fitted model with its optimisation record. */
export interface LogisticFitResult extends LogisticModel {
  iterations: number;
  converged: boolean;
  /** Final objective: weighted mean log loss plus the L2 term. */
  loss: number;
}

/** Regularisation, weighting and optimiser settings. */
export interface LogisticFitOptions extends LbfgsOptions {
  /** L2 strength λ on the weights (not the bias), on the mean loss; default 1e-4. */
  l2?: number;
  /** `'balanced'` or [w0, w1]; default none. */
  classWeight?: ClassWeightOption;
  sampleWeight?: ArrayLike<number>;
}

/** Validates a stored `LogisticModel`. */
export const logisticModelSchema = z.object({ weights: z.array(z.number()), bias: z.number() });

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * L2-regularised logistic regression by L-BFGS on the full batch: deterministic, starts from zero.
 * Expects standardised features (fit a `Standardizer` on the training rows first): the penalty and the
 * optimiser both assume comparable column scales. Minimises
 * (1/Σw) Σ wᵢ·[log(1 + e^{zᵢ}) − yᵢ·zᵢ] + (λ/2)·‖weights‖², which matches scikit-learn with C = 1/(λ·Σw).
 */
export function fitLogisticRegression(
  X: ArrayLike<number>,
  d: number,
  y: ArrayLike<number>,
  options: LogisticFitOptions = {},
): LogisticFitResult {
  const n = matrixRows(X, d);
  if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} labels`);
  assertClassLabels(y, 2, 'y');
  const l2 = options.l2 ?? 1e-4;
  const { weights: sw, total } = resolveSampleWeights(y, 2, options.classWeight, options.sampleWeight);
  // Monomorphic Float64 copies keep the hot loop fast whatever array type the caller passed.
  const x = Float64Array.from(X);
  const labels = Float64Array.from(y);

  const result = minimizeLbfgs(
    (params, grad) => {
      grad.fill(0);
      const bias = params[d] ?? 0;
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const w = sw[i] ?? 0;
        if (w === 0) continue;
        const base = i * d;
        let z = bias;
        for (let c = 0; c < d; c++) z += (params[c] ?? 0) * (x[base + c] ?? 0);
        const label = labels[i] ?? 0;
        loss += w * (softplus(z) - label * z);
        const r = w * (sigmoid(z) - label);
        for (let c = 0; c < d; c++) grad[c] = (grad[c] ?? 0) + r * (x[base + c] ?? 0);
        grad[d] = (grad[d] ?? 0) + r;
      }
      let penalty = 0;
      for (let c = 0; c <= d; c++) grad[c] = (grad[c] ?? 0) / total;
      for (let c = 0; c < d; c++) {
        const wc = params[c] ?? 0;
        penalty += wc * wc;
        grad[c] = (grad[c] ?? 0) + l2 * wc;
      }
      return loss / total + 0.5 * l2 * penalty;
    },
    new Float64Array(d + 1),
    options,
  );
  return {
    weights: Array.from(result.x.subarray(0, d)),
    bias: result.x[d] ?? 0,
    iterations: result.iterations,
    converged: result.converged,
    loss: result.value,
  };
}

/** P(class 1) for each row of a row-major n × d matrix (standardised the same way as for fitting). */
export function predictLogisticProba(model: LogisticModel, X: ArrayLike<number>, d: number): Float64Array {
  const n = matrixRows(X, d);
  if (model.weights.length !== d) {
    throw new RangeError(`model has ${model.weights.length} weights, data has ${d} columns`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = model.bias;
    for (let c = 0; c < d; c++) z += (model.weights[c] ?? 0) * (X[i * d + c] ?? 0);
    out[i] = sigmoid(z);
  }
  return out;
}
