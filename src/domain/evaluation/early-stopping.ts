/** Settings of `createEarlyStopping`. */
export interface EarlyStoppingOptions {
  /** Epochs without improvement tolerated before stopping (Keras semantics: stop when the wait reaches it). */
  patience: number;
  /** An epoch improves only if it beats the best by more than this; default 0. */
  minDelta?: number;
  /** 'min' for losses (default), 'max' for scores such as AUC. */
  mode?: 'min' | 'max';
}

/** The decision after one epoch. */
export interface EarlyStoppingStep {
  /** This epoch is the new best: snapshot the weights now. */
  improved: boolean;
  /** Stop training and restore the snapshot of `bestEpoch`. */
  stop: boolean;
  /** -1 until an epoch has produced a usable value. */
  bestEpoch: number;
  bestValue: number;
}

/** One training run's early-stopping state; create a new one per run. */
export interface EarlyStopping {
  update(epoch: number, value: number): EarlyStoppingStep;
}

/**
 * Early stopping as a pure state machine. The trainer snapshots weights whenever `improved` is true and
 * restores them when `stop` is true (TF.js's own callback cannot restore the best weights). A NaN value
 * never improves and counts toward the patience.
 */
export function createEarlyStopping(options: EarlyStoppingOptions): EarlyStopping {
  const { patience, minDelta = 0, mode = 'min' } = options;
  if (!Number.isInteger(patience) || patience < 0) {
    throw new RangeError(`patience must be a non-negative integer, got ${patience}`);
  }
  if (!(minDelta >= 0)) throw new RangeError(`minDelta must be non-negative, got ${minDelta}`);
  const sign = mode === 'min' ? 1 : -1;
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = -1;
  let bestValue = Number.NaN;
  let wait = 0;
  let stopped = false;
  return {
    update(epoch, value) {
      if (stopped) throw new Error('early stopping already signalled stop; start a new instance for a new run');
      const improved = !Number.isNaN(value) && sign * value < best - minDelta;
      if (improved) {
        best = sign * value;
        bestEpoch = epoch;
        bestValue = value;
        wait = 0;
      } else {
        wait++;
      }
      stopped = !improved && wait >= patience;
      return { improved, stop: stopped, bestEpoch, bestValue };
    },
  };
}
