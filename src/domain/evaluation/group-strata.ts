import type { GroupIndex } from './group-index';
import { groupMax } from './group-index';

/**
 * Groups bucketed by stratum = (optional extra key, largest label in the group). For binary labels the
 * label part is "any positive"; with one sample per group it is the sample's class. Strata come in
 * ascending (extra, label) order and the groups of each stratum in ascending caller key order, so the
 * result does not depend on the order of the rows.
 */
export function groupStrata(index: GroupIndex, labels: ArrayLike<number>, extra?: ArrayLike<number>): Uint32Array[] {
  const label = groupMax(index, labels);
  const extraOf = new Float64Array(index.count);
  if (extra !== undefined) {
    for (let g = 0; g < index.count; g++) {
      const from = index.offsets[g] ?? 0;
      const to = index.offsets[g + 1] ?? 0;
      const first = extra[index.members[from] ?? 0] ?? Number.NaN;
      if (Number.isNaN(first)) throw new RangeError(`stratum of sample ${index.members[from] ?? 0} is missing or NaN`);
      for (let k = from + 1; k < to; k++) {
        if (extra[index.members[k] ?? 0] !== first) {
          const key = index.keys[g] ?? g;
          throw new RangeError(`group ${key} has samples in different strata; a group must lie in one stratum`);
        }
      }
      extraOf[g] = first;
    }
  }
  const order = new Uint32Array(index.count);
  for (let g = 0; g < index.count; g++) order[g] = g;
  order.sort(
    (a, b) =>
      (extraOf[a] ?? 0) - (extraOf[b] ?? 0) ||
      (label[a] ?? 0) - (label[b] ?? 0) ||
      (index.keys[a] ?? 0) - (index.keys[b] ?? 0),
  );
  const out: Uint32Array[] = [];
  let start = 0;
  for (let j = 1; j <= order.length; j++) {
    const a = order[j - 1] ?? 0;
    const b = order[j];
    if (b === undefined || extraOf[a] !== extraOf[b] || label[a] !== label[b]) {
      out.push(order.slice(start, j));
      start = j;
    }
  }
  return out;
}
