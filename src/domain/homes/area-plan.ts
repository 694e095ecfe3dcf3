import type { Rng } from '../random';
import type { Area, SizeCategory } from './home-schema';

/**
 * The drawing kit of template room layouts (./area-templates.ts): a home's growing list of areas with the
 * size-scaled and weighted draws the per-type plans make.
 */

const SIZE_FACTOR: Readonly<Record<SizeCategory, number>> = {
  small: 0.65,
  medium: 1,
  large: 1.3,
  extra_large: 1.6,
};

/** Weighted options: [value, weight] pairs, weights need not sum to 1. */
export type Weighted<T> = readonly (readonly [T, number])[];

/** Per size category, a weighted table. */
export type BySize<T> = Readonly<Record<SizeCategory, Weighted<T>>>;

export class AreaPlan {
  readonly areas: Area[] = [];
  readonly size: SizeCategory;
  private readonly rng: Rng;
  private readonly sizeFactor: number;

  constructor(rng: Rng, size: SizeCategory) {
    this.rng = rng;
    this.size = size;
    this.sizeFactor = SIZE_FACTOR[size];
  }

  /** Adds an indoor room. */
  room(name: string, floor: number): void {
    this.areas.push({ name, type: 'indoor', floor });
  }

  /** Adds an outdoor area. */
  outdoor(name: string, floor = 0): void {
    this.areas.push({ name, type: 'outdoor', floor });
  }

  /** True with probability `p` scaled by the home's size (bigger homes have more optional rooms). */
  maybe(p: number): boolean {
    return this.rng.chance(Math.min(1, p * this.sizeFactor));
  }

  /** True with probability `p`, independent of size. */
  chance(p: number): boolean {
    return this.rng.chance(p);
  }

  int(min: number, max: number): number {
    return this.rng.int(min, max);
  }

  pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }

  /** One value of a weighted table. */
  weighted<T>(options: Weighted<T>): T {
    let total = 0;
    for (const [, w] of options) total += w;
    let x = this.rng.next() * total;
    for (const [value, w] of options) {
      if (x < w) return value;
      x -= w;
    }
    const last = options[options.length - 1];
    if (last === undefined) throw new Error('weighted needs at least one option');
    return last[0];
  }

  /** One value of the table for this home's size. */
  bySize<T>(table: BySize<T>): T {
    return this.weighted(table[this.size]);
  }

  /** Adds `count` bedrooms named "<first>", "Bedroom 2", …, each on the floor `floorOf(i)` (i from 1). */
  bedrooms(count: number, first: string, floorOf: (i: number) => number): void {
    for (let i = 1; i <= count; i++) this.room(i === 1 ? first : `Bedroom ${i}`, floorOf(i));
  }
}
