import { assertClassLabels } from './class-labels';
import { matrixRows } from './model-weights';

/**
 * A plain CART classification tree (Gini impurity, axis-aligned cuts at midpoints between neighbouring
 * training values), deterministic: no sampling, ties go to the earlier column, then the lower cut, then
 * the lower class index. Used as the "template grammar" baseline of the home-type classifier: a depth-4
 * tree on the structural columns can read off any rule a home maker writes into its layouts (no separate
 * bedroom → studio, above the ground floor → flat), so where it scores well, structure alone gives the
 * type away. Flat arrays keep it plain data.
 */
export interface DecisionTree {
  /** Split column per node; −1 for a leaf. */
  feature: number[];
  /** Rows with x ≤ threshold go left. */
  threshold: number[];
  left: number[];
  right: number[];
  /** Majority training class per node (the prediction at a leaf). */
  value: number[];
}

export interface DecisionTreeOptions {
  maxDepth: number;
  /** Fewest training rows a child may hold; default 1. */
  minSamplesLeaf?: number;
  /** Columns the tree may split on; default all. */
  columns?: readonly number[];
  /** Training rows; default all. */
  rows?: ArrayLike<number>;
}

/** Sorting key: NaN sorts last and goes right, as `NaN ≤ t` is false at prediction. */
const key = (v: number): number => (Number.isNaN(v) ? Number.POSITIVE_INFINITY : v);

function majority(counts: Float64Array): number {
  let best = 0;
  for (let c = 1; c < counts.length; c++) if ((counts[c] ?? 0) > (counts[best] ?? 0)) best = c;
  return best;
}

/** n·Gini of a node from its class counts: n − Σ c² / n. */
function weightedGini(counts: Float64Array, n: number): number {
  if (n === 0) return 0;
  let s = 0;
  for (const c of counts) s += c * c;
  return n - s / n;
}

/** Fits a depth-limited CART tree on a row-major n × d matrix with class labels in [0, k). */
export function fitDecisionTree(
  X: ArrayLike<number>,
  d: number,
  y: ArrayLike<number>,
  k: number,
  options: DecisionTreeOptions,
): DecisionTree {
  const n = matrixRows(X, d);
  if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} labels`);
  assertClassLabels(y, k, 'y');
  const { maxDepth } = options;
  const minLeaf = options.minSamplesLeaf ?? 1;
  if (!Number.isInteger(maxDepth) || maxDepth < 0) throw new RangeError('maxDepth must be a non-negative integer');
  if (!Number.isInteger(minLeaf) || minLeaf < 1) throw new RangeError('minSamplesLeaf must be a positive integer');
  const columns = options.columns ?? Array.from({ length: d }, (_, j) => j);
  for (const j of columns)
    if (!Number.isInteger(j) || j < 0 || j >= d) throw new RangeError(`column ${j} is outside 0 … ${d - 1}`);
  const rootRows = Array.from(options.rows ?? Array.from({ length: n }, (_, i) => i));
  if (rootRows.length === 0) throw new RangeError('no training rows');

  const tree: DecisionTree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const grow = (rows: number[], depth: number): number => {
    const node = tree.feature.length;
    const counts = new Float64Array(k);
    for (const r of rows) counts[y[r] ?? 0] = (counts[y[r] ?? 0] ?? 0) + 1;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(majority(counts));
    const parent = weightedGini(counts, rows.length);
    if (depth >= maxDepth || parent <= 1e-12 || rows.length < 2 * minLeaf) return node;

    let bestGain = 1e-12;
    let bestColumn = -1;
    let bestThreshold = 0;
    const leftCounts = new Float64Array(k);
    const rightCounts = new Float64Array(k);
    for (const j of columns) {
      const sorted = [...rows].sort(
        (a, b) => key(X[a * d + j] ?? Number.NaN) - key(X[b * d + j] ?? Number.NaN) || a - b,
      );
      leftCounts.fill(0);
      rightCounts.set(counts);
      for (let i = 0; i < sorted.length - 1; i++) {
        const c = y[sorted[i] ?? 0] ?? 0;
        leftCounts[c] = (leftCounts[c] ?? 0) + 1;
        rightCounts[c] = (rightCounts[c] ?? 0) - 1;
        const v = key(X[(sorted[i] ?? 0) * d + j] ?? Number.NaN);
        const next = key(X[(sorted[i + 1] ?? 0) * d + j] ?? Number.NaN);
        // A cut only between distinct values (and never to the right of a finite one into NaN land).
        if (!(next > v) || !Number.isFinite(v)) continue;
        const nLeft = i + 1;
        const nRight = sorted.length - nLeft;
        if (nLeft < minLeaf || nRight < minLeaf) continue;
        const gain = parent - weightedGini(leftCounts, nLeft) - weightedGini(rightCounts, nRight);
        if (gain > bestGain + 1e-12) {
          bestGain = gain;
          bestColumn = j;
          bestThreshold = Number.isFinite(next) ? v + (next - v) / 2 : v;
        }
      }
    }
    if (bestColumn < 0) return node;
    const goLeft = rows.filter((r) => (X[r * d + bestColumn] ?? Number.NaN) <= bestThreshold);
    const goRight = rows.filter((r) => !((X[r * d + bestColumn] ?? Number.NaN) <= bestThreshold));
    tree.feature[node] = bestColumn;
    tree.threshold[node] = bestThreshold;
    tree.left[node] = grow(goLeft, depth + 1);
    tree.right[node] = grow(goRight, depth + 1);
    return node;
  };
  grow(rootRows, 0);
  return tree;
}

/** Predicted class per row of a row-major matrix with the training columns. */
export function predictDecisionTree(tree: DecisionTree, X: ArrayLike<number>, d: number): Int32Array {
  const n = matrixRows(X, d);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let node = 0;
    while ((tree.feature[node] ?? -1) >= 0) {
      const v = X[i * d + (tree.feature[node] ?? 0)] ?? Number.NaN;
      node = v <= (tree.threshold[node] ?? 0) ? (tree.left[node] ?? 0) : (tree.right[node] ?? 0);
    }
    out[i] = tree.value[node] ?? 0;
  }
  return out;
}

/** Depth of a fitted tree (0 for a single leaf). */
export function decisionTreeDepth(tree: DecisionTree, node = 0): number {
  if ((tree.feature[node] ?? -1) < 0) return 0;
  return 1 + Math.max(decisionTreeDepth(tree, tree.left[node] ?? 0), decisionTreeDepth(tree, tree.right[node] ?? 0));
}
