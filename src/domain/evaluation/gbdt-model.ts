import { z } from 'zod';

/**
 * A tree as flat arrays (JSON-friendly). Node i: if feature[i] < 0 it is a leaf with value[i] (log-odds
 * increment, shrinkage already applied); else go left when x[feature] <= threshold[i], right otherwise; NaN
 * goes left when missingLeft[i] is true, else right. Children always have larger indices than their parent.
 */
export interface GbdtTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  missingLeft: boolean[];
  value: number[];
}

export interface GbdtModel {
  format: 'homesynth-gbdt';
  version: 1;
  featureCount: number;
  /** Initial log-odds. */
  baseScore: number;
  trees: GbdtTree[];
  /** Total split gain per feature (length featureCount), over the kept trees only. */
  featureImportance: number[];
}

/** Caps for untrusted files: far above anything the trainer produces, low enough to bound memory and time. */
export const GBDT_LIMITS = { maxTrees: 5000, maxNodesPerTree: 100_000, maxFeatures: 100_000 } as const;

/** Per-tree issue cap, so one corrupt 100,000-node tree does not produce 100,000 messages. */
const MAX_ISSUES_PER_TREE = 5;

const nodeArray = <T extends z.ZodType>(item: T) => z.array(item).max(GBDT_LIMITS.maxNodesPerTree);

const treeSchema = z
  .object({
    feature: nodeArray(z.number().int().min(-1)).min(1, 'a tree needs at least one node'),
    threshold: nodeArray(z.number()),
    left: nodeArray(z.number().int()),
    right: nodeArray(z.number().int()),
    missingLeft: nodeArray(z.boolean()),
    value: nodeArray(z.number()),
  })
  .superRefine((t, ctx) => {
    const m = t.feature.length;
    let bad = false;
    for (const key of ['threshold', 'left', 'right', 'missingLeft', 'value'] as const) {
      if (t[key].length !== m) {
        ctx.addIssue({ code: 'custom', path: [key], message: `has ${t[key].length} entries but feature has ${m}` });
        bad = true;
      }
    }
    if (bad) return;
    // Children above their parent make every path strictly increasing (no cycles, prediction terminates);
    // one parent per node makes it a tree, so every node is reachable exactly once.
    const hasParent = new Uint8Array(m);
    let issues = 0;
    const report = (path: (string | number)[], message: string): void => {
      if (issues++ < MAX_ISSUES_PER_TREE) ctx.addIssue({ code: 'custom', path, message });
    };
    for (let i = 0; i < m; i++) {
      const left = t.left[i] ?? -1;
      const right = t.right[i] ?? -1;
      if ((t.feature[i] ?? -1) < 0) {
        if (left !== -1 || right !== -1) report(['left', i], `leaf ${i} must have left = right = -1`);
        continue;
      }
      for (const [side, child] of [
        ['left', left],
        ['right', right],
      ] as const) {
        if (child <= i || child >= m) {
          report(
            [side, i],
            `child index ${child} of node ${i} must be in (${i}, ${m}): children follow their parent, so there are no cycles`,
          );
        } else if (hasParent[child] === 1) {
          report([side, i], `node ${child} has more than one parent`);
        } else {
          hasParent[child] = 1;
        }
      }
    }
    for (let i = 1; i < m && issues === 0; i++) {
      if (hasParent[i] === 0) report(['feature', i], `node ${i} is unreachable (no parent)`);
    }
  });

/** Validates a model read from an untrusted file (see {@link parseGbdtModel}). */
export const gbdtModelSchema = z
  .object({
    format: z.literal('homesynth-gbdt'),
    version: z.literal(1),
    featureCount: z.number().int().min(1).max(GBDT_LIMITS.maxFeatures),
    baseScore: z.number(),
    trees: z.array(treeSchema).max(GBDT_LIMITS.maxTrees, `at most ${GBDT_LIMITS.maxTrees} trees are allowed`),
    featureImportance: z.array(z.number().min(0)),
  })
  .superRefine((model, ctx) => {
    if (model.featureImportance.length !== model.featureCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['featureImportance'],
        message: `has ${model.featureImportance.length} entries for ${model.featureCount} features`,
      });
    }
    let issues = 0;
    model.trees.forEach((tree, ti) => {
      tree.feature.forEach((f, i) => {
        if (f >= model.featureCount && issues++ < MAX_ISSUES_PER_TREE) {
          ctx.addIssue({
            code: 'custom',
            path: ['trees', ti, 'feature', i],
            message: `feature ${f} is out of range [0, ${model.featureCount})`,
          });
        }
      });
    });
  }) satisfies z.ZodType<GbdtModel>;

