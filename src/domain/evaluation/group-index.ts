/**
 * Dense group ids for per-sample group keys (device index, home index…), numbered by first appearance
 * (`groupOf` is meaningful only for the samples indexed).
 * `members` lists the samples of each group contiguously: group g owns `members[offsets[g] … offsets[g+1])`.
 */
export interface GroupIndex {
  count: number;
  groupOf: Uint32Array;
  /** The caller's key of each dense group. */
  keys: Float64Array;
  offsets: Uint32Array;
  members: Uint32Array;
}

/** Builds a {@link GroupIndex}; `indices` restricts it to a subset of samples (kept in the given order). */
export function indexGroups(groups: ArrayLike<number>, indices?: ArrayLike<number>): GroupIndex {
  const m = indices === undefined ? groups.length : indices.length;
  const idOf = new Map<number, number>();
  const keys: number[] = [];
  const groupOf = new Uint32Array(groups.length);
  const sizes: number[] = [];
  for (let j = 0; j < m; j++) {
    const i = indices === undefined ? j : (indices[j] ?? 0);
    const key = groups[i];
    if (key === undefined || Number.isNaN(key)) throw new RangeError(`group of sample ${i} is missing or NaN`);
    let id = idOf.get(key);
    if (id === undefined) {
      id = keys.length;
      idOf.set(key, id);
      keys.push(key);
      sizes.push(0);
    }
    groupOf[i] = id;
    sizes[id] = (sizes[id] ?? 0) + 1;
  }
  const count = keys.length;
  const offsets = new Uint32Array(count + 1);
  for (let g = 0; g < count; g++) offsets[g + 1] = (offsets[g] ?? 0) + (sizes[g] ?? 0);
  const fill = offsets.slice(0, count);
  const members = new Uint32Array(m);
  for (let j = 0; j < m; j++) {
    const i = indices === undefined ? j : (indices[j] ?? 0);
    const g = groupOf[i] ?? 0;
    const at = fill[g] ?? 0;
    members[at] = i;
    fill[g] = at + 1;
  }
  return { count, groupOf, keys: Float64Array.from(keys), offsets, members };
}

/** Largest per-sample value within each group (for binary labels: 1 if any sample is positive). */
export function groupMax(index: GroupIndex, values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(index.count).fill(Number.NEGATIVE_INFINITY);
  for (let g = 0; g < index.count; g++) {
    const from = index.offsets[g] ?? 0;
    const to = index.offsets[g + 1] ?? 0;
    for (let k = from; k < to; k++) {
      const v = values[index.members[k] ?? 0] ?? Number.NaN;
      if (Number.isNaN(v)) throw new RangeError(`value of sample ${index.members[k] ?? 0} is missing or NaN`);
      if (v > (out[g] ?? 0)) out[g] = v;
    }
  }
  return out;
}
