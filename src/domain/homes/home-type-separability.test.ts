import { describe, expect, it } from 'vitest';
import { HOME_TYPES } from '../home-types';
import { createRng, deriveSeed, pickCumulative } from '../random';
import { simulateHomeEvents } from './event-simulator';
import { HOME_FEATURE_NAMES, homeFeatures } from './home-features';
import { SIZE_CATEGORIES } from './home-schema';
import { buildTemplateHome } from './template-homes';

/**
 * Issue 7's premise, checked on the data: 400 template homes (50 per type, sizes drawn 30/40/20/10 as
 * the original) are separable by type from their features with a plain linear softmax, evaluated by
 * home with stratified 5-fold cross-validation (every home predicted once, by a model that never saw
 * it), while no single feature comes close. Since issue 12 the templates' structures overlap between
 * types, so rooms and floors alone no longer give the type away and the all-feature score is honestly
 * lower. 14 simulated days keep the test fast; the 90-day figures are measured by a benchmark script.
 */

/** Room, floor and outdoor-space columns (whichever of them the feature set has). */
const ROOM_FLOOR_FEATURES: ReadonlySet<string> = new Set([
  'area_count',
  'indoor_area_count',
  'outdoor_area_count',
  'outdoor_area_share',
  'floor_count',
  'main_floor',
  'lowest_floor',
  'rooms_per_floor',
  'bedroom_count',
  'bathroom_count',
  'has_garage',
  'has_basement',
  'has_office',
  'has_separate_bedroom',
  'has_yard',
  'single_level',
  'three_plus_levels',
  'above_ground',
]);

/** PRINT_STRUCTURE=1 prints the measured scores (copied into docs/home-structure.md). */
const print = process.env.PRINT_STRUCTURE === '1';

const SEED = 1;
const PER_TYPE = 50;
const DAYS = 14;
const CLASSES = HOME_TYPES.length;

interface Dataset {
  x: Float64Array;
  y: Int32Array;
  n: number;
  d: number;
}

function buildDataset(): Dataset {
  const rng = createRng(SEED);
  const d = HOME_FEATURE_NAMES.length;
  const n = CLASSES * PER_TYPE;
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  let row = 0;
  HOME_TYPES.forEach((homeType, c) => {
    for (let k = 0; k < PER_TYPE; k++) {
      const sizeCategory = SIZE_CATEGORIES[pickCumulative(rng, [30, 70, 90, 100])] ?? 'medium';
      const index = row + 1;
      const content = buildTemplateHome({
        homeType,
        sizeCategory,
        index,
        rng: createRng(deriveSeed(SEED, 'home', index)),
      });
      const home = { ...content, id: `home_${String(index).padStart(3, '0')}` };
      const events = simulateHomeEvents(home, {
        startDate: '2025-03-03',
        days: DAYS,
        timeZone: 'Europe/Berlin',
        seed: SEED,
      });
      x.set(homeFeatures(home, events, 'Europe/Berlin'), row * d);
      y[row] = c;
      row++;
    }
  });
  return { x, y, n, d };
}

const FOLDS = 5;

/** Stratified folds by home: each type's 50 homes dealt round-robin over the folds after a shuffle. */
function assignFolds(ds: Dataset): Int32Array {
  const rng = createRng(deriveSeed(SEED, 'folds'));
  const fold = new Int32Array(ds.n);
  for (let c = 0; c < CLASSES; c++) {
    const rows = rng.shuffle(Array.from(ds.y.keys()).filter((i) => ds.y[i] === c));
    rows.forEach((r, k) => (fold[r] = k % FOLDS));
  }
  return fold;
}

/** Out-of-fold predictions: each home predicted by a model fitted on the other folds. */
function crossValidate(ds: Dataset, fold: Int32Array, fit: (train: number[]) => (row: number) => number): Int32Array {
  const predicted = new Int32Array(ds.n).fill(-1);
  for (let f = 0; f < FOLDS; f++) {
    const train = Array.from(ds.y.keys()).filter((i) => fold[i] !== f);
    const predict = fit(train);
    for (let i = 0; i < ds.n; i++) if (fold[i] === f) predicted[i] = predict(i);
  }
  return predicted;
}