/** Issues listed in an error message; the rest are counted. */
const MAX_LISTED_ISSUES = 8;

/** Validates an untrusted value as a model; throws an Error listing the problems by path. */
export function parseGbdtModel(value: unknown): GbdtModel {
  const r = gbdtModelSchema.safeParse(value);
  if (r.success) return r.data;
  const lines = r.error.issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((issue) => `${issue.path.length === 0 ? '(model)' : issue.path.map(String).join('.')}: ${issue.message}`);
  const more = r.error.issues.length - lines.length;
  if (more > 0) lines.push(`(and ${more} more)`);
  return failWith(`Invalid GBDT model: ${lines.join('; ')}`);
}

function failWith(message: string): never {
  throw new Error(message);
}

/**
 * All trees in one set of typed arrays (child indices global, `roots[t]` the root of tree t): prediction then
 * reads unboxed values, never sees a hole, and walks every tree for one row while that row is in cache.
 */
interface PackedForest {
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  missingLeft: Uint8Array;
  value: Float64Array;
}

function packForest(trees: readonly GbdtTree[]): PackedForest {
  const total = trees.reduce((s, t) => s + t.feature.length, 0);
  const forest: PackedForest = {
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    missingLeft: new Uint8Array(total),
    value: new Float64Array(total),
  };
  let base = 0;
  trees.forEach((t, k) => {
    forest.roots[k] = base;
    for (let j = 0; j < t.feature.length; j++) {
      const at = base + j;
      forest.feature[at] = t.feature[j] ?? -1;
      forest.threshold[at] = t.threshold[j] ?? 0;
      forest.left[at] = base + (t.left[j] ?? 0);
      forest.right[at] = base + (t.right[j] ?? 0);
      forest.missingLeft[at] = t.missingLeft[j] ? 1 : 0;
      forest.value[at] = t.value[j] ?? 0;
    }
    base += t.feature.length;
  });
  return forest;
}

function checkMatrix(model: GbdtModel, x: Float32Array, n: number, d: number): void {
  if (d !== model.featureCount) throw new RangeError(`the model expects ${model.featureCount} features, got d = ${d}`);
  if (!Number.isInteger(n) || n < 0 || x.length !== n * d) {
    throw new RangeError(`x has ${x.length} values, expected n × d = ${n} × ${d}`);
  }
}

/** Raw log-odds for n rows of raw (unstandardised) row-major features. */
export function predictGbdtRaw(model: GbdtModel, x: Float32Array, n: number, d: number): Float64Array {
  checkMatrix(model, x, n, d);
  const { roots, feature, threshold, left, right, missingLeft, value } = packForest(model.trees);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const rowBase = i * d;
    let sum = model.baseScore;
    for (let k = 0; k < roots.length; k++) {
      let node = roots[k] ?? 0;
      let f = feature[node] ?? -1;
      while (f >= 0) {
        const v = x[rowBase + f] ?? Number.NaN;
        // `v <= threshold` is false for NaN, so NaN needs its own branch.
        const goLeft = v === v ? v <= (threshold[node] ?? 0) : missingLeft[node] === 1;
        node = (goLeft ? left[node] : right[node]) ?? 0;
        f = feature[node] ?? -1;
      }
      sum += value[node] ?? 0;
    }
    out[i] = sum;
  }
  return out;
}

/** Probabilities of class 1 (sigmoid of the raw score). */
export function predictGbdt(model: GbdtModel, x: Float32Array, n: number, d: number): Float32Array {
  const raw = predictGbdtRaw(model, x, n, d);
  const p = new Float32Array(n);
  for (let i = 0; i < n; i++) p[i] = 1 / (1 + Math.exp(-(raw[i] ?? 0)));
  return p;
}
