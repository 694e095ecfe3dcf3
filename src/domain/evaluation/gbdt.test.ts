import { describe, expect, it } from 'vitest';
import { legacyLabel } from '../legacy-label';
import { createRng } from '../random';
import type { GbdtConfig, GbdtFitInput, GbdtModel } from './gbdt';
import { defaultGbdtConfig, fitGbdt, gbdtConfigSchema, parseGbdtModel, predictGbdt, predictGbdtRaw } from './gbdt';
import { binMatrix, quantileEdges } from './gbdt-binning';
import { hessianPacking, packHessian } from './gbdt-histogram';
import { TreeGrower } from './gbdt-tree';

const NO_VAL = { x: new Float32Array(0), n: 0, y: [] };

function config(overrides: Partial<GbdtConfig> = {}): GbdtConfig {
  return { ...defaultGbdtConfig(), ...overrides };
}

/** Single-split trees with no size constraints, for hand-computable results. */
const ONE_SPLIT: Partial<GbdtConfig> = {
  maxRounds: 1,
  maxLeaves: 2,
  minSamplesLeaf: 1,
  minChildWeight: 0,
  earlyStoppingRounds: 0,
};

function sigmoid(s: number): number {
  return 1 / (1 + Math.exp(-s));
}

function meanLogLoss(y: ArrayLike<number>, raw: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < raw.length; i++) {
    const p = sigmoid(raw[i] ?? 0);
    const q = y[i] === 1 ? p : 1 - p;
    sum -= Math.log(Math.min(Math.max(q, 1e-15), 1 - 1e-15));
  }
  return sum / raw.length;
}

function f1(y: ArrayLike<number>, p: Float32Array): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < p.length; i++) {
    const predicted = (p[i] ?? 0) >= 0.5;
    if (predicted && y[i] === 1) tp++;
    else if (predicted) fp++;
    else if (y[i] === 1) fn++;
  }
  return (2 * tp) / (2 * tp + fp + fn);
}

interface Dataset {
  x: Float32Array;
  y: Uint8Array;
  n: number;
  d: number;
}

/** Labels from a noisy linear score over the first features; some NaN and heavy ties for realism. */
function noisyData(n: number, d: number, seed: number, signal = 1): Dataset {
  const rng = createRng(seed);
  const x = new Float32Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) {
      let v = rng.normal();
      if (f === 1) v = Math.round(v * 2);
      if (f === 2 && rng.chance(0.1)) v = Number.NaN;
      x[i * d + f] = v;
      if (f < 3 && !Number.isNaN(v)) s += v;
    }
    y[i] = rng.next() < sigmoid(signal * s) ? 1 : 0;
  }
  return { x, y, n, d };
}

function rows(data: Dataset, from: number, to: number): Dataset {
  return { x: data.x.slice(from * data.d, to * data.d), y: data.y.slice(from, to), n: to - from, d: data.d };
}

function fitInput(train: Dataset, val: Dataset | undefined, overrides: Partial<GbdtConfig>): GbdtFitInput {
  return {
    x: train.x,
    n: train.n,
    d: train.d,
    y: train.y,
    val: val === undefined ? NO_VAL : { x: val.x, n: val.n, y: val.y },
    config: config(overrides),
  };
}

