import { z } from 'zod';
import { downsampleIndices } from './curves';

/** How a failure predictor's scores are mapped to probabilities after training. */
export type CalibrationMethod = 'none' | 'platt' | 'isotonic';

export const CALIBRATION_METHODS: readonly CalibrationMethod[] = ['none', 'platt', 'isotonic'];

/**
 * A fitted calibration map, plain JSON. Platt: p' = σ(a · logit(clip(p)) + b), p clipped to [1e-7, 1 − 1e-7].
 * Isotonic: piecewise-linear through (x[i], y[i]), x strictly ascending, y non-decreasing in [0, 1], constant
 * outside [x[0], x[last]] (scikit-learn's IsotonicRegression with out_of_bounds='clip').
 */
export type Calibrator = { method: 'platt'; a: number; b: number } | { method: 'isotonic'; x: number[]; y: number[] };

/** Bounds stored size and per-score lookup cost; far more knots than validation sets justify. */
const MAX_KNOTS = 4096;
/** Keeps logit finite for scores of exactly 0 or 1 (a thresholded or saturated model). */
const PLATT_CLIP = 1e-7;

const finiteNumber = (what: string): z.ZodNumber => z.number({ error: `${what} must be a finite number` });

const plattSchema = z.object({
  method: z.literal('platt'),
  a: finiteNumber('Platt slope a'),
  b: finiteNumber('Platt intercept b'),
});

const isotonicSchema = z
  .object({
    method: z.literal('isotonic'),
    x: z
      .array(finiteNumber('isotonic knot x'), { error: 'isotonic x must be an array of numbers' })
      .min(1, 'isotonic calibrator needs at least 1 knot')
      .max(MAX_KNOTS, `isotonic calibrator may have at most ${MAX_KNOTS} knots; refit it`),
    y: z.array(
      finiteNumber('isotonic knot y')
        .min(0, 'isotonic y values are probabilities and must lie in [0, 1]')
        .max(1, 'isotonic y values are probabilities and must lie in [0, 1]'),
      { error: 'isotonic y must be an array of numbers' },
    ),
  })
  .superRefine((c, ctx) => {
    if (c.x.length !== c.y.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['y'],
        message: `isotonic x has ${c.x.length} knots but y has ${c.y.length}; they must pair up`,
      });
      return;
    }
    for (let i = 1; i < c.x.length; i++) {
      const prev = c.x[i - 1] ?? Number.NaN;
      const cur = c.x[i] ?? Number.NaN;
      if (!(cur > prev)) {
        ctx.addIssue({
          code: 'custom',
          path: ['x', i],
          message: `isotonic x must be strictly ascending, but x[${i}] = ${cur} follows x[${i - 1}] = ${prev}`,
        });
        break;
      }
    }
    for (let i = 1; i < c.y.length; i++) {
      const prev = c.y[i - 1] ?? Number.NaN;
      const cur = c.y[i] ?? Number.NaN;
      if (!(cur >= prev)) {
        ctx.addIssue({
          code: 'custom',
          path: ['y', i],
          message: `isotonic y must be non-decreasing, but y[${i}] = ${cur} follows y[${i - 1}] = ${prev}`,
        });
        break;
      }
    }
  });

/** Validates a stored calibrator. */
export const calibratorSchema: z.ZodType<Calibrator> = z.discriminatedUnion('method', [plattSchema, isotonicSchema], {
  error: "calibrator method must be 'platt' or 'isotonic'",
});

function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

function clippedLogit(p: number): number {
  const q = Math.min(Math.max(p, PLATT_CLIP), 1 - PLATT_CLIP);
  return Math.log(q / (1 - q));
}

/** Labels 0/1, finite scores, both classes present; returns the number of positives. */
function checkFitInputs(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  if (scores.length !== n) throw new RangeError(`labels has ${n} entries but scores has ${scores.length}`);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new RangeError(`labels[${i}] = ${String(y)}: binary labels must be 0 or 1`);
    positives += y;
    const s = scores[i] ?? Number.NaN;
    if (!Number.isFinite(s)) throw new RangeError(`scores[${i}] = ${s}: calibration needs finite scores`);
  }
  if (n === 0) throw new Error('Cannot fit a calibrator on no samples.');
  if (positives === 0 || positives === n) {
    const only = positives === 0 ? '0 (no failures)' : '1 (only failures)';
    throw new Error(`Cannot fit a calibrator: all ${n} labels are ${only}; the calibration set needs both classes.`);
  }
  return positives;
}

function plattLoss(f: Float64Array, t: Float64Array, a: number, b: number): number {
  let loss = 0;
  for (let i = 0; i < f.length; i++) {
    const z = a * (f[i] ?? 0) + b;
    loss += softplus(z) - (t[i] ?? 0) * z;
  }
  return loss;
}

