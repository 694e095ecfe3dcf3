import type { HomeType } from '../home-types';
import type { Rng } from '../random';
import { AreaPlan } from './area-plan';
import { apartment, condo, studio } from './flat-area-templates';
import type { Area, SizeCategory } from './home-schema';
import { cottage, multiStory, ranch, singleFamily, townhouse } from './house-area-templates';

/**
 * Room layouts of template homes: the original area templates (§6.3) grown into type-specific plans with
 * variation. Each type draws its building shape from overlapping distributions (docs/home-structure.md
 * gives the tables and where they come from): most flats are upstairs but some are on the ground floor
 * with a garden, most studios are one room but some have a sleeping alcove or a small bedroom, a
 * townhouse has one to three levels, a ranch may have a basement, a cottage a loft, a multi-story home
 * two to four floors. No structural value belongs to one type only, so a classifier cannot read the
 * type off one room or one floor number (issue 12).
 *
 * Floors: 0 is the ground floor, negative floors are below ground; a flat's floor is its building floor.
 */

/** The rooms and outdoor areas of a template home (names unique within the home). */
export function buildTemplateAreas(homeType: HomeType, size: SizeCategory, rng: Rng): Area[] {
  const plan = new AreaPlan(rng, size);
  switch (homeType) {
    case 'apartment':
      apartment(plan);
      break;
    case 'condo':
      condo(plan);
      break;
    case 'studio':
      studio(plan);
      break;
    case 'townhouse':
      townhouse(plan);
      break;
    case 'single_family_house':
      singleFamily(plan);
      break;
    case 'ranch_house':
      ranch(plan);
      break;
    case 'cottage':
      cottage(plan);
      break;
    case 'multi_story':
      multiStory(plan);
      break;
    default: {
      const never: never = homeType;
      throw new Error(`unknown home type ${String(never)}`);
    }
  }
  return plan.areas;
}
