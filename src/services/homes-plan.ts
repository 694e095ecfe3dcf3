import type { SizeCategory } from '../domain/homes/home-schema';
import { SIZE_CATEGORIES } from '../domain/homes/home-schema';
import { createRng, deriveSeed, pickCumulative } from '../domain/random';
import { SIZE_CATEGORY_WEIGHTS, planHomes, type HomeMix, type HomePlanItem } from '../domain/homes/home-plan';

/**
 * The plan of a synthesis run: the original's home-type counts and size shares (planHomes), optionally
 * limited to some size categories. A limited plan keeps the original's relative weights among the chosen
 * sizes: a home whose drawn size is not chosen draws again among the chosen ones, from its own seeded
 * stream, so the same settings always give the same plan (and a resume asks for the same homes).
 */
export function planRunHomes(
  count: number,
  mix: HomeMix | null,
  sizes: readonly SizeCategory[] | null,
  seed: number,
): HomePlanItem[] {
  const plan = planHomes(count, mix ?? undefined, seed);
  const allowed = SIZE_CATEGORIES.filter((s) => sizes === null || sizes.includes(s));
  if (allowed.length === 0) throw new Error('choose at least one size category');
  if (allowed.length === SIZE_CATEGORIES.length) return plan;
  const cumulative: number[] = [];
  let sum = 0;
  for (const s of allowed) {
    sum += SIZE_CATEGORY_WEIGHTS[s];
    cumulative.push(sum);
  }
  const rng = createRng(deriveSeed(seed, 'home-plan-sizes'));
  return plan.map((item) =>
    allowed.includes(item.sizeCategory)
      ? item
      : { ...item, sizeCategory: allowed[pickCumulative(rng, cumulative)] ?? item.sizeCategory },
  );
}