describe('fitGbdt: hand-computable single split', () => {
  // x = 0..9, positives at x >= 7: base rate 0.3, so every gradient is 0.3 − y and every hessian 0.21.
  const x = Float32Array.from({ length: 10 }, (_, i) => i);
  const y = Array.from({ length: 10 }, (_, i) => (i >= 7 ? 1 : 0));

  it('finds the threshold, the leaf values with λ and the base score', async () => {
    const { model, history } = await fitGbdt({
      x,
      n: 10,
      d: 1,
      y,
      val: NO_VAL,
      config: config({ ...ONE_SPLIT, l2: 1, learningRate: 0.5 }),
    });
    expect(model.baseScore).toBeCloseTo(Math.log(0.3 / 0.7), 12);
    expect(model.trees).toHaveLength(1);
    const tree = model.trees[0];
    expect(tree?.feature).toEqual([0, -1, -1]);
    expect(tree?.left).toEqual([1, -1, -1]);
    expect(tree?.right).toEqual([2, -1, -1]);
    // The midpoint between the last negative and the first positive.
    expect(tree?.threshold[0]).toBe(6.5);
    // Leaf value = −G/(H + λ) · learning rate: left 7 × 0.3 over 7 × 0.21, right 3 × (−0.7) over 3 × 0.21.
    expect(tree?.value[1]).toBeCloseTo((-2.1 / (1.47 + 1)) * 0.5, 12);
    expect(tree?.value[2]).toBeCloseTo((2.1 / (0.63 + 1)) * 0.5, 12);
    // No NaN in training: NaN follows the side with more hessian (the left, 1.47 against 0.63).
    expect(tree?.missingLeft[0]).toBe(true);
    // Total gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) with G = 0.
    expect(model.featureImportance[0]).toBeCloseTo(2.1 ** 2 / 2.47 + 2.1 ** 2 / 1.63, 4);
    expect(history).toHaveLength(1);
    expect(history[0]?.bestRound).toBe(0);
    expect(Number.isNaN(history[0]?.valLoss)).toBe(true);

    const raw = predictGbdtRaw(model, Float32Array.from([6.5, 6.50001, Number.NaN]), 3, 1);
    expect(raw[0]).toBeCloseTo(model.baseScore + (tree?.value[1] ?? 0), 12);
    expect(raw[1]).toBeCloseTo(model.baseScore + (tree?.value[2] ?? 0), 12);
    expect(raw[2]).toBe(raw[0]);
  });

  it('never splits when every child would be below minSamplesLeaf', async () => {
    const { model } = await fitGbdt({
      x,
      n: 10,
      d: 1,
      y,
      val: NO_VAL,
      config: config({ ...ONE_SPLIT, minSamplesLeaf: 6 }),
    });
    expect(model.trees[0]?.feature).toEqual([-1]);
    // One leaf: G = 0, so the tree adds nothing.
    expect(model.trees[0]?.value[0]).toBeCloseTo(0, 12);
  });
});

describe('fitGbdt: missing values', () => {
  /** 300 rows with x uniform in [0, 1), label x > 0.5, plus 100 NaN rows labelled nanLabel. */
  function withNaN(nanLabel: number): { x: Float32Array; y: number[] } {
    const rng = createRng(5);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 300; i++) {
      const v = rng.next();
      x.push(v);
      y.push(v > 0.5 ? 1 : 0);
    }
    for (let i = 0; i < 100; i++) {
      x.push(Number.NaN);
      y.push(nanLabel);
    }
    return { x: Float32Array.from(x), y };
  }

  for (const [nanLabel, side] of [
    [1, 'right'],
    [0, 'left'],
  ] as const) {
    it(`sends NaN ${side} when NaN rows are labelled ${nanLabel}`, async () => {
      const { x, y } = withNaN(nanLabel);
      const { model } = await fitGbdt({
        x,
        n: 400,
        d: 1,
        y,
        val: NO_VAL,
        config: config({ ...ONE_SPLIT, minSamplesLeaf: 5 }),
      });
      const tree = model.trees[0];
      expect(tree?.feature[0]).toBe(0);
      expect(tree?.missingLeft[0]).toBe(side === 'left');
      expect(Math.abs((tree?.threshold[0] ?? 0) - 0.5)).toBeLessThan(0.02);
      const raw = predictGbdtRaw(model, Float32Array.from([Number.NaN, 0.1, 0.9]), 3, 1);
      expect(raw[0]).toBe(side === 'left' ? raw[1] : raw[2]);
    });
  }
});

