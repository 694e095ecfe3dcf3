import { createRng } from '../random';

/** Rows the quantiles are taken from, at most: edges settle long before 50,000 rows. */
export const QUANTILE_SAMPLE_ROWS = 50_000;

/**
 * Per-feature bin edges at the quantiles of the training rows (row-major n × d, `rows` of them): at most
 * `bins` + 1 ascending, distinct edges per feature from its minimum to its maximum (fewer for features with
 * few distinct values; none for a constant feature). NaN cells are skipped. Quantiles come from a seeded
 * sample of at most QUANTILE_SAMPLE_ROWS rows.
 */
export function quantileEdges(x: ArrayLike<number>, d: number, rows: ArrayLike<number>, bins: number, seed: number): number[][] {
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