/** Multinomial logistic regression on standardised columns, full-batch Adam with L2. */
function fitSoftmax(ds: Dataset, rows: number[], cols: number[], iterations: number): (row: number) => number {
  const d = cols.length;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const r of rows) cols.forEach((c, j) => (mean[j] = (mean[j] ?? 0) + (ds.x[r * ds.d + c] ?? 0) / rows.length));
  for (const r of rows)
    cols.forEach((c, j) => (sd[j] = (sd[j] ?? 0) + ((ds.x[r * ds.d + c] ?? 0) - (mean[j] ?? 0)) ** 2 / rows.length));
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j] ?? 0) || 1;
  const z = new Float64Array(rows.length * d);
  rows.forEach((r, i) =>
    cols.forEach((c, j) => (z[i * d + j] = ((ds.x[r * ds.d + c] ?? 0) - (mean[j] ?? 0)) / (sd[j] ?? 1))),
  );
  const width = d + 1;
  const w = new Float64Array(CLASSES * width);
  const m = new Float64Array(w.length);
  const v = new Float64Array(w.length);
  const g = new Float64Array(w.length);
  const logits = new Float64Array(CLASSES);
  const lr = 0.05;
  const l2 = 3e-3;
  for (let it = 1; it <= iterations; it++) {
    g.fill(0);
    for (let i = 0; i < rows.length; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < CLASSES; c++) {
        let s = w[c * width + d] ?? 0;
        for (let j = 0; j < d; j++) s += (w[c * width + j] ?? 0) * (z[i * d + j] ?? 0);
        logits[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < CLASSES; c++) {
        logits[c] = Math.exp((logits[c] ?? 0) - max);
        sum += logits[c] ?? 0;
      }
      const label = ds.y[rows[i] ?? 0];
      for (let c = 0; c < CLASSES; c++) {
        const err = ((logits[c] ?? 0) / sum - (c === label ? 1 : 0)) / rows.length;
        for (let j = 0; j < d; j++) g[c * width + j] = (g[c * width + j] ?? 0) + err * (z[i * d + j] ?? 0);
        g[c * width + d] = (g[c * width + d] ?? 0) + err;
      }
    }
    for (let k = 0; k < w.length; k++) {
      const grad = (g[k] ?? 0) + (k % width === d ? 0 : l2 * (w[k] ?? 0));
      m[k] = 0.9 * (m[k] ?? 0) + 0.1 * grad;
      v[k] = 0.999 * (v[k] ?? 0) + 0.001 * grad * grad;
      w[k] = (w[k] ?? 0) - (lr * ((m[k] ?? 0) / (1 - 0.9 ** it))) / (Math.sqrt((v[k] ?? 0) / (1 - 0.999 ** it)) + 1e-8);
    }
  }
  return (row) => {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < CLASSES; c++) {
      let s = w[c * width + d] ?? 0;
      cols.forEach(
        (col, j) => (s += (w[c * width + j] ?? 0) * (((ds.x[row * ds.d + col] ?? 0) - (mean[j] ?? 0)) / (sd[j] ?? 1))),
      );
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    return best;
  };
}

/** One feature cut into ten quantile bins on the training rows, each bin predicting its majority type. */
function fitBins(ds: Dataset, rows: number[], col: number): (row: number) => number {
  const values = rows.map((r) => ds.x[r * ds.d + col] ?? 0).sort((a, b) => a - b);
  const cuts = Array.from({ length: 9 }, (_, q) => values[Math.floor(((q + 1) * values.length) / 10)] ?? 0);
  const bin = (value: number): number => {
    let b = 0;
    while (b < cuts.length && value > (cuts[b] ?? 0)) b++;
    return b;
  };
  const counts = Array.from({ length: 10 }, () => Array.from({ length: CLASSES }, () => 0));
  for (const r of rows) {
    const row = counts[bin(ds.x[r * ds.d + col] ?? 0)];
    const label = ds.y[r] ?? 0;
    if (row !== undefined) row[label] = (row[label] ?? 0) + 1;
  }
  return (row) => {
    const c = counts[bin(ds.x[row * ds.d + col] ?? 0)] ?? [];
    return c.indexOf(Math.max(...c));
  };
}