describe('fitGbdt: the legacy OR rule', () => {
  it('learns error_rate > 0.1 OR battery < 20 OR response_time > 2000 almost exactly', async () => {
    const rng = createRng(11);
    const n = 6000;
    const d = 11;
    const x = new Float32Array(n * d);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < d; f++) x[i * d + f] = rng.next();
      // Columns 0–2 are response time, error rate and battery, scaled so each condition holds 20 % of the time.
      const responseTime = rng.uniform(0, 2500);
      const errorRate = rng.uniform(0, 0.125);
      const battery = rng.uniform(0, 100);
      x[i * d] = responseTime;
      x[i * d + 1] = errorRate;
      x[i * d + 2] = battery;
      y[i] = legacyLabel(x[i * d] ?? 0, x[i * d + 1] ?? 0, x[i * d + 2] ?? 0);
    }
    const data = { x, y, n, d };
    const train = rows(data, 0, 3500);
    const val = rows(data, 3500, 4500);
    const test = rows(data, 4500, n);
    const { model } = await fitGbdt(fitInput(train, val, { maxBins: 255 }));
    const score = f1(test.y, predictGbdt(model, test.x, test.n, d));
    expect(score).toBeGreaterThanOrEqual(0.99);
    // The three rule columns carry essentially all of the gain.
    const [rt = 0, er = 0, bat = 0, ...rest] = model.featureImportance;
    const total = model.featureImportance.reduce((a, b) => a + b, 0);
    expect((rt + er + bat) / total).toBeGreaterThan(0.95);
    expect(rest).toHaveLength(8);
  });
});

describe('fitGbdt: early stopping and routing', () => {
  it('keeps exactly the trees up to the best validation round', async () => {
    // Labels barely related to the features: validation loss bottoms out early, then rises.
    const data = noisyData(3000, 6, 21, 0.3);
    const train = rows(data, 0, 2000);
    const val = rows(data, 2000, 3000);
    const { model, history, bestRound, cancelled } = await fitGbdt(
      fitInput(train, val, { learningRate: 0.3, earlyStoppingRounds: 5, minSamplesLeaf: 5 }),
    );
    expect(cancelled).toBe(false);
    expect(bestRound).toBeGreaterThanOrEqual(0);
    expect(history.length).toBe(bestRound + 1 + 5);
    expect(model.trees).toHaveLength(bestRound + 1);
    const losses = history.map((r) => r.valLoss);
    expect(Math.min(...losses)).toBe(history[bestRound]?.valLoss);
    expect(history.at(-1)?.bestRound).toBe(bestRound);
    // Predicting the validation rows from raw floats gives the loss the trainer saw on binned rows.
    const raw = predictGbdtRaw(model, val.x, val.n, val.d);
    expect(meanLogLoss(val.y, raw)).toBeCloseTo(history[bestRound]?.valLoss ?? Number.NaN, 12);
  });

  it('continues from initial trees: keeps them first, adds rounds only when validation improves', async () => {
    const data = noisyData(4000, 6, 5, 1);
    const first = await fitGbdt(
      fitInput(rows(data, 0, 1500), rows(data, 1500, 2000), { maxRounds: 20, earlyStoppingRounds: 5 }),
    );
    // Continuing on more rows of the same task: the new trees come after the initial ones, same base score.
    const more = await fitGbdt({
      ...fitInput(rows(data, 2000, 3500), rows(data, 3500, 4000), { maxRounds: 30, earlyStoppingRounds: 5 }),
      init: first.model,
    });
    expect(more.model.baseScore).toBe(first.model.baseScore);
    expect(more.model.trees.slice(0, first.model.trees.length)).toEqual(first.model.trees);
    expect(more.model.trees).toHaveLength(first.model.trees.length + more.bestRound + 1);
    const val = rows(data, 3500, 4000);
    const before = meanLogLoss(val.y, predictGbdtRaw(first.model, val.x, val.n, val.d));
    const after = meanLogLoss(val.y, predictGbdtRaw(more.model, val.x, val.n, val.d));
    expect(after).toBeLessThanOrEqual(before);
    // Continuing an early-stopped fit on its own data regrows the rounds that lost: the initial trees stay alone.
    const weak = noisyData(3000, 6, 21, 0.3);
    const settings = { learningRate: 0.3, earlyStoppingRounds: 5, minSamplesLeaf: 5 };
    const stopped = await fitGbdt(fitInput(rows(weak, 0, 2000), rows(weak, 2000, 3000), settings));
    const again = await fitGbdt({
      ...fitInput(rows(weak, 0, 2000), rows(weak, 2000, 3000), settings),
      init: stopped.model,
    });
    expect(again.keptInitial).toBe(true);
    expect(again.bestRound).toBe(-1);
    expect(again.history).toHaveLength(5);
    expect(again.model.trees).toEqual(stopped.model.trees);
    const noise = noisyData(1000, 6, 9, 0);
    await expect(
      fitGbdt({ ...fitInput(rows(noise, 0, 700), undefined, {}), d: 6, init: { ...first.model, featureCount: 5 } }),
    ).rejects.toThrow(/initial trees expect 5 features/);
  });

  it('routes training rows on raw floats exactly as on bins (NaN, ties, subsampling)', async () => {
    const train = noisyData(1500, 5, 3);
    for (const subsample of [1, 0.6]) {
      const { model, history } = await fitGbdt(
        fitInput(train, undefined, { maxRounds: 15, subsample, colsample: 0.8, minSamplesLeaf: 3 }),
      );
      const raw = predictGbdtRaw(model, train.x, train.n, train.d);
      expect(meanLogLoss(train.y, raw)).toBeCloseTo(history.at(-1)?.trainLoss ?? Number.NaN, 12);
    }
  });
});

