import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { rocAuc } from './binary-metrics';
import { minimizeLbfgs } from './lbfgs';
import { fitLogisticRegression, logisticModelSchema, predictLogisticProba } from './logistic-regression';
import { fitSoftmaxRegression, predictSoftmaxProba } from './softmax-regression';

// At x = −1 one of four is positive, at x = +1 three of four: the MLE is w = ln 3, b = 0.
const X1 = [-1, -1, -1, -1, 1, 1, 1, 1];
const Y1 = [1, 0, 0, 0, 1, 1, 1, 0];

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        const a = x[0] ?? 0;
        const b = x[1] ?? 0;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      [-1.2, 1],
      { maxIterations: 1000, tolerance: 1e-8 },
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });

  it('minimises a quadratic exactly', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        g[0] = 2 * ((x[0] ?? 0) - 3);
        g[1] = 8 * ((x[1] ?? 0) + 1);
        return ((x[0] ?? 0) - 3) ** 2 + 4 * ((x[1] ?? 0) + 1) ** 2;
      },
      [0, 0],
    );
    expect(r.x[0]).toBeCloseTo(3, 6);
    expect(r.x[1]).toBeCloseTo(-1, 6);
  });
});

describe('fitLogisticRegression', () => {
  it('reaches the closed-form maximum-likelihood solution', () => {
    const m = fitLogisticRegression(X1, 1, Y1, { l2: 0, tolerance: 1e-10 });
    expect(m.converged).toBe(true);
    expect(m.weights[0]).toBeCloseTo(Math.log(3), 6);
    expect(m.bias).toBeCloseTo(0, 6);
    const p = predictLogisticProba(m, [-1, 1], 1);
    expect(p[0]).toBeCloseTo(0.25, 6);
    expect(p[1]).toBeCloseTo(0.75, 6);
    // Mean log loss at the optimum: −(ln 0.75·6 + ln 0.25·2)/8.
    expect(m.loss).toBeCloseTo(-(6 * Math.log(0.75) + 2 * Math.log(0.25)) / 8, 8);
  });

  it("moves the intercept to the balanced base rate with classWeight 'balanced'", () => {
    const X = [0, 0, 0, 0];
    const y = [1, 0, 0, 0];
    expect(fitLogisticRegression(X, 1, y, { l2: 0, tolerance: 1e-10 }).bias).toBeCloseTo(-Math.log(3), 6);
    expect(fitLogisticRegression(X, 1, y, { l2: 0, classWeight: 'balanced', tolerance: 1e-10 }).bias).toBeCloseTo(0, 6);
    expect(fitLogisticRegression(X, 1, y, { l2: 0, classWeight: [1, 3], tolerance: 1e-10 }).bias).toBeCloseTo(0, 6);
  });

  it('shrinks weights with a stronger L2 penalty', () => {
    const weak = fitLogisticRegression(X1, 1, Y1, { l2: 0.01 });
    const strong = fitLogisticRegression(X1, 1, Y1, { l2: 1 });
    expect(Math.abs(strong.weights[0] ?? 0)).toBeLessThan(Math.abs(weak.weights[0] ?? 0));
    expect(weak.weights[0] ?? 0).toBeLessThan(Math.log(3));
  });

  it('learns a noisy linear rule deterministically and stays finite on separable data', () => {
    const rng = createRng(6);
    const n = 2000;
    const X = new Float32Array(n * 3);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 3; c++) X[i * 3 + c] = rng.normal();
      y[i] = (X[i * 3] ?? 0) - 0.5 * (X[i * 3 + 2] ?? 0) + rng.normal(0, 0.5) > 0.8 ? 1 : 0;
    }
    const a = fitLogisticRegression(X, 3, y, { classWeight: 'balanced' });
    const b = fitLogisticRegression(X, 3, y, { classWeight: 'balanced' });
    expect(a).toEqual(b);
    expect(rocAuc(y, predictLogisticProba(a, X, 3))).toBeGreaterThan(0.9);
    expect(Math.abs(a.weights[1] ?? 0)).toBeLessThan(0.3 * (a.weights[0] ?? 0));
    const separable = fitLogisticRegression([-2, -1, 1, 2], 1, [0, 0, 1, 1], { l2: 1e-3 });
    expect(Number.isFinite(separable.weights[0])).toBe(true);
    expect(logisticModelSchema.parse(JSON.parse(JSON.stringify(a)))).toMatchObject({ bias: a.bias });
  });

  it('rejects bad shapes, labels and weights', () => {
    expect(() => fitLogisticRegression([1, 2, 3], 2, [0])).toThrow(/rows of 2/);
    expect(() => fitLogisticRegression([1, 2], 1, [0, 2])).toThrow(/class index/);
    expect(() => fitLogisticRegression([1, 2], 1, [0, 1], { classWeight: [1] })).toThrow(/2 entries/);
    expect(() => fitLogisticRegression([1, 2], 1, [0, 1], { sampleWeight: [0, 0] })).toThrow(/sum to 0/);
  });
});

describe('fitSoftmaxRegression', () => {
  it('reproduces class frequencies without informative features', () => {
    const m = fitSoftmaxRegression([0, 0, 0, 0], 1, [0, 0, 1, 2], 3, { l2: 0, tolerance: 1e-10 });
    const p = predictSoftmaxProba(m, [0], 1);
    expect(p[0]).toBeCloseTo(0.5, 6);
    expect(p[1]).toBeCloseTo(0.25, 6);
    expect(p[2]).toBeCloseTo(0.25, 6);
  });

  it('agrees with binary logistic regression for two classes', () => {
    const m = fitSoftmaxRegression(X1, 1, Y1, 2, { l2: 0, tolerance: 1e-10 });
    const p = predictSoftmaxProba(m, [-1, 1], 1);
    expect(p[1]).toBeCloseTo(0.25, 5);
    expect(p[3]).toBeCloseTo(0.75, 5);
    expect((p[0] ?? 0) + (p[1] ?? 0)).toBeCloseTo(1, 12);
  });

  it('separates three Gaussian classes and balances class weights', () => {
    const rng = createRng(8);
    const centres = [
      [0, 0],
      [3, 0],
      [0, 3],
    ];
    const counts = [300, 60, 40];
    const X: number[] = [];
    const y: number[] = [];
    counts.forEach((count, c) => {
      for (let i = 0; i < count; i++) {
        X.push((centres[c]?.[0] ?? 0) + rng.normal(), (centres[c]?.[1] ?? 0) + rng.normal());
        y.push(c);
      }
    });
    const m = fitSoftmaxRegression(X, 2, y, 3, { classWeight: 'balanced' });
    const p = predictSoftmaxProba(m, [0, 0, 3, 0, 0, 3], 2);
    expect(p[0]).toBeGreaterThan(0.6);
    expect(p[4]).toBeGreaterThan(0.6);
    expect(p[8]).toBeGreaterThan(0.6);
    expect(fitSoftmaxRegression(X, 2, y, 3, { classWeight: 'balanced' })).toEqual(m);
  });
});
