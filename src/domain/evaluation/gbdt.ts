import { z } from 'zod';
import { deriveSeed, Rng } from '../random';
import { LOG_LOSS_EPSILON } from './binary-metrics';
import { createEarlyStopping } from './early-stopping';
import type { EarlyStopping } from './early-stopping';
import { binMatrix, binRowsLike } from './gbdt-binning';
import { hessianPacking, packHessian } from './gbdt-histogram';
import { predictGbdtRaw, type GbdtModel, type GbdtTree } from './gbdt-model';
import type { RowGradients } from './gbdt-tree';
import { TreeGrower } from './gbdt-tree';

export type { GbdtModel, GbdtTree } from './gbdt-model';
export { GBDT_LIMITS, gbdtModelSchema, parseGbdtModel, predictGbdt, predictGbdtRaw } from './gbdt-model';

export interface GbdtConfig {
  /** Boosting rounds (trees) at most. */
  maxRounds: number;
  /** Shrinkage applied to every leaf value. */
  learningRate: number;
  /** Depth limit; 0 = unlimited (maxLeaves still bounds the tree). */
  maxDepth: number;
  /** Leaf-wise (best-first) growth up to this many leaves. */
  maxLeaves: number;
  /** Minimum sum of hessian in a child. */
  minChildWeight: number;
  minSamplesLeaf: number;
  /** λ on leaf values. */
  l2: number;
  /** Value bins per feature (≤ 255; one more bin holds NaN). */
  maxBins: number;
  /** Row fraction per round (1 = all rows), seeded. */
  subsample: number;
  /** Feature fraction per tree (1 = all features), seeded. */
  colsample: number;
  /**
   * Stop when the unweighted validation log loss has not improved for this many rounds and keep only the
   * best round's trees; 0 (or no validation rows) trains every round and keeps every tree.
   */
  earlyStoppingRounds: number;
  /** 'balanced' class weights n/(2·count) in gradients and hessians. */
  classWeights: boolean;
  seed: number;
}

export function defaultGbdtConfig(): GbdtConfig {
  return {
    maxRounds: 300,
    learningRate: 0.1,
    maxDepth: 6,
    maxLeaves: 31,
    minChildWeight: 1,
    minSamplesLeaf: 20,
    l2: 1,
    maxBins: 64,
    subsample: 1,
    colsample: 1,
    earlyStoppingRounds: 30,
    classWeights: false,
    seed: 42,
  };
}

const fraction = z.number().gt(0).max(1);

export const gbdtConfigSchema = z.object({
  maxRounds: z.number().int().min(1).max(5000),
  learningRate: z.number().gt(0).max(1),
  maxDepth: z.number().int().min(0).max(64),
  maxLeaves: z.number().int().min(2).max(4096),
  minChildWeight: z.number().min(0),
  minSamplesLeaf: z.number().int().min(1),
  l2: z.number().min(0),
  maxBins: z.number().int().min(2).max(255),
  subsample: fraction,
  colsample: fraction,
  earlyStoppingRounds: z.number().int().min(0),
  classWeights: z.boolean(),
  seed: z.number().int().min(0).max(0xffffffff),
}) satisfies z.ZodType<GbdtConfig>;

export interface GbdtRound {
  /** 0-based. */
  round: number;
  /** Unweighted mean log loss on the training rows (all of them, also when subsampling). */
  trainLoss: number;
  /** Unweighted mean log loss on the validation rows; NaN without validation rows. */
  valLoss: number;
  bestRound: number;
  elapsedMs: number;
}

export interface GbdtFitInput {
  /** Raw (unstandardised) row-major features; may contain NaN. */
  x: Float32Array;
  n: number;
  d: number;
  /** 0/1 labels. */
  y: ArrayLike<number>;
  /** Validation rows (same d) for early stopping. */
  val: { x: Float32Array; n: number; y: ArrayLike<number> };
  /**
   * Trees to continue from (boosting goes on from their scores, e.g. a home type's trees from the global
   * ones). They are scored on validation before the first new round and kept alone if no round beats them.
   */
  init?: GbdtModel;
  config: GbdtConfig;
  onRound?: (r: GbdtRound) => void;
  /** Polled between rounds; when true, stop and keep the best trees so far. */
  shouldStop?: () => boolean;
  /** Awaited between rounds once ~40 ms have passed since the last yield (every round without a clock). */
  yieldNow?: () => Promise<void>;
  /** Millisecond clock; the domain cannot read one itself. Without it elapsedMs is 0. */
  clock?: () => number;
}

export interface GbdtFitResult {
  model: GbdtModel;
  history: GbdtRound[];
  bestRound: number;
  cancelled: boolean;
  /** True when `init` was given and no new round beat it on validation: the model is `init` unchanged. */
  keptInitial: boolean;
}

