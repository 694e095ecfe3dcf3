import { normalQuantile } from './normal-quantile';

/** A proportion with its confidence interval. */
export interface ProportionInterval {
  /** successes / trials (NaN for no trials). */
  estimate: number;
  low: number;
  high: number;
  level: number;
}

/**
 * Wilson score interval for a proportion: sound for small counts and for 0 or all successes, where the
 * bootstrap collapses to a point (e.g. recall on the 6 test positives of a small home type). With no
 * trials nothing is known, so the interval is the whole [0, 1].
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): ProportionInterval {
  if (!(level > 0 && level < 1)) throw new RangeError('level must lie strictly between 0 and 1');
  if (trials < 0 || successes < 0 || successes > trials) {
    throw new RangeError(`need 0 <= successes (${successes}) <= trials (${trials})`);
  }
  if (trials === 0) return { estimate: Number.NaN, low: 0, high: 1, level };
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  return {
    estimate: p,
    low: successes === 0 ? 0 : Math.max(0, center - half),
    high: successes === trials ? 1 : Math.min(1, center + half),
    level,
  };
}