describe('fitGbdt: determinism and serialisation', () => {
  const data = noisyData(2500, 8, 9);
  const train = rows(data, 0, 2000);
  const val = rows(data, 2000, 2500);
  const sampled: Partial<GbdtConfig> = { maxRounds: 30, subsample: 0.7, colsample: 0.6, minSamplesLeaf: 5 };

  it('gives identical JSON for the same seed and a different model for another seed', async () => {
    const a = await fitGbdt(fitInput(train, val, sampled));
    const b = await fitGbdt(fitInput(train, val, sampled));
    const c = await fitGbdt(fitInput(train, val, { ...sampled, seed: 7 }));
    expect(JSON.stringify(b.model)).toBe(JSON.stringify(a.model));
    expect(b.history).toEqual(a.history);
    expect(JSON.stringify(c.model)).not.toBe(JSON.stringify(a.model));
  });

  it('predicts identically after a JSON round trip through parseGbdtModel', async () => {
    const { model } = await fitGbdt(fitInput(train, val, sampled));
    const parsed = parseGbdtModel(JSON.parse(JSON.stringify(model)));
    expect(parsed).toEqual(model);
    expect(predictGbdt(parsed, val.x, val.n, val.d)).toEqual(predictGbdt(model, val.x, val.n, val.d));
  });
});

