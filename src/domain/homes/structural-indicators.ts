import { HOME_TYPES, type HomeType } from '../home-types';
import { type AreaKind, areaKind, isOutdoorKind } from './area-kinds';
import type { HomeContent } from './home-schema';

/**
 * Structural indicators of a home: what its rooms, floors, outdoor space and household say about it,
 * read the way the classifier features read them (rooms classified by areaKind, indoor = not an outdoor
 * kind, floors from each area's `floor`). Used to measure how much of a home's type its structure alone
 * gives away (issue 12): a value that occurs (almost) only in one type lets a classifier learn the
 * generator's grammar instead of the home.
 */

/** The parts of a home the indicators read. */
export type StructuralHome = Pick<HomeContent, 'areas' | 'occupants' | 'size_category'>;

/** Kinds that are not lived in: they do not make a floor the home's entrance level. */
const SERVICE_KINDS: ReadonlySet<AreaKind> = new Set<AreaKind>(['garage', 'basement', 'storage']);

function kinds(home: StructuralHome): AreaKind[] {
  return home.areas.map((a) => areaKind(a));
}

function indoorFloors(home: StructuralHome): number[] {
  const k = kinds(home);
  return home.areas.filter((_, i) => !isOutdoorKind(k[i] ?? 'living')).map((a) => a.floor);
}

/** A bedroom-kind room (bedroom, nursery, guest room, sleeping alcove or loft) exists. */
export function hasSeparateBedroom(home: StructuralHome): boolean {
  return bedroomCount(home) > 0;
}

/** Rooms classified as bedrooms. */
export function bedroomCount(home: StructuralHome): number {
  return kinds(home).filter((k) => k === 'bedroom').length;
}

/** Rooms classified as bathrooms (including powder rooms). */
export function bathroomCount(home: StructuralHome): number {
  return kinds(home).filter((k) => k === 'bathroom').length;
}

/** Indoor areas (every area whose kind is not an outdoor kind). */
export function indoorRoomCount(home: StructuralHome): number {
  return indoorFloors(home).length;
}

/**
 * The lowest floor of the lived-in rooms (garages, basements, storage and hallways left out, so a condo
 * over its parking level, or a tuck-under townhouse above its garage and entry, counts as upstairs); 0
 * when the home has no such room.
 */
export function lowestLivingFloor(home: StructuralHome): number {
  const k = kinds(home);
  const floors = home.areas
    .filter((_, i) => {
      const kind = k[i] ?? 'living';
      return !isOutdoorKind(kind) && !SERVICE_KINDS.has(kind) && kind !== 'hallway';
    })
    .map((a) => a.floor);
  return floors.length === 0 ? 0 : Math.min(...floors);
}

/** The lived-in rooms start above the ground floor (a flat upstairs). */
export function isAboveGround(home: StructuralHome): boolean {
  return lowestLivingFloor(home) >= 1;
}

/** Distinct floor values of the indoor areas (a basement and an attic count as levels). */
export function levelCount(home: StructuralHome): number {
  return new Set(indoorFloors(home)).size;
}

/** Any outdoor area (balcony, terrace, porch, patio, yard, garden, driveway, pool). */
export function hasOutdoorArea(home: StructuralHome): boolean {
  return kinds(home).some((k) => isOutdoorKind(k));
}

/** A yard or garden (ground you own, not just a balcony). */
export function hasYardOrGarden(home: StructuralHome): boolean {
  return kinds(home).some((k) => k === 'yard' || k === 'garden');
}

/** A garage, carport or parking space among the areas. */
export function hasGarage(home: StructuralHome): boolean {
  return kinds(home).some((k) => k === 'garage');
}

/** A basement or cellar, or any indoor area below floor 0. */
export function hasBasement(home: StructuralHome): boolean {
  return kinds(home).some((k) => k === 'basement') || indoorFloors(home).some((f) => f < 0);
}

/** Occupants of the home. */
export function occupantCount(home: StructuralHome): number {
  return home.occupants.length;
}

/** A structural indicator: a name and a discrete value per home (counts are binned, see each). */
export interface StructuralIndicator {
  name: string;
  /** What the value means, for reports. */
  description: string;
  value(home: StructuralHome): string;
}

const capped = (n: number, cap: number): string => (n >= cap ? `${cap}+` : String(n));

function roomBin(n: number): string {
  if (n <= 4) return '≤4';
  if (n <= 6) return '5–6';
  if (n <= 8) return '7–8';
  if (n <= 11) return '9–11';
  if (n <= 14) return '12–14';
  return '15+';
}

/** The indicators measured by the tests and docs/home-structure.md. */
export const STRUCTURAL_INDICATORS: readonly StructuralIndicator[] = [
  { name: 'separate_bedroom', description: 'a bedroom-kind room exists', value: (h) => String(hasSeparateBedroom(h)) },
  { name: 'above_ground', description: 'lived-in rooms start on floor ≥ 1', value: (h) => String(isAboveGround(h)) },
  {
    name: 'lowest_floor',
    description: 'lowest lived-in floor (−1, 0, 1, 2, 3+)',
    value: (h) => capped(lowestLivingFloor(h), 3),
  },
  { name: 'levels', description: 'distinct indoor floor values (1, 2, 3, 4+)', value: (h) => capped(levelCount(h), 4) },
  { name: 'single_level', description: 'exactly one indoor level', value: (h) => String(levelCount(h) === 1) },
  { name: 'three_plus_levels', description: 'three or more indoor levels', value: (h) => String(levelCount(h) >= 3) },
  { name: 'outdoor_area', description: 'any outdoor area', value: (h) => String(hasOutdoorArea(h)) },
  { name: 'yard_or_garden', description: 'a yard or garden', value: (h) => String(hasYardOrGarden(h)) },
  { name: 'garage', description: 'a garage, carport or parking area', value: (h) => String(hasGarage(h)) },
  { name: 'basement', description: 'a basement or an indoor area below floor 0', value: (h) => String(hasBasement(h)) },
  { name: 'bedrooms', description: 'bedroom-kind rooms (0 … 5+)', value: (h) => capped(bedroomCount(h), 5) },
  { name: 'bathrooms', description: 'bathroom-kind rooms (0 … 4+)', value: (h) => capped(bathroomCount(h), 4) },
  {
    name: 'indoor_rooms',
    description: 'indoor areas, binned ≤4, 5–6, 7–8, 9–11, 12–14, 15+',
    value: (h) => roomBin(indoorRoomCount(h)),
  },
  { name: 'size_category', description: 'the size category', value: (h) => h.size_category },
  { name: 'occupants', description: 'occupants (1 … 6+)', value: (h) => capped(occupantCount(h), 6) },
];

