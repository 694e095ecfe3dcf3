import type { Rng } from '../random';

/**
 * Drawing helpers of the survey home maker. It keeps its own (rather than sharing the template homes'
 * helpers) so the two home sources have no module in common besides the output schema and the Rng.
 */

/** A discrete distribution: values with relative weights (they need not sum to 1). */
export type Weighted<T> = readonly (readonly [T, number])[];

/** The value at cumulative share `q` ∈ [0, 1) of a table, in the table's order (an inverse CDF). */
export function quantileOf<T>(table: Weighted<T>, q: number): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  const x = Math.min(Math.max(q, 0), 0.999999) * total;
  let acc = 0;
  for (const [value, w] of table) {
    acc += w;
    if (x < acc) return value;
  }
  const last = table[table.length - 1];
  if (last === undefined) throw new Error('quantileOf needs a non-empty table');
  return last[0];
}

/** One draw from a weighted table. */
export function drawFrom<T>(rng: Rng, table: Weighted<T>): T {
  return quantileOf(table, rng.next());
}

/** A normal draw clamped to [lo, hi]: survey means and spreads, without impossible tails. */
export function clampedNormal(rng: Rng, mean: number, sd: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, rng.normal(mean, sd)));
}

/** True with probability `p` (clamped to [0, 1]). */
export function withChance(rng: Rng, p: number): boolean {
  return rng.next() < Math.min(1, Math.max(0, p));
}

/** "HH:MM" of minutes after midnight, rounded to 5 minutes and wrapped into one day (25:10 → 01:10). */
export function hhmm(minutes: number): string {
  const m = (((Math.round(minutes / 5) * 5) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Lower snake case with only [a-z0-9_], as a Home Assistant object id. */
export function objectId(text: string): string {
  const id = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return id === '' ? 'entity' : id;
}