describe('parseGbdtModel', () => {
  function valid(): GbdtModel {
    return {
      format: 'homesynth-gbdt',
      version: 1,
      featureCount: 2,
      baseScore: -0.5,
      featureImportance: [1.5, 0],
      trees: [
        {
          feature: [0, -1, -1],
          threshold: [0.5, 0, 0],
          left: [1, -1, -1],
          right: [2, -1, -1],
          missingLeft: [true, false, false],
          value: [0, -0.1, 0.2],
        },
      ],
    };
  }
  function rejects(mutate: (m: GbdtModel) => void, message: RegExp): void {
    const m = valid();
    mutate(m);
    expect(() => parseGbdtModel(m)).toThrow(message);
  }
  function firstTree(m: GbdtModel): GbdtModel['trees'][number] {
    const t = m.trees[0];
    if (t === undefined) throw new Error('fixture has no tree');
    return t;
  }

  it('accepts a valid model', () => {
    expect(parseGbdtModel(valid())).toEqual(valid());
  });

  it('rejects an out-of-range child index', () => {
    rejects((m) => (firstTree(m).right[0] = 7), /trees\.0\.right\.0: child index 7 of node 0 must be in \(0, 3\)/);
  });

  it('rejects a cycle (a child index not above its parent)', () => {
    rejects((m) => {
      const t = firstTree(m);
      t.feature[1] = 1;
      t.left[1] = 0;
      t.right[1] = 2;
    }, /child index 0 of node 1 must be in \(1, 3\).*no cycles/);
  });

  it('rejects a node with two parents', () => {
    rejects((m) => (firstTree(m).right[0] = 1), /node 1 has more than one parent/);
  });

  it('rejects arrays of different lengths', () => {
    rejects((m) => firstTree(m).threshold.pop(), /trees\.0\.threshold: has 2 entries but feature has 3/);
  });

  it('rejects a non-finite threshold', () => {
    rejects((m) => (firstTree(m).threshold[0] = Number.POSITIVE_INFINITY), /trees\.0\.threshold\.0/);
    rejects((m) => (firstTree(m).threshold[0] = Number.NaN), /trees\.0\.threshold\.0/);
  });

  it('rejects a feature index beyond featureCount and a wrong importance length', () => {
    rejects((m) => (firstTree(m).feature[0] = 2), /trees\.0\.feature\.0: feature 2 is out of range \[0, 2\)/);
    rejects((m) => m.featureImportance.push(0), /featureImportance: has 3 entries for 2 features/);
  });

  it('rejects too many trees', () => {
    rejects((m) => {
      const leaf = { feature: [-1], threshold: [0], left: [-1], right: [-1], missingLeft: [false], value: [0] };
      m.trees = Array.from({ length: 5001 }, () => leaf);
    }, /trees: at most 5000 trees/);
  });

  it('rejects something that is not a model', () => {
    expect(() => parseGbdtModel({ format: 'xgboost' })).toThrow(/^Invalid GBDT model: format: /);
    expect(() => parseGbdtModel(null)).toThrow(/Invalid GBDT model/);
  });
});

