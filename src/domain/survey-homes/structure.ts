import type { HomeType } from '../home-types';
import type { SizeCategory } from '../homes/home-schema';
import type { Rng } from '../random';
import { drawFrom, quantileOf, withChance } from './draw';
import { BUILDING_STORIES, fullBathTable } from './building-tables';
import {
  type BasementKind,
  type Cooling,
  type GarageKind,
  type Heating,
  type Levels,
  type OutdoorKind,
  SIZE_BANDS,
  STRUCTURE_PROFILES,
  type StructureClass,
} from './structure-tables';

/** The drawn shape of one survey home, before rooms are named and placed. */
export interface SurveyStructure {
  structure: StructureClass;
  owner: boolean;
  /** Whole above-ground levels of the home (a half story counts as a level, flagged by `halfStory`). */
  levels: number;
  halfStory: boolean;
  /** Floor of the home's lowest above-ground level: 0 is the ground floor; a flat's building floor. */
  baseFloor: number;
  /** Stories of the building a flat is in (a house: its own levels). */
  buildingStories: number;
  basement: BasementKind;
  bedrooms: number;
  fullBaths: number;
  halfBaths: number;
  garage: GarageKind;
  heating: Heating;
  cooling: Cooling;
  outdoor: OutdoorKind[];
  /** Position in the type's size distribution, [0, 1). */
  sizeQuantile: number;
  /** Multiplies the chances of optional rooms: larger homes of a type have more of them. */
  roomFactor: number;
  secondHome: boolean;
}

const LEVELS: Readonly<Record<Levels, { levels: number; half: boolean }>> = {
  '1': { levels: 1, half: false },
  '1.5': { levels: 2, half: true },
  '2': { levels: 2, half: false },
  '2.5': { levels: 3, half: true },
  '3': { levels: 3, half: false },
  '4': { levels: 4, half: false },
};

/** Above-ground floor of a flat in a building of `stories`: any floor equally likely (floor 0 is the ground). */
function flatFloor(structure: StructureClass, rng: Rng): { baseFloor: number; buildingStories: number } {
  if (structure === 'accessory') {
    // A basement flat (floor -1) or a flat over a garage (floor 1), assumed half and half.
    return withChance(rng, 0.5) ? { baseFloor: -1, buildingStories: 2 } : { baseFloor: 1, buildingStories: 2 };
  }
  if (structure === 'units_2_4' || structure === 'units_5_plus') {
    const stories = drawFrom(rng, BUILDING_STORIES[structure]);
    // The schema allows floors up to 10: a flat higher up a tower is recorded at 10.
    return { baseFloor: Math.min(10, rng.int(0, stories - 1)), buildingStories: stories };
  }
  return { baseFloor: 0, buildingStories: 0 };
}

/** Draws the structure of a survey home of `homeType` in the `sizeCategory` band of its type. */
export function drawStructure(homeType: HomeType, sizeCategory: SizeCategory, rng: Rng): SurveyStructure {
  const p = STRUCTURE_PROFILES[homeType];
  const [lo, hi] = SIZE_BANDS[sizeCategory];
  const sizeQuantile = rng.uniform(lo, hi);
  const structure = drawFrom(rng, p.structure);
  const shape = LEVELS[drawFrom(rng, p.levels)];
  const flat = structure !== 'detached' && structure !== 'attached';
  const { baseFloor, buildingStories } = flat
    ? flatFloor(structure, rng)
    : { baseFloor: 0, buildingStories: shape.levels };
  // A two-level flat needs a floor above it in its building.
  const levels = flat && baseFloor + shape.levels > Math.max(1, buildingStories) ? 1 : shape.levels;
  const bedrooms = quantileOf(p.bedrooms, sizeQuantile);
  // Bathrooms follow bedrooms, nudged by the size position (a large 3-bedroom home has more baths).
  const bathDraw = 0.6 * rng.next() + 0.4 * sizeQuantile;
  const fullBaths = bedrooms === 0 ? 1 : quantileOf(fullBathTable(bedrooms), bathDraw);
  const halfBaths = withChance(rng, p.halfBath * (0.7 + 0.6 * sizeQuantile))
    ? levels >= 3 && withChance(rng, 0.25)
      ? 2
      : 1
    : 0;
  const ground = baseFloor === 0;
  const outdoor: OutdoorKind[] = [];
  for (const [kind, chance] of Object.entries(p.outdoor) as [OutdoorKind, number][]) {
    // Flats: a balcony is above the ground floor; a patio or yard belongs to a ground-floor (garden) flat.
    if (flat && kind === 'balcony' && baseFloor < 1) continue;
    if (flat && (kind === 'patio' || kind === 'yard') && !ground) continue;
    if (withChance(rng, chance)) outdoor.push(kind);
  }
  const garage = drawFrom(rng, p.garage);
  if (garage === 'none' && outdoor.includes('driveway') && withChance(rng, 0.5))
    outdoor.splice(outdoor.indexOf('driveway'), 1);
  return {
    structure,
    owner: withChance(rng, p.ownerShare),
    levels,
    halfStory: levels === shape.levels && shape.half,
    baseFloor,
    buildingStories: flat ? buildingStories : levels,
    basement: drawFrom(rng, p.basement),
    bedrooms,
    fullBaths,
    halfBaths,
    garage,
    heating: drawFrom(rng, p.heating),
    cooling: drawFrom(rng, p.cooling),
    outdoor,
    sizeQuantile,
    roomFactor: 0.55 + 0.9 * sizeQuantile,
    secondHome: withChance(rng, p.secondHome),
  };
}
