import { z } from 'zod';

/** Per-column mean and standard deviation; plain data so it is stored with a model and reused at inference. */
export interface Standardizer {
  mean: number[];
  std: number[];
  /** Standardised values are clipped to ±clip when set, at training and at inference alike. */
  clip?: number | undefined;
}

/** Validates a stored `Standardizer`. */
export const standardizerSchema = z
  .object({ mean: z.array(z.number()), std: z.array(z.number().positive()), clip: z.number().positive().optional() })
  .refine((s) => s.mean.length === s.std.length, 'mean and std must have the same length');

/** Validates a stored standardizer (IndexedDB, imported model file). */
export function parseStandardizer(value: unknown): Standardizer {
  return standardizerSchema.parse(value);
}

function rowCount(data: ArrayLike<number>, d: number): number {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d must be a positive integer, got ${d}`);
  if (data.length % d !== 0) throw new RangeError(`${data.length} values are not rows of ${d} columns`);
  return data.length / d;
}

/**
 * Fits mean and population standard deviation (ddof 0, as scikit-learn's StandardScaler) per column of a
 * row-major n × d matrix, on `rows` only (the training part) or all rows. NaN cells are ignored; a column
 * with no value gets mean 0, and a constant or empty column std 1 so applying it never divides by zero.
 */
export function fitStandardizer(data: ArrayLike<number>, d: number, rows?: ArrayLike<number>): Standardizer {
  const n = rowCount(data, d);
  const m = rows === undefined ? n : rows.length;
  const count = new Float64Array(d);
  const sum = new Float64Array(d);
  for (let j = 0; j < m; j++) {
    const base = (rows === undefined ? j : (rows[j] ?? 0)) * d;
    for (let c = 0; c < d; c++) {
      const v = data[base + c] ?? Number.NaN;
      if (Number.isNaN(v)) continue;
      count[c] = (count[c] ?? 0) + 1;
      sum[c] = (sum[c] ?? 0) + v;
    }
  }
  const mean = Array.from(sum, (s, c) => ((count[c] ?? 0) > 0 ? s / (count[c] ?? 1) : 0));
  // Second pass on deviations: stable where E[x²] − E[x]² would cancel (e.g. uptime in the thousands).
  const sq = new Float64Array(d);
  for (let j = 0; j < m; j++) {
    const base = (rows === undefined ? j : (rows[j] ?? 0)) * d;
    for (let c = 0; c < d; c++) {
      const v = data[base + c] ?? Number.NaN;
      if (Number.isNaN(v)) continue;
      const dev = v - (mean[c] ?? 0);
      sq[c] = (sq[c] ?? 0) + dev * dev;
    }
  }
  const std = Array.from(sq, (s, c) => {
    const k = count[c] ?? 0;
    const sd = k > 0 ? Math.sqrt(s / k) : 0;
    return sd > 0 ? sd : 1;
  });
  return { mean, std };
}

/**
 * Standardises `rows` (or all rows) into a new row-major Float32Array, in the order given; NaN cells are
 * imputed with the training mean, i.e. become 0; values are clipped to ±`clip` when the standardizer has one.
 */
export function applyStandardizer(
  data: ArrayLike<number>,
  d: number,
  standardizer: Standardizer,
  rows?: ArrayLike<number>,
): Float32Array {
  const n = rowCount(data, d);
  if (standardizer.mean.length !== d) {
    throw new RangeError(`standardizer has ${standardizer.mean.length} columns, data has ${d}`);
  }
  const m = rows === undefined ? n : rows.length;
  const out = new Float32Array(m * d);
  const mean = Float64Array.from(standardizer.mean);
  const inv = Float64Array.from(standardizer.std, (s) => 1 / s);
  const clip = standardizer.clip ?? Number.POSITIVE_INFINITY;
  for (let j = 0; j < m; j++) {
    const base = (rows === undefined ? j : (rows[j] ?? 0)) * d;
    for (let c = 0; c < d; c++) {
      const v = data[base + c] ?? Number.NaN;
      const z = Number.isNaN(v) ? 0 : (v - (mean[c] ?? 0)) * (inv[c] ?? 1);
      out[j * d + c] = z > clip ? clip : z < -clip ? -clip : z;
    }
  }
  return out;
}

/**
 * Per-source standardisers (a label-free domain-adaptation step, issue 12): each source's mean and std are
 * fitted on that source's own rows among `rows` (or all rows), never on labels. Fitted on a test source's
 * homes it is transductive: the test homes' features (not their types) set their own scaling. Sources with
 * no row among `rows` get no entry.
 */
export function fitSourceStandardizers(
  data: ArrayLike<number>,
  d: number,
  sources: readonly string[],
  rows?: ArrayLike<number>,
): Map<string, Standardizer> {
  const n = rowCount(data, d);
  if (sources.length !== n) throw new RangeError(`${sources.length} sources for ${n} rows`);
  const bySource = new Map<string, number[]>();
  const m = rows === undefined ? n : rows.length;
  for (let j = 0; j < m; j++) {
    const r = rows === undefined ? j : (rows[j] ?? 0);
    const s = sources[r] ?? '';
    const list = bySource.get(s);
    if (list) list.push(r);
    else bySource.set(s, [r]);
  }
  return new Map([...bySource].map(([s, list]) => [s, fitStandardizer(data, d, list)]));
}

/** Standardises every row (or `rows`, in order) with the standardiser of its own source; throws for a source without one. */
export function applySourceStandardizers(
  data: ArrayLike<number>,
  d: number,
  sources: readonly string[],
  standardizers: ReadonlyMap<string, Standardizer>,
  rows?: ArrayLike<number>,
): Float32Array {
  const n = rowCount(data, d);
  if (sources.length !== n) throw new RangeError(`${sources.length} sources for ${n} rows`);
  const m = rows === undefined ? n : rows.length;
  const out = new Float32Array(m * d);
  for (let j = 0; j < m; j++) {
    const r = rows === undefined ? j : (rows[j] ?? 0);
    const s = sources[r] ?? '';
    const st = standardizers.get(s);
    if (!st) throw new RangeError(`no standardiser for source "${s}"`);
    out.set(applyStandardizer(data, d, st, [r]), j * d);
  }
  return out;
}
