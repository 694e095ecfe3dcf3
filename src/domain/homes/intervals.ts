/**
 * Half-open time intervals as flat arrays `[start0, end0, start1, end1, …]`, sorted and disjoint, in
 * minutes. Flat arrays keep the simulator free of per-interval objects.
 */
export type Intervals = number[];

/** Sorts and merges possibly overlapping intervals (touching ones merge too). Empty ones are dropped. */
export function normalize(raw: readonly number[]): Intervals {
  const n = raw.length >> 1;
  if (n === 0) return [];
  let sorted = true;
  for (let i = 2; i < raw.length; i += 2) {
    if ((raw[i] ?? 0) < (raw[i - 2] ?? 0)) {
      sorted = false;
      break;
    }
  }
  let src = raw;
  if (!sorted) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (raw[2 * a] ?? 0) - (raw[2 * b] ?? 0));
    const copy: number[] = [];
    for (const k of order) copy.push(raw[2 * k] ?? 0, raw[2 * k + 1] ?? 0);
    src = copy;
  }
  const out: Intervals = [];
  for (let i = 0; i < src.length; i += 2) {
    const s = src[i] ?? 0;
    const e = src[i + 1] ?? 0;
    if (e <= s) continue;
    const last = out.length - 1;
    if (last > 0 && s <= (out[last] ?? 0)) {
      if (e > (out[last] ?? 0)) out[last] = e;
    } else {
      out.push(s, e);
    }
  }
  return out;
}

/** Everything covered by `a` or `b`. */
export function union(a: Intervals, b: Intervals): Intervals {
  return normalize([...a, ...b]);
}

/** Parts of `a` that are inside `b`. */
export function intersect(a: Intervals, b: Intervals): Intervals {
  const out: Intervals = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i] ?? 0, b[j] ?? 0);
    const e = Math.min(a[i + 1] ?? 0, b[j + 1] ?? 0);
    if (s < e) out.push(s, e);
    if ((a[i + 1] ?? 0) < (b[j + 1] ?? 0)) i += 2;
    else j += 2;
  }
  return out;
}

/** Parts of `[from, to)` not covered by `a`. */
export function complement(a: Intervals, from: number, to: number): Intervals {
  const out: Intervals = [];
  let t = from;
  for (let i = 0; i < a.length; i += 2) {
    const s = a[i] ?? 0;
    const e = a[i + 1] ?? 0;
    if (e <= t) continue;
    if (s >= to) break;
    if (s > t) out.push(t, s);
    t = Math.max(t, e);
  }
  if (t < to) out.push(t, to);
  return out;
}

/** Total covered length. */
export function totalLength(a: Intervals): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 2) sum += (a[i + 1] ?? 0) - (a[i] ?? 0);
  return sum;
}

/** True when `t` lies in one of the intervals (start inclusive, end exclusive). */
export function contains(a: Intervals, t: number): boolean {
  for (let i = 0; i < a.length; i += 2) {
    if (t < (a[i] ?? 0)) return false;
    if (t < (a[i + 1] ?? 0)) return true;
  }
  return false;
}
