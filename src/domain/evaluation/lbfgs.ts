/** Stopping and memory settings of `minimizeLbfgs`. */
export interface LbfgsOptions {
  /** Default 200. */
  maxIterations?: number;
  /** Converged when the largest absolute gradient component is at most this; default 1e-6. */
  tolerance?: number;
  /** Number of correction pairs kept; default 10. */
  memory?: number;
}

/** The minimiser found and whether a stopping test (not the iteration cap) ended the run. */
export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

/** Objective: returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search: small, deterministic (plain float
 * arithmetic, no randomness), enough for the smooth convex losses of the logistic baselines. Stops on a
 * small gradient, on a relative decrease below 1e-12, or when the line search cannot make progress.
 */
export function minimizeLbfgs(objective: Objective, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const { maxIterations = 200, tolerance = 1e-6, memory = 10 } = options;
  const dim = x0.length;
  let x = Float64Array.from(x0);
  let grad = new Float64Array(dim);
  let value = objective(x, grad);
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const alpha = new Float64Array(memory);
  const direction = new Float64Array(dim);
  let xNew = new Float64Array(dim);
  let gradNew = new Float64Array(dim);

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(grad) <= tolerance) return { x, value, iterations: iteration, converged: true };

    // Two-loop recursion: direction = −H·grad.
    direction.set(grad);
    for (let j = sHist.length - 1; j >= 0; j--) {
      const s = sHist[j] ?? direction;
      const y = yHist[j] ?? direction;
      const a = (rhoHist[j] ?? 0) * dot(s, direction);
      alpha[j] = a;
      for (let i = 0; i < dim; i++) direction[i] = (direction[i] ?? 0) - a * (y[i] ?? 0);
    }
    const lastS = sHist.at(-1);
    const lastY = yHist.at(-1);
    const gamma = lastS !== undefined && lastY !== undefined ? dot(lastS, lastY) / dot(lastY, lastY) : 1;
    for (let i = 0; i < dim; i++) direction[i] = (direction[i] ?? 0) * gamma;
    for (let j = 0; j < sHist.length; j++) {
      const s = sHist[j] ?? direction;
      const y = yHist[j] ?? direction;
      const b = (rhoHist[j] ?? 0) * dot(y, direction);
      const a = alpha[j] ?? 0;
      for (let i = 0; i < dim; i++) direction[i] = (direction[i] ?? 0) + (a - b) * (s[i] ?? 0);
    }
    for (let i = 0; i < dim; i++) direction[i] = -(direction[i] ?? 0);

    let slope = dot(grad, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sHist.length = 0;
      yHist.length = 0;
      rhoHist.length = 0;
      for (let i = 0; i < dim; i++) direction[i] = -(grad[i] ?? 0);
      slope = dot(grad, direction);
    }

    let step = sHist.length === 0 ? 1 / Math.max(1, Math.sqrt(-slope)) : 1;
    let valueNew = Number.NaN;
    let accepted = false;
    for (let tries = 0; tries < 50; tries++) {
      for (let i = 0; i < dim; i++) xNew[i] = (x[i] ?? 0) + step * (direction[i] ?? 0);
      valueNew = objective(xNew, gradNew);
      if (valueNew <= value + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) return { x, value, iterations: iteration, converged: maxAbs(grad) <= tolerance };

    const s = new Float64Array(dim);
    const y = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      s[i] = (xNew[i] ?? 0) - (x[i] ?? 0);
      y[i] = (gradNew[i] ?? 0) - (grad[i] ?? 0);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sHist.length === memory) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
      sHist.push(s);
      yHist.push(y);
      rhoHist.push(1 / sy);
    }
    const decrease = value - valueNew;
    [x, xNew] = [xNew, x];
    [grad, gradNew] = [gradNew, grad];
    value = valueNew;
    if (decrease <= 1e-12 * Math.max(1, Math.abs(value))) {
      return { x, value, iterations: iteration + 1, converged: true };
    }
  }
  return { x, value, iterations: maxIterations, converged: maxAbs(grad) <= tolerance };
}
