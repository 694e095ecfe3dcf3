import type { Rng } from '../random';
import { indexGroups } from './group-index';
import { groupStrata } from './group-strata';
import type { SplitIndices } from './split';
import { assignGroupsToSides, checkFractions } from './split';

/** Inputs of `timeBlockedSplit`. */
export interface TimeBlockedSplitOptions {
  /** Time of each sample (any monotone unit, e.g. day index or epoch ms). */
  times: ArrayLike<number>;
  testFraction: number;
  valFraction?: number;
  /**
   * Embargo in time units: training samples must end `gap` before the validation/test start (and
   * validation samples `gap` before the test start). Use the label horizon H, or a label "fails within H
   * days" computed on an early sample looks into the test period.
   */
  gap?: number;
  /** Group key per sample (device); when given no group lies on two sides (see `groupPolicy`). */
  groups?: ArrayLike<number>;
  /**
   * `'latest'` (default): a group that straddles a boundary keeps only its samples of the latest part it
   * reaches; its earlier samples are dropped. Suits groups that start at different times; when every
   * device spans the whole period it moves everything into test.
   * `'disjoint'`: groups are first divided between the parts (stratified by `labels`, needs `rng`) in the
   * same fractions, then each group keeps only its samples inside its part's time window: train on some
   * devices' past, test on other devices' future. Honest for concurrent devices, at the cost of data
   * (about (1 − f)² of the samples train with test fraction f).
   */
  groupPolicy?: 'latest' | 'disjoint';
  /** Per-sample labels to stratify the group division of `'disjoint'`. */
  labels?: ArrayLike<number>;
  rng?: Rng;
}

/** The three parts plus where the windows start and what was left out. */
export interface TimeBlockedSplit extends SplitIndices {
  /** First time of the validation window (equals testStart without validation). */
  valStart: number;
  /** First time of the test window; +Infinity when the test part is empty. */
  testStart: number;
  /** Samples in no part (embargo gap or the dropped part of a group). */
  dropped: number;
}

/**
 * Time-blocked split: train on the earliest samples, validate on the next, test on the latest. The window
 * starts are the times at the (1 − test − val) and (1 − test) sample quantiles; samples sharing the start
 * time go to the later part, so no timestamp lies on two sides.
 */
export function timeBlockedSplit(options: TimeBlockedSplitOptions): TimeBlockedSplit {
  const { times, testFraction, valFraction = 0, gap = 0, groups, groupPolicy = 'latest' } = options;
  checkFractions(testFraction, valFraction);
  if (!(gap >= 0)) throw new RangeError(`gap must be non-negative, got ${gap}`);
  const n = times.length;
  if (groups !== undefined && groups.length !== n) throw new RangeError('groups must have one entry per sample');
  const sorted = Float64Array.from(times);
  if (sorted.some(Number.isNaN)) throw new RangeError('times must not hold NaN');
  sorted.sort();
  const nTest = Math.round(testFraction * n);
  const nVal = Math.round(valFraction * n);
  const testStart = nTest > 0 ? (sorted[n - nTest] ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  const valStart = nVal > 0 ? Math.min(sorted[n - nTest - nVal] ?? testStart, testStart) : testStart;

  // Window of each sample: 0 train, 1 val, 2 test, -1 in an embargo gap.
  const windowOf = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const t = times[i] ?? 0;
    windowOf[i] = t >= testStart ? 2 : t >= valStart ? (t < testStart - gap ? 1 : -1) : t < valStart - gap ? 0 : -1;
  }

  const part = new Int8Array(n);
  if (groups === undefined) {
    part.set(windowOf);
  } else {
    const index = indexGroups(groups);
    let groupSide: ArrayLike<number>;
    if (groupPolicy === 'disjoint') {
      const { rng, labels } = options;
      if (rng === undefined) throw new Error("groupPolicy 'disjoint' needs an rng to divide the groups");
      if (labels !== undefined && labels.length !== n) throw new RangeError('labels must have one entry per sample');
      groupSide = assignGroupsToSides(
        index,
        groupStrata(index, labels ?? new Uint8Array(n)),
        testFraction,
        valFraction,
        rng,
      );
    } else {
      const latest = new Int8Array(index.count).fill(-1);
      for (let i = 0; i < n; i++) {
        const g = index.groupOf[i] ?? 0;
        latest[g] = Math.max(latest[g] ?? -1, windowOf[i] ?? -1);
      }
      groupSide = latest;
    }
    for (let i = 0; i < n; i++) {
      const w = windowOf[i] ?? -1;
      part[i] = w === groupSide[index.groupOf[i] ?? 0] ? w : -1;
    }
  }

  const lists: number[][] = [[], [], []];
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    const p = part[i] ?? -1;
    if (p < 0) dropped++;
    else lists[p]?.push(i);
  }
  const [train = [], val = [], test = []] = lists;
  return {
    train: Uint32Array.from(train),
    val: Uint32Array.from(val),
    test: Uint32Array.from(test),
    valStart,
    testStart,
    dropped,
  };
}