/** Long enough to keep yield overhead negligible, short enough that a stop click feels immediate. */
const YIELD_INTERVAL_MS = 40;
/** Keeps the base score finite when one class is absent. */
const BASE_RATE_CLAMP = 1e-6;
/**
 * Beyond 2^22 rows the packed count leaves the hessian fewer than ~10 bits (see gbdt-histogram.ts); a
 * browser could not hold such a matrix anyway.
 */
export const GBDT_MAX_ROWS = 2 ** 22;

function checkLabels(y: ArrayLike<number>, n: number, name: string): void {
  if (y.length !== n) throw new RangeError(`${name} has ${y.length} labels for ${n} rows`);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) throw new RangeError(`${name}[${i}] = ${String(v)}: labels must be 0 or 1`);
  }
}

function parseConfig(config: GbdtConfig): GbdtConfig {
  const r = gbdtConfigSchema.safeParse(config);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.map(String).join('.') || '(config)'}: ${i.message}`);
  throw new RangeError(`Invalid GBDT config: ${problems.join('; ')}`);
}

function logLossTerm(y: number, p: number): number {
  const q = y === 1 ? p : 1 - p;
  return -Math.log(q < LOG_LOSS_EPSILON ? LOG_LOSS_EPSILON : q > 1 - LOG_LOSS_EPSILON ? 1 - LOG_LOSS_EPSILON : q);
}

function meanLogLoss(y: Uint8Array, score: Float64Array): number {
  if (score.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < score.length; i++) sum += logLossTerm(y[i] ?? 0, 1 / (1 + Math.exp(-(score[i] ?? 0))));
  return sum / score.length;
}

/** Sorted seeded subset of ⌈colsample·d⌉ features (all of them when colsample = 1). */
function pickFeatures(d: number, colsample: number, rng: Rng): Int32Array {
  const all = new Int32Array(d);
  for (let f = 0; f < d; f++) all[f] = f;
  if (colsample >= 1) return all;
  const k = Math.max(1, Math.round(colsample * d));
  return rng.shuffle(all).slice(0, k).sort();
}

/**
 * Gradient-boosted trees for binary log loss: histogram splits, leaf-wise growth, learnt NaN directions and
 * early stopping on unweighted validation log loss. Deterministic for a seed.
 */
export async function fitGbdt(input: GbdtFitInput): Promise<GbdtFitResult> {
  const { x, n, d, val, onRound, shouldStop, yieldNow, clock, init } = input;
  const config = parseConfig(input.config);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d must be a positive integer, got ${d}`);
  if (!Number.isInteger(n) || n < 1 || x.length !== n * d) {
    throw new RangeError(`x has ${x.length} values, expected n × d = ${n} × ${d} with n ≥ 1`);
  }
  if (init !== undefined && init.featureCount !== d)
    throw new RangeError(`the initial trees expect ${init.featureCount} features, got d = ${d}`);
  if (n > GBDT_MAX_ROWS) throw new RangeError(`at most ${GBDT_MAX_ROWS} training rows are supported, got ${n}`);
  if (!Number.isInteger(val.n) || val.n < 0 || val.x.length !== val.n * d) {
    throw new RangeError(`val.x has ${val.x.length} values, expected val.n × d = ${val.n} × ${d}`);
  }
  checkLabels(input.y, n, 'y');
  checkLabels(val.y, val.n, 'val.y');
  // Typed copies: the per-round loops then read one monomorphic array type whatever the caller passed.
  const y = Uint8Array.from(input.y);
  const valY = Uint8Array.from(val.y);

  const binned = binMatrix(x, n, d, config.maxBins, new Rng(deriveSeed(config.seed, 'gbdt', 'bins')));
  const rowRng = new Rng(deriveSeed(config.seed, 'gbdt', 'rows'));
  const colRng = new Rng(deriveSeed(config.seed, 'gbdt', 'features'));

  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i] ?? 0;
  const w1 = config.classWeights && positives > 0 ? n / (2 * positives) : 1;
  const w0 = config.classWeights && positives < n ? n / (2 * (n - positives)) : 1;
  const rate = Math.min(
    Math.max((w1 * positives) / (w1 * positives + w0 * (n - positives)), BASE_RATE_CLAMP),
    1 - BASE_RATE_CLAMP,
  );
  const baseScore = init?.baseScore ?? Math.log(rate / (1 - rate));

  const score = init ? predictGbdtRaw(init, x, n, d) : new Float64Array(n).fill(baseScore);
  const valScore = init ? predictGbdtRaw(init, val.x, val.n, d) : new Float64Array(val.n).fill(baseScore);
  // p(1 − p) <= 1/4 bounds the hessian sum for the whole fit, which fixes the packing.
  const packing = hessianPacking(n, 0.25 * (w1 * positives + w0 * (n - positives)));
  const grad: RowGradients = { g: new Float64Array(n), h: new Float64Array(n), packed: new Float64Array(n), packing };
  /** Gradients for the next tree and the unweighted loss of the current scores, in one pass over the rows. */
  const gradients = (): number => {
    const { g, h, packed } = grad;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(score[i] ?? 0)));
      const yi = y[i] ?? 0;
      const w = yi === 1 ? w1 : w0;
      g[i] = w * (p - yi);
      // A floor keeps H + λ positive on saturated leaves when λ = 0.
      const hi = w * Math.max(p * (1 - p), 1e-16);
      h[i] = hi;
      packed[i] = packHessian(packing, hi);
      loss += logLossTerm(yi, p);
    }
    return loss / n;
  };
  gradients();

  const grower = new TreeGrower(binned, config);
  const inBag = new Uint8Array(n);
  const uniforms = new Float64Array(config.subsample < 1 ? n : 0);
  const useVal = val.n > 0;
  // Binned with the training edges, validation rows route exactly as raw values would through the thresholds.
  const valBins = binRowsLike(binned, val.x, val.n);
  const stopper: EarlyStopping | undefined =
    useVal && config.earlyStoppingRounds > 0
      ? createEarlyStopping({ patience: config.earlyStoppingRounds })
      : undefined;
  const trees: GbdtTree[] = [];
  const treeGains: Float64Array[] = [];
  const history: GbdtRound[] = [];
  const t0 = clock?.() ?? 0;
  let lastYield = t0;
  let bestRound = -1;
  let cancelled = false;
  // Continuing from trees: they compete as round −1, so the new rounds must beat them to be kept.
  let keptInitial = false;
  if (init && stopper) keptInitial = stopper.update(-1, meanLogLoss(valY, valScore)).improved;

  for (let round = 0; round < config.maxRounds; round++) {
    if (shouldStop?.() === true) {
      cancelled = true;
      break;
    }
    let count = n;
    if (config.subsample < 1) {
      rowRng.fill(uniforms);
      count = 0;
      for (let i = 0; i < n; i++) {
        const take = (uniforms[i] ?? 1) < config.subsample;
        inBag[i] = take ? 1 : 0;
        if (take) grower.rows[count++] = i;
      }
      // A tiny n can draw no row at all; the tree then uses every row rather than none.
      if (count === 0) {
        inBag.fill(1);
        count = n;
      }
    }
    if (count === n) for (let i = 0; i < n; i++) grower.rows[i] = i;
    const features = pickFeatures(d, config.colsample, colRng);
    const gains = new Float64Array(d);
    const tree = grower.grow(grad, count, features, gains);
    trees.push(tree);
    treeGains.push(gains);
    grower.addLeafValues(tree, score);
    if (count < n) grower.addOutOfBagValues(tree, inBag, score);

    const trainLoss = gradients();
    let valLoss = Number.NaN;
    if (useVal) {
      grower.addBinnedRowValues(tree, valBins, val.n, valScore);
      valLoss = meanLogLoss(valY, valScore);
    }
    let stop = false;
    if (stopper === undefined) bestRound = round;
    else {
      const step = stopper.update(round, valLoss);
      bestRound = step.bestEpoch;
      stop = step.stop;
    }
    const now = clock?.() ?? 0;
    const r: GbdtRound = { round, trainLoss, valLoss, bestRound, elapsedMs: now - t0 };
    history.push(r);
    onRound?.(r);
    if (stop) break;
    if (yieldNow !== undefined && (clock === undefined || now - lastYield >= YIELD_INTERVAL_MS)) {
      await yieldNow();
      lastYield = clock?.() ?? 0;
    }
  }

  keptInitial = keptInitial && bestRound < 0;
  const kept = [...(init?.trees ?? []), ...trees.slice(0, bestRound + 1)];
  const featureImportance: number[] = Array.from({ length: d }, (_, f) => init?.featureImportance[f] ?? 0);
  for (let t = 0; t < kept.length; t++) {
    const gains = treeGains[t];
    if (gains === undefined) continue;
    for (let f = 0; f < d; f++) featureImportance[f] = (featureImportance[f] ?? 0) + (gains[f] ?? 0);
  }
  const model: GbdtModel = {
    format: 'homesynth-gbdt',
    version: 1,
    featureCount: d,
    baseScore,
    trees: kept,
    featureImportance,
  };
  return { model, history, bestRound, cancelled, keptInitial };
}
