import type { Rng } from '../random';
import { indexGroups } from './group-index';
import { groupStrata } from './group-strata';
import { checkLengths, groupSize } from './split';

/** Sample indices of one fold, ascending. */
export interface Fold {
  train: Uint32Array;
  test: Uint32Array;
}

/** Inputs of `groupedKFold`. */
export interface GroupedKFoldOptions {
  /** Group key per sample (home or device); each group is tested in exactly one fold. */
  groups: ArrayLike<number>;
  /** Label per sample; groups are stratified by their largest label (one sample per home: its class). */
  labels: ArrayLike<number>;
  k: number;
  rng: Rng;
  /** Extra per-sample stratum key, constant within a group. */
  strata?: ArrayLike<number>;
}

/**
 * Stratified group k-fold: every group lands in exactly one test fold. Within each stratum the groups are
 * shuffled, placed largest first, each into the fold holding the fewest samples of that stratum (then the
 * fewest samples overall, then a shuffled fold order), which balances both the class mix and the fold
 * sizes. A stratum with fewer groups than folds leaves some folds without it. Throws when there are fewer
 * groups than folds. Sample indices in each part are ascending.
 */
export function groupedKFold(options: GroupedKFoldOptions): Fold[] {
  const { groups, labels, k, rng, strata } = options;
  checkLengths(groups, labels, strata);
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer of at least 2, got ${k}`);
  const index = indexGroups(groups);
  if (index.count < k) {
    throw new RangeError(`groupedKFold: ${index.count} groups cannot fill ${k} folds; need at least k groups`);
  }
  const foldOf = new Uint32Array(index.count);
  const foldTotal = new Float64Array(k);
  for (const stratum of groupStrata(index, labels, strata)) {
    const shuffled = rng.shuffle(Array.from(stratum));
    // Stable: equal sizes keep their shuffled order.
    shuffled.sort((a, b) => groupSize(index, b) - groupSize(index, a));
    const foldOrder = rng.shuffle(Array.from({ length: k }, (_, f) => f));
    const inStratum = new Float64Array(k);
    for (const g of shuffled) {
      let best = foldOrder[0] ?? 0;
      for (const f of foldOrder) {
        const d = (inStratum[f] ?? 0) - (inStratum[best] ?? 0) || (foldTotal[f] ?? 0) - (foldTotal[best] ?? 0);
        if (d < 0) best = f;
      }
      const size = groupSize(index, g);
      foldOf[g] = best;
      inStratum[best] = (inStratum[best] ?? 0) + size;
      foldTotal[best] = (foldTotal[best] ?? 0) + size;
    }
  }
  const n = groups.length;
  const sampleFold = new Uint32Array(n);
  for (let i = 0; i < n; i++) sampleFold[i] = foldOf[index.groupOf[i] ?? 0] ?? 0;
  return Array.from({ length: k }, (_, f) => {
    const size = foldTotal[f] ?? 0;
    const test = new Uint32Array(size);
    const train = new Uint32Array(n - size);
    let t = 0;
    let r = 0;
    for (let i = 0; i < n; i++) {
      if (sampleFold[i] === f) test[t++] = i;
      else train[r++] = i;
    }
    return { train, test };
  });
}
