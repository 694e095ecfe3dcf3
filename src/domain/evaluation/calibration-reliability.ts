import { assertBinaryInputs } from './binary-input';

/**
 * How well probabilities match outcomes: reliability-diagram bins, expected calibration error (ECE) and the
 * per-cluster sums its bootstrap needs. Measures any scores; fitting and applying calibrators is in
 * ./calibration.ts.
 */

/** One equal-width bin of a reliability diagram. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** NaN when the bin is empty. */
  meanScore: number;
  /** NaN when the bin is empty. */
  positiveRate: number;
}

function checkBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
}

/**
 * Bin b covers [b/bins, (b+1)/bins); the last bin also takes 1, and scores outside [0, 1] go to the end
 * bins. The edge check keeps the assignment consistent with the reported bounds despite rounding in s·bins.
 */
function binOf(score: number, bins: number): number {
  if (!(score > 0)) return 0;
  if (score >= 1) return bins - 1;
  let b = Math.floor(score * bins);
  if (b > 0 && score < b / bins) b--;
  else if (b < bins - 1 && score >= (b + 1) / bins) b++;
  return b;
}

/** Equal-width bins over [0, 1] (default 10); a score of exactly 1 goes in the last bin. */
export function reliabilityBins(labels: ArrayLike<number>, scores: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  assertBinaryInputs(labels, scores);
  checkBins(bins);
  const count = new Float64Array(bins);
  const scoreSum = new Float64Array(bins);
  const labelSum = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const s = scores[i] ?? 0;
    const b = binOf(s, bins);
    count[b] = (count[b] ?? 0) + 1;
    scoreSum[b] = (scoreSum[b] ?? 0) + s;
    labelSum[b] = (labelSum[b] ?? 0) + (labels[i] ?? 0);
  }
  return Array.from({ length: bins }, (_, b) => {
    const c = count[b] ?? 0;
    return {
      lower: b / bins,
      upper: (b + 1) / bins,
      count: c,
      meanScore: c > 0 ? (scoreSum[b] ?? 0) / c : Number.NaN,
      positiveRate: c > 0 ? (labelSum[b] ?? 0) / c : Number.NaN,
    };
  });
}

/**
 * ECE = Σ_b (n_b / n) · |meanScore_b − positiveRate_b| over equal-width bins (default 10), computed as
 * Σ_b |Σ score − Σ label| / n; NaN for n = 0.
 */
export function expectedCalibrationError(labels: ArrayLike<number>, scores: ArrayLike<number>, bins = 10): number {
  assertBinaryInputs(labels, scores);
  checkBins(bins);
  const n = labels.length;
  if (n === 0) return Number.NaN;
  const gap = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const s = scores[i] ?? 0;
    const b = binOf(s, bins);
    gap[b] = (gap[b] ?? 0) + s - (labels[i] ?? 0);
  }
  let total = 0;
  for (const g of gap) total += Math.abs(g);
  return total / n;
}

/**
 * Per-cluster per-bin sums for a cluster bootstrap of ECE: a replicate then costs O(clusters × bins), not
 * O(samples). Index cluster · bins + bin; clusters are the dense ids 0 … clusters − 1 given.
 */
export interface CalibrationSums {
  clusters: number;
  bins: number;
  count: Float64Array;
  scoreSum: Float64Array;
  labelSum: Float64Array;
}

export function calibrationSums(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  cluster: ArrayLike<number>,
  clusterCount: number,
  bins = 10,
): CalibrationSums {
  assertBinaryInputs(labels, scores);
  checkBins(bins);
  if (!Number.isInteger(clusterCount) || clusterCount < 0) {
    throw new RangeError(`clusterCount must be a non-negative integer, got ${clusterCount}`);
  }
  if (cluster.length !== labels.length) {
    throw new RangeError(`cluster has ${cluster.length} entries but labels has ${labels.length}`);
  }
  const size = clusterCount * bins;
  const count = new Float64Array(size);
  const scoreSum = new Float64Array(size);
  const labelSum = new Float64Array(size);
  for (let i = 0; i < labels.length; i++) {
    const c = cluster[i] ?? Number.NaN;
    if (!Number.isInteger(c) || c < 0 || c >= clusterCount) {
      throw new RangeError(`cluster[${i}] = ${c} is not a dense cluster id in [0, ${clusterCount})`);
    }
    const s = scores[i] ?? 0;
    const k = c * bins + binOf(s, bins);
    count[k] = (count[k] ?? 0) + 1;
    scoreSum[k] = (scoreSum[k] ?? 0) + s;
    labelSum[k] = (labelSum[k] ?? 0) + (labels[i] ?? 0);
  }
  return { clusters: clusterCount, bins, count, scoreSum, labelSum };
}

/** ECE of one replicate: weight[c] is how often cluster c was drawn; NaN when the replicate is empty. */
export function eceFromSums(sums: CalibrationSums, weight: ArrayLike<number>): number {
  const { clusters, bins, count, scoreSum, labelSum } = sums;
  if (weight.length !== clusters) throw new RangeError(`weight has ${weight.length} entries for ${clusters} clusters`);
  const gap = new Float64Array(bins);
  let n = 0;
  for (let c = 0; c < clusters; c++) {
    const w = weight[c] ?? 0;
    if (w === 0) continue;
    const base = c * bins;
    for (let b = 0; b < bins; b++) {
      const k = base + b;
      n += w * (count[k] ?? 0);
      gap[b] = (gap[b] ?? 0) + w * ((scoreSum[k] ?? 0) - (labelSum[k] ?? 0));
    }
  }
  if (!(n > 0)) return Number.NaN;
  let total = 0;
  for (const g of gap) total += Math.abs(g);
  return total / n;
}