/**
 * Platt scaling on the clipped logit of the score, with Platt's smoothed targets so separable data still
 * gives finite a and b. Newton's method with backtracking as in Lin, Lin & Weng (2007): two parameters make
 * the exact Hessian free, and it converges in a handful of passes. Starts from Platt's a = 0 and prior-odds b.
 */
export function fitPlatt(labels: ArrayLike<number>, scores: ArrayLike<number>): Calibrator {
  const positives = checkFitInputs(labels, scores);
  const n = labels.length;
  const negatives = n - positives;
  const hiTarget = (positives + 1) / (positives + 2);
  const loTarget = 1 / (negatives + 2);
  const f = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    f[i] = clippedLogit(scores[i] ?? 0);
    t[i] = labels[i] === 1 ? hiTarget : loTarget;
  }
  let a = 0;
  let b = Math.log((positives + 1) / (negatives + 1));
  let loss = plattLoss(f, t, a, b);
  // Gradient sums grow with n; this is a mean gradient of 1e-10, beyond what the data can resolve.
  const tolerance = 1e-10 * n;
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    // A tiny ridge keeps the Hessian invertible when all scores are equal (a and b then act alike).
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const fi = f[i] ?? 0;
      const p = sigmoid(a * fi + b);
      const r = p - (t[i] ?? 0);
      const w = p * (1 - p);
      ga += r * fi;
      gb += r;
      haa += w * fi * fi;
      hab += w * fi;
      hbb += w;
    }
    if (Math.max(Math.abs(ga), Math.abs(gb)) <= tolerance) break;
    const det = haa * hbb - hab * hab;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(haa * gb - hab * ga) / det;
    const slope = ga * da + gb * db;
    // −slope is the Newton decrement, twice the predicted gain; once it is below the rounding of the summed
    // loss, no step can be verified as progress (at n = 10⁶ the gradient itself bottoms out near 1e-4).
    if (!(-slope > 1e-12 * (1 + Math.abs(loss)))) break;
    let accepted = false;
    for (let step = 1; step >= 1e-10; step /= 2) {
      const na = a + step * da;
      const nb = b + step * db;
      const next = plattLoss(f, t, na, nb);
      if (next < loss && next <= loss + 1e-4 * step * slope) {
        a = na;
        b = nb;
        loss = next;
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
  }
  return { method: 'platt', a, b };
}

/**
 * Isotonic regression by pool-adjacent-violators. Ties in the score are pooled before PAV (as scikit-learn
 * does), so equal scores always get one calibrated value. Each PAV block contributes its first and last
 * score as knots, which is scikit-learn's removal of redundant interior knots; beyond 4096 knots an even
 * subsample (first and last kept) bounds the stored size.
 */
export function fitIsotonic(labels: ArrayLike<number>, scores: ArrayLike<number>): Calibrator {
  const positives = checkFitInputs(labels, scores);
  const n = labels.length;
  // Two native numeric sorts and a merge beat an index sort with a comparator several times over.
  const pos = new Float64Array(positives);
  const neg = new Float64Array(n - positives);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (labels[i] === 1) pos[p++] = scores[i] ?? 0;
    else neg[q++] = scores[i] ?? 0;
  }
  pos.sort();
  neg.sort();

  // Distinct scores with their positive count and sample count.
  const xs = new Float64Array(n);
  const ones = new Float64Array(n);
  const counts = new Float64Array(n);
  let m = 0;
  for (let i = 0, j = 0; i < pos.length || j < neg.length; m++) {
    const pv = pos[i] ?? Number.POSITIVE_INFINITY;
    const nv = neg[j] ?? Number.POSITIVE_INFINITY;
    const v = i < pos.length && (j >= neg.length || pv <= nv) ? pv : nv;
    const i0 = i;
    const j0 = j;
    while (i < pos.length && pos[i] === v) i++;
    while (j < neg.length && neg[j] === v) j++;
    xs[m] = v;
    ones[m] = i - i0;
    counts[m] = i - i0 + (j - j0);
  }

  // PAV on a stack of blocks; equal means are pooled too so every block is one flat of the fit.
  const blockOnes = new Float64Array(m);
  const blockCount = new Float64Array(m);
  const blockEnd = new Uint32Array(m);
  let top = -1;
  for (let k = 0; k < m; k++) {
    top++;
    blockOnes[top] = ones[k] ?? 0;
    blockCount[top] = counts[k] ?? 0;
    blockEnd[top] = k;
    // mean(prev) ≥ mean(top), compared by cross-multiplying exact integer counts.
    while (
      top > 0 &&
      (blockOnes[top - 1] ?? 0) * (blockCount[top] ?? 0) >= (blockOnes[top] ?? 0) * (blockCount[top - 1] ?? 0)
    ) {
      blockOnes[top - 1] = (blockOnes[top - 1] ?? 0) + (blockOnes[top] ?? 0);
      blockCount[top - 1] = (blockCount[top - 1] ?? 0) + (blockCount[top] ?? 0);
      blockEnd[top - 1] = blockEnd[top] ?? 0;
      top--;
    }
  }

  const x: number[] = [];
  const y: number[] = [];
  let start = 0;
  for (let blk = 0; blk <= top; blk++) {
    const end = blockEnd[blk] ?? 0;
    const mean = (blockOnes[blk] ?? 0) / (blockCount[blk] ?? 1);
    x.push(xs[start] ?? 0);
    y.push(mean);
    if (end > start) {
      x.push(xs[end] ?? 0);
      y.push(mean);
    }
    start = end + 1;
  }
  if (x.length <= MAX_KNOTS) return { method: 'isotonic', x, y };
  const keep = downsampleIndices(x.length, MAX_KNOTS);
  return {
    method: 'isotonic',
    x: Array.from(keep, (i) => x[i] ?? 0),
    y: Array.from(keep, (i) => y[i] ?? 0),
  };
}

