import type { Rng } from '../random';

/** Rows used to place the bin edges: quantiles of a 50,000-row sample are within a fraction of a bin of the full ones. */
export const QUANTILE_SAMPLE_ROWS = 50_000;

/** Training features quantised to at most 255 value bins per feature plus one NaN bin. */
export interface BinnedMatrix {
  n: number;
  d: number;
  /** Feature-major (bins[f * n + i]) so one feature's histogram pass reads one contiguous column. */
  bins: Uint8Array;
  /** Value bins per feature; bin index valueBins[f] is the NaN bin. */
  valueBins: Int32Array;
  /**
   * Upper edges per feature (valueBins[f] − 1 of them, strictly increasing, finite): a value v lies in the
   * first bin b with v <= edges[f][b], else in the last value bin. Prediction compares raw floats with the
   * same edges, so a split at bin b (threshold edges[f][b]) routes every training row exactly as in training.
   */
  edges: Float64Array[];
  /**
   * Histogram slots per feature: max(valueBins) + 1 for every feature, so neighbouring features' histograms
   * sit at a fixed distance and the histogram loop can step from one to the next with one addition.
   */
  stride: number;
}

/**
 * A threshold t with a <= t < b that survives JSON: the midpoint, so values unseen in training fall on the
 * nearer side, falling back to a finite value when an end is infinite.
 */
function edgeBetween(a: number, b: number): number {
  const mid = (a + b) / 2;
  if (Number.isFinite(mid) && mid >= a && mid < b) return mid;
  if (Number.isFinite(a)) return a;
  // a = −∞: every finite float32 is above −MAX_VALUE.
  return Number.isFinite(b) ? -Number.MAX_VALUE : 0;
}

/**
 * Quantile edges from sorted non-NaN values. With few distinct values each gets its own bin; otherwise bins
 * hold about equal counts, a value heavier than a bin's share gets a bin of its own (e.g. a sensor stuck at
 * 100), and the share is recomputed after each bin so heavy values do not starve the remaining bins.
 */
export function quantileEdges(sorted: Float32Array, maxBins: number): Float64Array {
  const m = sorted.length;
  let distinct = 0;
  for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const edges: number[] = [];
  if (distinct <= maxBins) {
    for (let i = 1; i < m; i++) {
      const a = sorted[i - 1] ?? 0;
      const b = sorted[i] ?? 0;
      if (a !== b) edges.push(edgeBetween(a, b));
    }
    return Float64Array.from(edges);
  }
  let remaining = m;
  let binsLeft = maxBins;
  let target = remaining / binsLeft;
  let acc = 0;
  let i = 0;
  while (i < m && binsLeft > 1) {
    const v = sorted[i] ?? 0;
    let j = i + 1;
    while (j < m && sorted[j] === v) j++;
    if (j >= m) break;
    const c = j - i;
    if (acc > 0 && acc + c > target && c >= target) {
      edges.push(edgeBetween(sorted[i - 1] ?? 0, v));
      remaining -= acc;
      acc = 0;
      binsLeft--;
      target = remaining / binsLeft;
      if (binsLeft <= 1) break;
    }
    acc += c;
    if (acc >= target) {
      edges.push(edgeBetween(v, sorted[j] ?? 0));
      remaining -= acc;
      acc = 0;
      binsLeft--;
      target = remaining / binsLeft;
    }
    i = j;
  }
  return Float64Array.from(edges);
}

/** Ascending row indices of a seeded sample of at most `cap` rows (all rows when n <= cap). */
function sampleRows(n: number, cap: number, rng: Rng): Uint32Array {
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  if (n <= cap) return perm;
  // Partial Fisher–Yates: only the first `cap` positions are needed.
  for (let i = 0; i < cap; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    const t = perm[i] ?? 0;
    perm[i] = perm[j] ?? 0;
    perm[j] = t;
  }
  // Ascending order keeps the gather moving forward through x.
  return perm.slice(0, cap).sort();
}

/** Edges padded with +∞ to a power-of-two length greater than their count, for {@link binOf}. */
export function padEdges(edges: Float64Array): Float64Array {
  let size = 1;
  while (size < edges.length + 1) size *= 2;
  const out = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  out.set(edges);
  return out;
}

/**
 * Bin of a non-NaN value (the first edge >= v, or the last bin) by a binary search with a fixed number of
 * steps and no data-dependent branch: the branchy search mispredicted on almost every step and dominated
 * binning time.
 */
