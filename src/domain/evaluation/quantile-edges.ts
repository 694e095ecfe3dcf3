import { createRng } from '../random';

/** Rows the quantiles are taken from, at most: edges settle long before 50,000 rows. */
export const QUANTILE_SAMPLE_ROWS = 50_000;

/**
 * Per-feature bin edges at the quantiles of the training rows (row-major n × d, `rows` of them): at most
 * `bins` + 1 ascending, distinct edges per feature from its minimum to its maximum (fewer for features with
 * few distinct values; none for a constant feature). NaN cells are skipped. Quantiles come from a seeded
 * sample of at most QUANTILE_SAMPLE_ROWS rows.
 */
export function featureQuantileEdges(
  x: ArrayLike<number>,
  d: number,
  rows: ArrayLike<number>,
  bins: number,
  seed: number,
): number[][] {
  let picked: ArrayLike<number> = rows;
  if (rows.length > QUANTILE_SAMPLE_ROWS) {
    const all = Uint32Array.from(rows);
    createRng(seed).shuffle(all);
    picked = all.subarray(0, QUANTILE_SAMPLE_ROWS);
  }
  const m = picked.length;
  const column = new Float64Array(m);
  const edges: number[][] = [];
  for (let c = 0; c < d; c++) {
    let k = 0;
    for (let j = 0; j < m; j++) {
      const v = x[(picked[j] ?? 0) * d + c] ?? Number.NaN;
      if (!Number.isNaN(v)) column[k++] = v;
    }
    const sorted = column.subarray(0, k).sort();
    const out: number[] = [];
    for (let q = 0; q <= bins && k > 0; q++) {
      const v = sorted[Math.min(k - 1, Math.round((q / bins) * (k - 1)))] ?? 0;
      if (out.length === 0 || v > (out[out.length - 1] ?? v)) out.push(v);
    }
    edges.push(out.length >= 2 ? out : []);
  }
  return edges;
}

/** Weighted Gini impurity n·2p(1−p) of a segment with n rows, `pos` of them positive. */
function impurity(n: number, pos: number): number {
  return n > 0 ? (2 * pos * (n - pos)) / n : 0;
}

/**
 * Up to `maxCuts` label-aware cuts of one feature, as a one-feature decision tree grown best-first on Gini
 * impurity would place them (each side at least `minLeaf` rows), each returned as the two neighbouring
 * distinct training values it falls between: as encoding edges they make the bin between them a step from
 * 0 to 1 exactly at the cut. NaN values are skipped. For rules such as "error_rate > 0.1" the first cut lands
 * on the rule's threshold, which quantile edges only approximate: with the step, a network learns the rule
 * (mean F1 0.96–0.98 → 0.99+ on the classic legacy task, docs/model-defaults.md).
 */
export function targetCuts(
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
  maxCuts: number,
  minLeaf: number,
): number[] {
  const keep: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] ?? Number.NaN)) keep.push(i);
  keep.sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  const m = keep.length;
  const v = Float64Array.from(keep, (i) => values[i] ?? 0);
  const cumPos = new Float64Array(m + 1);
  for (let k = 0; k < m; k++) cumPos[k + 1] = (cumPos[k] ?? 0) + (labels[keep[k] ?? 0] === 1 ? 1 : 0);
  const pos = (lo: number, hi: number): number => (cumPos[hi] ?? 0) - (cumPos[lo] ?? 0);
  /** The best split of sorted rows [lo, hi): its position (first row of the right side) and gain. */
  const best = (lo: number, hi: number): { at: number; gain: number } => {
    const whole = impurity(hi - lo, pos(lo, hi));
    let at = -1;
    let gain = 0;
    for (let k = lo + minLeaf; k <= hi - minLeaf; k++) {
      if ((v[k - 1] ?? 0) === (v[k] ?? 0)) continue;
      const g = whole - impurity(k - lo, pos(lo, k)) - impurity(hi - k, pos(k, hi));
      if (g > gain + 1e-12) {
        gain = g;
        at = k;
      }
    }
    return { at, gain };
  };
  const open: { lo: number; hi: number; at: number; gain: number }[] = [];
  const push = (lo: number, hi: number): void => {
    const b = best(lo, hi);
    if (b.at > 0) open.push({ lo, hi, ...b });
  };
  push(0, m);
  const cuts: number[] = [];
  while (cuts.length < maxCuts && open.length > 0) {
    open.sort((a, b) => b.gain - a.gain);
    const s = open.shift();
    if (s === undefined) break;
    // Both neighbours become edges: the bin between them is then a step from 0 to 1 right at the cut.
    cuts.push(v[s.at - 1] ?? 0, v[s.at] ?? 0);
    push(s.lo, s.at);
    push(s.at, s.hi);
  }
  return cuts.sort((a, b) => a - b);
}

/** Quantile edges merged with each feature's label-aware cuts (sorted, distinct); see `targetCuts`. */
export function supervisedEdges(
  x: ArrayLike<number>,
  d: number,
  rows: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: { bins: number; cuts: number; minLeaf: number; seed: number },
): number[][] {
  const quantiles = featureQuantileEdges(x, d, rows, options.bins, options.seed);
  let picked: ArrayLike<number> = rows;
  if (rows.length > QUANTILE_SAMPLE_ROWS) {
    const all = Uint32Array.from(rows);
    createRng(options.seed).shuffle(all);
    picked = all.subarray(0, QUANTILE_SAMPLE_ROWS);
  }
  const y = Uint8Array.from(picked, (r) => (labels[r] === 1 ? 1 : 0));
  return quantiles.map((edges, c) => {
    if (edges.length < 2) return edges;
    const column = Float64Array.from(picked, (r) => x[r * d + c] ?? Number.NaN);
    const merged = [...edges, ...targetCuts(column, y, options.cuts, options.minLeaf)].sort((a, b) => a - b);
    return merged.filter((e, i) => i === 0 || e > (merged[i - 1] ?? e));
  });
}