/** Fits the chosen calibrator; null for 'none'. Throws when the labels hold one class only. */
export function fitCalibrator(
  method: CalibrationMethod,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): Calibrator | null {
  switch (method) {
    case 'none':
      return null;
    case 'platt':
      return fitPlatt(labels, scores);
    case 'isotonic':
      return fitIsotonic(labels, scores);
  }
}

function applyPlatt(a: number, b: number, score: number): number {
  if (Number.isNaN(score)) return Number.NaN;
  return sigmoid(a * clippedLogit(score) + b);
}

/** Linear interpolation between knots with binary search; clipped to the end values outside them. */
function interpolate(x: ArrayLike<number>, y: ArrayLike<number>, score: number): number {
  const last = x.length - 1;
  if (Number.isNaN(score) || last < 0) return Number.NaN;
  if (score <= (x[0] ?? 0)) return y[0] ?? Number.NaN;
  if (score >= (x[last] ?? 0)) return y[last] ?? Number.NaN;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((x[mid] ?? 0) <= score) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo] ?? 0;
  const y0 = y[lo] ?? 0;
  return y0 + ((score - x0) * ((y[hi] ?? 0) - y0)) / ((x[hi] ?? 0) - x0);
}

/** Calibrated probability of one score; identity for null, NaN stays NaN. */
export function applyCalibrator(c: Calibrator | null, score: number): number {
  if (c === null) return score;
  return c.method === 'platt' ? applyPlatt(c.a, c.b, score) : interpolate(c.x, c.y, score);
}

/** Calibrated probabilities of many scores. */
export function calibrateScores(c: Calibrator | null, scores: ArrayLike<number>): Float32Array {
  const n = scores.length;
  const out = new Float32Array(n);
  if (c === null) {
    for (let i = 0; i < n; i++) out[i] = scores[i] ?? Number.NaN;
  } else if (c.method === 'platt') {
    for (let i = 0; i < n; i++) out[i] = applyPlatt(c.a, c.b, scores[i] ?? Number.NaN);
  } else {
    // Typed copies keep the search loop monomorphic.
    const x = Float64Array.from(c.x);
    const y = Float64Array.from(c.y);
    for (let i = 0; i < n; i++) out[i] = interpolate(x, y, scores[i] ?? Number.NaN);
  }
  return out;
}

function formatSigned(v: number): string {
  const s = v.toFixed(2);
  // Typographic minus to match the rest of the UI; a rounded −0.00 reads as noise.
  return s === '-0.00' ? '0.00' : s.replace('-', '−');
}

/** One line for reports and the UI. */
export function describeCalibrator(c: Calibrator | null): string {
  if (c === null) return 'none';
  if (c.method === 'platt') {
    return `Platt scaling (a = ${formatSigned(c.a)}, b = ${formatSigned(c.b)}), fitted on validation devices`;
  }
  const k = c.x.length;
  return `isotonic regression (${k} ${k === 1 ? 'knot' : 'knots'}), fitted on validation devices`;
}

/**
 * Whether a calibrator keeps some of the score's ranking: a Platt slope above 0, or an isotonic fit that
 * rises somewhere. A falling or flat fit (a few validation failures that happen to score low) would turn
 * the ranking over or erase it, so callers keep the raw scores instead.
 */
export function keepsRanking(c: Calibrator): boolean {
  if (c.method === 'platt') return c.a > 0;
  return (c.y[c.y.length - 1] ?? 0) > (c.y[0] ?? 0);
}
