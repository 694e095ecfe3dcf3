import { assertBinaryInputs } from './binary-input';
import type { ProportionInterval } from './wilson-interval';
import { wilsonInterval } from './wilson-interval';

/** Recall of the positives carrying one key. */
export interface KeyRecall {
  key: number;
  /** Positive samples carrying this key. */
  positives: number;
  /** Of those, predicted positive (`score >= threshold`). */
  detected: number;
  /** detected / positives; NaN without positives. */
  recall: number;
  /** Wilson interval: per-key positive counts are often small. */
  interval: ProportionInterval;
}

/**
 * Recall split by a per-sample key such as the failure scenario, so that e.g. "sudden failures are barely
 * predictable" shows up next to the overall recall. Keys are integers in [0, keyCount); every key gets a
 * row, with NaN recall when it has no positives.
 */
export function recallByKey(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
  threshold: number,
  keys: ArrayLike<number>,
  keyCount: number,
  level = 0.95,
): KeyRecall[] {
  assertBinaryInputs(yTrue, score);
  if (keys.length !== yTrue.length) throw new RangeError(`keys has ${keys.length} entries for ${yTrue.length} samples`);
  const positives = new Float64Array(keyCount);
  const detected = new Float64Array(keyCount);
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] !== 1) continue;
    const key = keys[i] ?? -1;
    if (!Number.isInteger(key) || key < 0 || key >= keyCount) {
      throw new RangeError(`keys[${i}] = ${key} is not in [0, ${keyCount})`);
    }
    positives[key] = (positives[key] ?? 0) + 1;
    if ((score[i] ?? Number.NaN) >= threshold) detected[key] = (detected[key] ?? 0) + 1;
  }
  return Array.from({ length: keyCount }, (_, key) => {
    const p = positives[key] ?? 0;
    const d = detected[key] ?? 0;
    return {
      key,
      positives: p,
      detected: d,
      recall: p > 0 ? d / p : Number.NaN,
      interval: wilsonInterval(d, p, level),
    };
  });
}