export function binOf(padded: Float64Array, v: number): number {
  let base = 0;
  let len = padded.length;
  while (len > 1) {
    const half = len >>> 1;
    base += half & -Number(v > (padded[base + half - 1] ?? 0));
    len -= half;
  }
  return base;
}

/**
 * Sorts the float32 values whose bits are bits[0, m) (no NaN) in place: LSD radix sort, 3 passes of 11 bits,
 * on keys that order like the floats. Several times faster than the built-in typed-array sort, which took
 * a third of the binning time.
 */
function sortFloat32Bits(bits: Uint32Array, tmp: Uint32Array, m: number): void {
  const counts = new Uint32Array(2048);
  for (let i = 0; i < m; i++) {
    const u = bits[i] ?? 0;
    // Negative floats: flip all bits (larger magnitude sorts first); positive: set the sign bit.
    bits[i] = (u & 0x80000000) !== 0 ? ~u >>> 0 : (u | 0x80000000) >>> 0;
  }
  let src = bits;
  let dst = tmp;
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < m; i++) {
      const digit = ((src[i] ?? 0) >>> shift) & 2047;
      counts[digit] = (counts[digit] ?? 0) + 1;
    }
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = counts[b] ?? 0;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const key = src[i] ?? 0;
      const digit = (key >>> shift) & 2047;
      const at = counts[digit] ?? 0;
      dst[at] = key;
      counts[digit] = at + 1;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  for (let i = 0; i < m; i++) {
    const key = src[i] ?? 0;
    bits[i] = (key & 0x80000000) !== 0 ? (key ^ 0x80000000) >>> 0 : ~key >>> 0;
  }
}

/** Quantises raw row-major features; the edges come from a seeded sample of at most QUANTILE_SAMPLE_ROWS rows. */
export function binMatrix(x: Float32Array, n: number, d: number, maxBins: number, rng: Rng): BinnedMatrix {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 255) {
    throw new RangeError(`maxBins must be an integer in [2, 255], got ${maxBins}`);
  }
  const sample = sampleRows(n, QUANTILE_SAMPLE_ROWS, rng);
  const s = sample.length;
  // Transposed while reading x row by row: reading a column of a row-major matrix misses the cache on every value.
  const columns = new Float32Array(s * d);
  const columnBits = new Uint32Array(columns.buffer);
  for (let k = 0; k < s; k++) {
    const base = (sample[k] ?? 0) * d;
    for (let f = 0; f < d; f++) columns[f * s + k] = x[base + f] ?? Number.NaN;
  }
  const sorted = new Float32Array(s);
  const sortedBits = new Uint32Array(sorted.buffer);
  const tmp = new Uint32Array(s);
  const valueBins = new Int32Array(d);
  const edges: Float64Array[] = [];
  let stride = 0;
  for (let f = 0; f < d; f++) {
    let m = 0;
    for (let k = f * s; k < (f + 1) * s; k++) {
      const v = columns[k] ?? Number.NaN;
      if (v === v) sortedBits[m++] = columnBits[k] ?? 0;
    }
    sortFloat32Bits(sortedBits, tmp, m);
    const e = quantileEdges(sorted.subarray(0, m), maxBins);
    edges.push(e);
    valueBins[f] = e.length + 1;
    stride = Math.max(stride, e.length + 2);
  }
  const padded = edges.map(padEdges);
  const bins = new Uint8Array(n * d);
  // Row-outer: x is read in order and the d columns being written each stay in one cache line for many rows.
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let f = 0; f < d; f++) {
      const v = x[base + f] ?? Number.NaN;
      bins[f * n + i] = v === v ? binOf(padded[f] ?? new Float64Array(1), v) : (valueBins[f] ?? 0);
    }
  }
  return { n, d, bins, valueBins, edges, stride };
}

/** Bins other rows with a fitted matrix's edges, row-major (bins[i * d + f]) for routing row by row. */
export function binRowsLike(binned: BinnedMatrix, x: Float32Array, n: number): Uint8Array {
  const { d, edges, valueBins } = binned;
  const padded = edges.map(padEdges);
  const out = new Uint8Array(n * d);
  for (let i = 0; i < n * d; i += d) {
    for (let f = 0; f < d; f++) {
      const v = x[i + f] ?? Number.NaN;
      out[i + f] = v === v ? binOf(padded[f] ?? new Float64Array(1), v) : (valueBins[f] ?? 0);
    }
  }
  return out;
}
