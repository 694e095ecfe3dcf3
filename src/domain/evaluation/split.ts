import type { Rng } from '../random';
import type { GroupIndex } from './group-index';
import { indexGroups } from './group-index';
import { groupStrata } from './group-strata';

/** Sample indices of each part, ascending. */
export interface SplitIndices {
  train: Uint32Array;
  val: Uint32Array;
  test: Uint32Array;
}

/** Inputs of `groupedStratifiedSplit`. */
export interface GroupedStratifiedSplitOptions {
  /** Group key per sample (device or home index); a group never lies on two sides. */
  groups: ArrayLike<number>;
  /** Label per sample; a group's stratum uses its largest label (binary: positive if one sample is). */
  labels: ArrayLike<number>;
  testFraction: number;
  valFraction?: number;
  rng: Rng;
  /**
   * Extra per-sample key stratified jointly with the group label, constant within a group — e.g. the home
   * type, so that every per-home-type subset of one global test set keeps the base rate.
   */
  strata?: ArrayLike<number>;
  /** Split only these samples (e.g. the training part of a fold, to carve a validation part). */
  indices?: ArrayLike<number>;
}

const TRAIN = 0;
const VAL = 1;
const TEST = 2;

/**
 * Splits samples into train / validation / test so that every group lies wholly on one side and the
 * share of positive groups (per extra stratum) is the same on every side. Within each stratum the groups
 * are shuffled and cut where the running sample count crosses the fractions (a group goes to the side its
 * midpoint falls in), so sample counts land near the fractions, exactly so with one sample per group.
 * Independent of row order; the same seed gives the same split.
 */
export function groupedStratifiedSplit(options: GroupedStratifiedSplitOptions): SplitIndices {
  const { groups, labels, testFraction, valFraction = 0, rng, strata, indices } = options;
  checkFractions(testFraction, valFraction);
  checkLengths(groups, labels, strata);
  const index = indexGroups(groups, indices);
  const side = assignGroupsToSides(index, groupStrata(index, labels, strata), testFraction, valFraction, rng);
  return collectSides(index, side);
}

/** @internal Shared with the time-blocked split: side (0 train, 1 val, 2 test) of every dense group. */
export function assignGroupsToSides(
  index: GroupIndex,
  strata: readonly Uint32Array[],
  testFraction: number,
  valFraction: number,
  rng: Rng,
): Uint8Array {
  const side = new Uint8Array(index.count);
  for (const stratum of strata) {
    const shuffled = rng.shuffle(Array.from(stratum));
    let total = 0;
    for (const g of shuffled) total += groupSize(index, g);
    const testTarget = testFraction * total;
    const valTarget = testTarget + valFraction * total;
    let before = 0;
    for (const g of shuffled) {
      const size = groupSize(index, g);
      const mid = before + size / 2;
      side[g] = mid < testTarget ? TEST : mid < valTarget ? VAL : TRAIN;
      before += size;
    }
  }
  return side;
}

/** @internal Number of samples in dense group g. */
export function groupSize(index: GroupIndex, g: number): number {
  return (index.offsets[g + 1] ?? 0) - (index.offsets[g] ?? 0);
}

function collectSides(index: GroupIndex, side: Uint8Array): SplitIndices {
  const parts: number[][] = [[], [], []];
  for (let g = 0; g < index.count; g++) {
    const part = parts[side[g] ?? TRAIN];
    for (let k = index.offsets[g] ?? 0; k < (index.offsets[g + 1] ?? 0); k++) part?.push(index.members[k] ?? 0);
  }
  const [train = [], val = [], test = []] = parts;
  return {
    train: Uint32Array.from(train).sort(),
    val: Uint32Array.from(val).sort(),
    test: Uint32Array.from(test).sort(),
  };
}

/** @internal */
export function checkFractions(testFraction: number, valFraction: number): void {
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new RangeError(`testFraction must be in [0, 1), got ${testFraction}`);
  }
  if (!(valFraction >= 0 && valFraction < 1)) {
    throw new RangeError(`valFraction must be in [0, 1), got ${valFraction}`);
  }
  if (testFraction + valFraction >= 1) throw new RangeError('testFraction + valFraction must leave room for training');
}

/** @internal */
export function checkLengths(groups: ArrayLike<number>, labels: ArrayLike<number>, strata?: ArrayLike<number>): void {
  if (labels.length !== groups.length) {
    throw new RangeError(`groups has ${groups.length} entries but labels has ${labels.length}`);
  }
  if (strata !== undefined && strata.length !== groups.length) {
    throw new RangeError(`groups has ${groups.length} entries but strata has ${strata.length}`);
  }
}
