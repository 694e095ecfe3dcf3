import { HOME_TYPES, type HomeType } from '../home-types';
import { SIZE_CATEGORIES, type SizeCategory } from './home-schema';
import { createRng, deriveSeed, pickCumulative } from '../random';

/**
 * Which homes a synthesis run asks for, reproducing the original's counts (§6.1). Pure and seeded: the
 * same count, mix and seed always give the same plan, so a resumed run asks for the same homes.
 */

/** The original's home-type weights (percent). */
export const DEFAULT_HOME_TYPE_WEIGHTS: Readonly<Record<HomeType, number>> = {
  single_family_house: 30,
  apartment: 20,
  condo: 15,
  townhouse: 10,
  cottage: 10,
  studio: 5,
  multi_story: 5,
  ranch_house: 5,
};

/** The original's size-category shares (percent), in SIZE_CATEGORIES order. */
export const SIZE_CATEGORY_WEIGHTS: Readonly<Record<SizeCategory, number>> = {
  small: 30,
  medium: 40,
  large: 20,
  extra_large: 10,
};

/** One planned home. */
export interface HomePlanItem {
  /** 0-based position in the run; also the resume key. */
  index: number;
  homeType: HomeType;
  sizeCategory: SizeCategory;
}

/**
 * A home-type mix: a list of types (the original's `--home-types`: an even split, the remainder one each
 * to the first types) or weights per type (floor(weight / total · count) each, the shortfall to the
 * heaviest type — single_family_house for the defaults, as in the original).
 */
export type HomeMix = readonly HomeType[] | Readonly<Partial<Record<HomeType, number>>>;

/** How many homes of each type a run of `count` gets, in HOME_TYPES order (types with 0 included). */
export function homeTypeCounts(count: number, mix: HomeMix = DEFAULT_HOME_TYPE_WEIGHTS): [HomeType, number][] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`home count must be a non-negative integer, got ${count}`);
  const counts = new Map<HomeType, number>(HOME_TYPES.map((t) => [t, 0]));
  if (isTypeList(mix)) {
    const types = [...new Set(mix)];
    if (types.length === 0) throw new Error('the home-type list is empty');
    const base = Math.floor(count / types.length);
    types.forEach((t, i) => counts.set(t, base + (i < count % types.length ? 1 : 0)));
  } else {
    const weights = HOME_TYPES.map((t) => [t, mix[t] ?? 0] as const);
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    if (!(total > 0) || weights.some(([, w]) => !(w >= 0)))
      throw new Error('home-type weights must be ≥ 0 with a positive sum');
    let assigned = 0;
    let heaviest: HomeType = 'single_family_house';
    let heaviestWeight = -1;
    for (const [type, weight] of weights) {
      const n = Math.floor((weight / total) * count);
      counts.set(type, n);
      assigned += n;
      if (weight > heaviestWeight) {
        heaviest = type;
        heaviestWeight = weight;
      }
    }
    counts.set(heaviest, (counts.get(heaviest) ?? 0) + count - assigned);
  }
  return HOME_TYPES.map((t) => [t, counts.get(t) ?? 0]);
}

function isTypeList(mix: HomeMix): mix is readonly HomeType[] {
  return Array.isArray(mix);
}

/**
 * The plan of a run: `count` homes with the mix's type counts in a seeded shuffled order (so a run
 * stopped early, e.g. by quota, still has a spread of types), each with a size category drawn
 * small 30 % / medium 40 % / large 20 % / extra_large 10 %.
 */
export function planHomes(count: number, mix: HomeMix | undefined, seed: number): HomePlanItem[] {
  const types: HomeType[] = [];
  for (const [type, n] of homeTypeCounts(count, mix)) for (let i = 0; i < n; i++) types.push(type);
  const rng = createRng(deriveSeed(seed, 'llm-home-plan'));
  rng.shuffle(types);
  const cumulative: number[] = [];
  let sum = 0;
  for (const size of SIZE_CATEGORIES) {
    sum += SIZE_CATEGORY_WEIGHTS[size];
    cumulative.push(sum);
  }
  return types.map((homeType, index) => ({
    index,
    homeType,
    sizeCategory: SIZE_CATEGORIES[pickCumulative(rng, cumulative)] ?? 'medium',
  }));
}
