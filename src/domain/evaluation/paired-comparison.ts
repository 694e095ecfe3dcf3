import { quantileSorted } from './bootstrap';

/** The difference of one metric between two scorers over the same bootstrap replicates. */
export interface PairedDifference {
  /** A's full-sample metric minus B's. */
  estimate: number;
  low: number;
  high: number;
  level: number;
  /** Replicates where both metrics were defined. */
  valid: number;
}

/**
 * Percentile interval of A − B from replicate values drawn on the same resamples (same seed, samples and
 * clusters): the pairing removes the variation both share, so the interval is far narrower than the two
 * separate intervals suggest. Replicates where either value is NaN are skipped.
 */
export function pairedDifference(
  estimates: { a: number; b: number },
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  level = 0.95,
): PairedDifference {
  if (a.length !== b.length) throw new RangeError('paired replicates must come from the same resamples');
  const diffs = new Float64Array(a.length);
  let valid = 0;
  for (let r = 0; r < a.length; r++) {
    const d = (a[r] ?? Number.NaN) - (b[r] ?? Number.NaN);
    if (!Number.isNaN(d)) diffs[valid++] = d;
  }
  const sorted = diffs.subarray(0, valid).sort();
  const alpha = (1 - level) / 2;
  return {
    estimate: estimates.a - estimates.b,
    low: quantileSorted(sorted, alpha),
    high: quantileSorted(sorted, 1 - alpha),
    level,
    valid,
  };
}

/** A scorer of one test set: its name, full-sample metric and replicate values. */
export interface PairedCandidate {
  name: string;
  estimate: number;
  replicates: ArrayLike<number>;
}

/** The leader of a set of scorers and whether the intervals say it is better than each of the others. */
export interface PairedVerdict {
  /** The candidate with the highest estimate (null when there is none with a defined metric). */
  leader: string | null;
  /** The leader, when every paired interval against another candidate lies above 0; else null. */
  best: string | null;
  /** Leader minus each other candidate, highest estimate first. */
  differences: { other: string; difference: PairedDifference }[];
}

/**
 * Ranks scorers by a higher-is-better metric and names a best only when the paired interval of the leader
 * against every other scorer excludes zero: a leader within noise of the runner-up is not called best.
 */
export function pairedVerdict(candidates: readonly PairedCandidate[], level = 0.95): PairedVerdict {
  const ranked = candidates.filter((c) => !Number.isNaN(c.estimate)).sort((x, y) => y.estimate - x.estimate);
  const [leader, ...others] = ranked;
  if (leader === undefined) return { leader: null, best: null, differences: [] };
  const differences = others.map((o) => ({
    other: o.name,
    difference: pairedDifference({ a: leader.estimate, b: o.estimate }, leader.replicates, o.replicates, level),
  }));
  const clear = differences.every((d) => d.difference.low > 0);
  return { leader: leader.name, best: clear ? leader.name : null, differences };
}