/**
 * The six indicators of issue 12's "signature" measurement: the yes/no structure columns of the
 * classifier features (has_separate_bedroom, above_ground, single_level, three_plus_levels, has_yard,
 * has_garage).
 */
export const SIGNATURE_INDICATORS: readonly string[] = [
  'separate_bedroom',
  'above_ground',
  'single_level',
  'three_plus_levels',
  'yard_or_garden',
  'garage',
];

/** The indicator of that name. */
export function structuralIndicator(name: string): StructuralIndicator {
  const found = STRUCTURAL_INDICATORS.find((i) => i.name === name);
  if (found === undefined) throw new Error(`unknown structural indicator ${name}`);
  return found;
}

/** A home with its type, as the purity measures need. */
export type TypedStructuralHome = StructuralHome & Pick<HomeContent, 'home_type'>;

/** Values whose homes are fewer than this share of all homes are too rare to count in the purity. */
export const PURITY_MIN_SHARE = 0.01;

/** One value of an indicator: how many homes have it, and how dominated it is by one type. */
export interface IndicatorValuePurity {
  value: string;
  count: number;
  /** count / all homes. */
  share: number;
  majorityType: HomeType;
  /** Share of this value's homes that are of majorityType. */
  purity: number;
}

/** typePurity's answer: the purity of the indicator and the detail per value (most frequent first). */
export interface IndicatorPurity {
  name: string;
  /** Max purity over the values held by ≥ PURITY_MIN_SHARE of the homes; 0 with no homes. */
  purity: number;
  values: IndicatorValuePurity[];
}

function typeCounts(): Map<HomeType, number> {
  return new Map(HOME_TYPES.map((t) => [t, 0]));
}

function majority(counts: ReadonlyMap<HomeType, number>): [HomeType, number] {
  let best: HomeType = HOME_TYPES[0];
  let bestCount = -1;
  for (const [t, n] of counts) {
    if (n > bestCount) {
      best = t;
      bestCount = n;
    }
  }
  return [best, Math.max(0, bestCount)];
}

/**
 * How much one indicator gives the type away: for each value, the share of the homes with that value
 * that belong to its most common type; the indicator's purity is the largest of these over the values
 * that at least PURITY_MIN_SHARE (1 %) of the homes have (rarer values are noise in 1,000 homes, and
 * cannot carry a classifier). With an even mix of the 8 types, 0.125 means "no information".
 */
export function typePurity(
  homes: readonly TypedStructuralHome[],
  indicator: StructuralIndicator | string,
): IndicatorPurity {
  const ind = typeof indicator === 'string' ? structuralIndicator(indicator) : indicator;
  const byValue = new Map<string, Map<HomeType, number>>();
  for (const home of homes) {
    const v = ind.value(home);
    let counts = byValue.get(v);
    if (counts === undefined) {
      counts = typeCounts();
      byValue.set(v, counts);
    }
    counts.set(home.home_type, (counts.get(home.home_type) ?? 0) + 1);
  }
  const values: IndicatorValuePurity[] = [];
  for (const [value, counts] of byValue) {
    let count = 0;
    for (const n of counts.values()) count += n;
    const [majorityType, top] = majority(counts);
    values.push({ value, count, share: count / homes.length, majorityType, purity: count === 0 ? 0 : top / count });
  }
  values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  let purity = 0;
  for (const v of values) if (v.share >= PURITY_MIN_SHARE) purity = Math.max(purity, v.purity);
  return { name: ind.name, purity, values };
}

/** signatureMajority's answer. */
export interface SignatureMajority {
  /** Distinct combinations of the indicators' values. */
  signatures: number;
  /**
   * Share of homes whose type is the most common type of their signature: the accuracy of a lookup
   * table from signature to type, fitted and scored on the same homes (an optimistic upper bound).
   */
  score: number;
}

/** The majority-type-per-signature score over several indicators (default: SIGNATURE_INDICATORS). */
export function signatureMajority(
  homes: readonly TypedStructuralHome[],
  indicators: readonly (StructuralIndicator | string)[] = SIGNATURE_INDICATORS,
): SignatureMajority {
  const inds = indicators.map((i) => (typeof i === 'string' ? structuralIndicator(i) : i));
  const bySignature = new Map<string, Map<HomeType, number>>();
  for (const home of homes) {
    const key = inds.map((i) => i.value(home)).join('|');
    let counts = bySignature.get(key);
    if (counts === undefined) {
      counts = typeCounts();
      bySignature.set(key, counts);
    }
    counts.set(home.home_type, (counts.get(home.home_type) ?? 0) + 1);
  }
  let hits = 0;
  for (const counts of bySignature.values()) hits += majority(counts)[1];
  return { signatures: bySignature.size, score: homes.length === 0 ? 0 : hits / homes.length };
}