describe('fitGbdt: class weights, config and cancellation', () => {
  it('balanced class weights move the base score to 0 and raise the predicted probabilities', async () => {
    const rng = createRng(4);
    const n = 2000;
    const x = new Float32Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = rng.next();
      y[i] = rng.next() < 0.05 + 0.1 * (x[i] ?? 0) ? 1 : 0;
    }
    let positives = 0;
    for (const v of y) positives += v;
    const base = { maxRounds: 20, earlyStoppingRounds: 0 };
    const plain = await fitGbdt({ x, n, d: 1, y, val: NO_VAL, config: config(base) });
    const weighted = await fitGbdt({ x, n, d: 1, y, val: NO_VAL, config: config({ ...base, classWeights: true }) });
    expect(plain.model.baseScore).toBeCloseTo(Math.log(positives / (n - positives)), 12);
    expect(weighted.model.baseScore).toBeCloseTo(0, 12);
    const mean = (p: Float32Array): number => p.reduce((a, b) => a + b, 0) / p.length;
    const pPlain = mean(predictGbdt(plain.model, x, n, 1));
    const pWeighted = mean(predictGbdt(weighted.model, x, n, 1));
    expect(pPlain).toBeCloseTo(positives / n, 1);
    expect(pWeighted).toBeGreaterThan(0.4);
  });

  it('stops when shouldStop says so, yields every round without a clock, and keeps the best trees', async () => {
    const data = noisyData(1000, 4, 2);
    let polls = 0;
    let yields = 0;
    const result = await fitGbdt({
      ...fitInput(data, rows(noisyData(300, 4, 3), 0, 300), { maxRounds: 50 }),
      shouldStop: () => polls++ >= 3,
      yieldNow: async () => {
        yields++;
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.history).toHaveLength(3);
    expect(yields).toBe(3);
    expect(result.model.trees).toHaveLength(result.bestRound + 1);
    expect(result.history.every((r) => r.elapsedMs === 0)).toBe(true);
  });

  it('yields only when 40 ms have passed on the injected clock', async () => {
    const data = noisyData(500, 3, 8);
    let now = 0;
    let yields = 0;
    const result = await fitGbdt({
      ...fitInput(data, undefined, { maxRounds: 20 }),
      clock: () => (now += 10),
      yieldNow: async () => {
        yields++;
      },
    });
    expect(result.history).toHaveLength(20);
    expect(yields).toBeGreaterThan(2);
    expect(yields).toBeLessThan(10);
    expect(result.history[0]?.elapsedMs).toBe(10);
  });

  it('rejects an invalid config or mis-shaped input with a readable message', async () => {
    const data = noisyData(50, 2, 1);
    await expect(fitGbdt(fitInput(data, undefined, { maxBins: 300 }))).rejects.toThrow(/Invalid GBDT config: maxBins/);
    await expect(fitGbdt({ ...fitInput(data, undefined, {}), n: 49 })).rejects.toThrow(/x has 100 values/);
    await expect(fitGbdt({ ...fitInput(data, undefined, {}), y: new Uint8Array(50).fill(2) })).rejects.toThrow(
      /labels must be 0 or 1/,
    );
    expect(gbdtConfigSchema.safeParse(defaultGbdtConfig()).success).toBe(true);
  });
});

describe('quantileEdges', () => {
  it('gives a heavy value its own bin and keeps edges strictly increasing', () => {
    const values: number[] = [];
    for (let i = 0; i < 1000; i++) values.push(i);
    for (let i = 0; i < 2000; i++) values.push(100);
    const sorted = Float32Array.from(values).sort();
    const edges = quantileEdges(sorted, 10);
    expect(edges.length).toBeLessThanOrEqual(9);
    for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1] ?? 0);
    expect(edges).toContain(99.5);
    expect(edges).toContain(100.5);
  });

  it('uses every distinct value when there are few, with midpoint edges', () => {
    expect(Array.from(quantileEdges(Float32Array.from([1, 1, 2, 4, 4, 4]), 64))).toEqual([1.5, 3]);
    expect(quantileEdges(new Float32Array(0), 64)).toHaveLength(0);
  });
});

describe('TreeGrower', () => {
  it('grows the same tree when histograms must be rebuilt instead of subtracted (tiny memory budget)', () => {
    const { x, y, n, d } = noisyData(3000, 10, 17);
    const binned = binMatrix(x, n, d, 64, createRng(1));
    const g = new Float64Array(n);
    const h = new Float64Array(n);
    const packing = hessianPacking(n, 0.25 * n);
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      g[i] = 0.4 - (y[i] ?? 0);
      h[i] = 0.24;
      packed[i] = packHessian(packing, 0.24);
    }
    const features = Int32Array.from({ length: d }, (_, f) => f);
    const grow = (histogramBudgetBytes: number | undefined): { tree: unknown; gains: Float64Array } => {
      const params = { maxLeaves: 31, maxDepth: 0, minChildWeight: 1, minSamplesLeaf: 5, l2: 1, learningRate: 0.1 };
      const grower = new TreeGrower(
        binned,
        histogramBudgetBytes === undefined ? params : { ...params, histogramBudgetBytes },
      );
      for (let i = 0; i < n; i++) grower.rows[i] = i;
      const gains = new Float64Array(d);
      return { tree: grower.grow({ g, h, packed, packing }, n, features, gains), gains };
    };
    const roomy = grow(undefined);
    const tight = grow(1);
    expect(tight.tree).toEqual(roomy.tree);
    // Subtracted and directly summed gradients differ in the last bits only.
    tight.gains.forEach((gain, f) => expect(gain).toBeCloseTo(roomy.gains[f] ?? Number.NaN, 9));
  });
});