function evaluate(ds: Dataset, predicted: Int32Array): { accuracy: number; macroF1: number; precision: number[] } {
  let correct = 0;
  for (let i = 0; i < ds.n; i++) if (predicted[i] === ds.y[i]) correct++;
  const precision: number[] = [];
  let f1Sum = 0;
  for (let c = 0; c < CLASSES; c++) {
    let tp = 0;
    let predictedC = 0;
    let actualC = 0;
    for (let i = 0; i < ds.n; i++) {
      if (predicted[i] === c) predictedC++;
      if (ds.y[i] === c) actualC++;
      if (predicted[i] === c && ds.y[i] === c) tp++;
    }
    const p = predictedC === 0 ? 0 : tp / predictedC;
    const r = actualC === 0 ? 0 : tp / actualC;
    precision.push(p);
    f1Sum += p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
  return { accuracy: correct / ds.n, macroF1: f1Sum / CLASSES, precision };
}

describe('home types are separable, but not by one feature', () => {
  const ds = buildDataset();
  const fold = assignFolds(ds);

  it('folds by home, stratified, every home in exactly one test fold', () => {
    expect(ds.n).toBe(400);
    expect(Array.from(ds.x).every(Number.isFinite)).toBe(true);
    for (let f = 0; f < FOLDS; f++) {
      for (let c = 0; c < CLASSES; c++) {
        expect(Array.from(ds.y.keys()).filter((i) => fold[i] === f && ds.y[i] === c)).toHaveLength(PER_TYPE / FOLDS);
      }
    }
  });

  it('a linear softmax on all features is far above chance on held-out homes', () => {
    const all = HOME_FEATURE_NAMES.map((_, j) => j);
    const result = evaluate(
      ds,
      crossValidate(ds, fold, (train) => fitSoftmax(ds, train, all, 400)),
    );
    if (print) console.warn(`softmax, all features: ${JSON.stringify(result)}`);
    // Issue 7 asserted the original's targets here (accuracy ≥ 0.85, macro-F1 ≥ 0.8, every precision
    // ≥ 0.75); the old templates gave 0.93 because their structure spelled out the type. Since issue 12
    // the templates draw overlapping structures (docs/home-structure.md) and 14 days of events give
    // about 0.75: the targets are no longer met from template homes alone, and this test only guards
    // that the types stay learnable. The targets are judged across home sources (issue 12, part 2).
    expect(result.accuracy).toBeGreaterThanOrEqual(0.65);
    expect(result.macroF1).toBeGreaterThanOrEqual(0.6);
    expect(Math.min(...result.precision)).toBeGreaterThanOrEqual(0.4);
  });

  it('rooms and floors alone no longer spell out the type', () => {
    // Old templates: a softmax on these columns alone scored 0.875 (issue 12's "template grammar").
    const cols = HOME_FEATURE_NAMES.map((name, j) => (ROOM_FLOOR_FEATURES.has(name) ? j : -1)).filter((j) => j >= 0);
    expect(cols.length).toBeGreaterThanOrEqual(8);
    const result = evaluate(
      ds,
      crossValidate(ds, fold, (train) => fitSoftmax(ds, train, cols, 400)),
    );
    if (print) console.warn(`softmax, rooms and floors (${cols.length} columns): ${JSON.stringify(result)}`);
    expect(result.accuracy).toBeLessThan(0.8);
    expect(result.accuracy).toBeGreaterThan(0.3);
  });

  it('no single feature gets near it', () => {
    // Ten quantile bins with a majority type each: as flexible on one feature as a linear model is, and
    // cheap enough to run for every feature.
    let best = 0;
    HOME_FEATURE_NAMES.forEach((_, j) => {
      best = Math.max(
        best,
        evaluate(
          ds,
          crossValidate(ds, fold, (train) => fitBins(ds, train, j)),
        ).accuracy,
      );
    });
    expect(best).toBeLessThanOrEqual(0.6);
    expect(best).toBeGreaterThan(0.25);
  });
});
