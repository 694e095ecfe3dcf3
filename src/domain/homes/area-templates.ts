import type { HomeType } from '../home-types';
import type { Rng } from '../random';
import type { Area, SizeCategory } from './home-schema';

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

const SIZE_FACTOR: Readonly<Record<SizeCategory, number>> = {
  small: 0.65,
  medium: 1,
  large: 1.3,
  extra_large: 1.6,
};

/** Weighted options: [value, weight] pairs, weights need not sum to 1. */
type Weighted<T> = readonly (readonly [T, number])[];

/** Per size category, a weighted table. */
type BySize<T> = Readonly<Record<SizeCategory, Weighted<T>>>;

class AreaPlan {
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

/** Bedrooms of flats (apartments and condos) by size. */
const FLAT_BEDROOMS: BySize<number> = {
  small: [[0, 24], [1, 54], [2, 22]],
  medium: [[0, 7], [1, 36], [2, 45], [3, 12]],
  large: [[1, 12], [2, 48], [3, 34], [4, 6]],
  extra_large: [[2, 30], [3, 48], [4, 22]],
};

/** A flat's building floor: a quarter on the ground floor (low-rise buildings), the rest skewed low. */
const FLAT_FLOORS: Weighted<number> = [
  [0, 26], [1, 18], [2, 15], [3, 11], [4, 8], [5, 6], [6, 5], [7, 4], [8, 3], [9, 4],
];

/** The outdoor space of a flat on `floor` (ground-floor flats may have a garden or patio). */
function flatOutdoor(p: AreaPlan, floor: number, balcony: number, garden: number): void {
  if (floor <= 0) {
    const out = p.weighted<string | null>([['Garden', garden], ['Patio', 0.3], ['Terrace', 0.1], [null, Math.max(0, 0.6 - garden)]]);
    if (out !== null) p.outdoor(out, 0);
    return;
  }
  if (p.chance(balcony)) p.outdoor(p.chance(0.8) ? 'Balcony' : 'Terrace', floor);
}

function apartment(p: AreaPlan): void {
  const floor = p.weighted(FLAT_FLOORS);
  const beds = p.bySize(FLAT_BEDROOMS);
  // Maisonettes: a flat over two floors of its building, bedrooms upstairs.
  const upper = beds >= 2 && p.maybe(0.08) ? floor + 1 : floor;
  p.room('Living Room', floor);
  p.room(beds === 0 ? 'Kitchenette' : 'Kitchen', floor);
  p.room('Bathroom', upper);
  p.bedrooms(beds, 'Bedroom', () => upper);
  if (beds >= 2 && p.maybe(0.25)) p.room('Second Bathroom', upper);
  if (p.chance(0.5)) p.room('Hallway', floor);
  if (p.maybe(0.15)) p.room('Office', floor);
  if (p.maybe(0.2)) p.room('Storage', floor);
  if (p.maybe(0.12)) p.room('Laundry', floor);
  // Building extras some tenants list: a storage cage in the cellar, a parking space or garage.
  if (p.chance(0.1)) p.room('Cellar Storage', -1);
  if (p.chance(0.14)) p.room(p.chance(0.5) ? 'Parking Garage' : 'Garage', p.chance(0.6) ? -1 : 0);
  flatOutdoor(p, floor, 0.6, 0.35);
}

type CondoShape = 'tower' | 'low_rise' | 'converted_house' | 'townhome';

function condo(p: AreaPlan): void {
  const shape = p.weighted<CondoShape>([['tower', 45], ['low_rise', 25], ['converted_house', 15], ['townhome', 15]]);
  const beds = p.bySize(FLAT_BEDROOMS);
  let floor: number;
  let upper: number;
  switch (shape) {
    case 'tower':
      floor = p.int(2, 9);
      upper = (p.size === 'large' || p.size === 'extra_large') && p.chance(0.25) ? floor + 1 : floor;
      break;
    case 'low_rise':
      floor = p.int(0, 3);
      upper = floor;
      break;
    case 'converted_house':
      // A flat in a house divided into flats: ground, first or top floor, sometimes over two floors.
      floor = p.weighted([[0, 40], [1, 35], [2, 25]]);
      upper = p.chance(0.3) ? floor + 1 : floor;
      break;
    case 'townhome':
      // A townhouse-style condo: own front door, two floors.
      floor = 0;
      upper = p.chance(0.85) ? 1 : 0;
      break;
    default: {
      const never: never = shape;
      throw new Error(`unknown condo shape ${String(never)}`);
    }
  }
  p.room('Living Room', floor);
  p.room('Kitchen', floor);
  p.bedrooms(beds, beds === 1 ? 'Bedroom' : 'Master Bedroom', () => upper);
  p.room('Bathroom', upper);
  if (beds >= 2 && p.maybe(0.5)) p.room('Master Bathroom', upper);
  if (shape === 'townhome' && upper > floor && p.chance(0.5)) p.room('Powder Room', floor);
  if (p.chance(0.6)) p.room('Entry', floor);
  if (p.maybe(0.4)) p.room('Dining Room', floor);
  if (p.maybe(0.3)) p.room('Office', floor);
  if (p.maybe(0.35)) p.room('Laundry', floor);
  if (p.maybe(0.15)) p.room('Storage', floor);
  switch (shape) {
    case 'tower':
      if (p.chance(0.45)) p.room('Parking Garage', -1);
      if (p.chance(0.85)) p.outdoor(p.chance(0.5) ? 'Terrace' : 'Balcony', floor);
      break;
    case 'low_rise':
      if (p.chance(0.35)) p.room(p.chance(0.5) ? 'Garage' : 'Parking Garage', p.chance(0.5) ? 0 : -1);
      flatOutdoor(p, floor, 0.8, 0.3);
      break;
    case 'converted_house':
      if (p.chance(0.3)) p.room('Basement Storage', -1);
      if (p.chance(0.15)) p.room('Garage', 0);
      if (p.chance(0.55)) p.outdoor(floor === 0 ? 'Garden' : 'Shared Garden', 0);
      if (floor > 0 && p.chance(0.3)) p.outdoor('Balcony', floor);
      break;
    case 'townhome':
      if (p.chance(0.7)) p.room('Garage', 0);
      if (p.chance(0.7)) p.outdoor('Patio');
      if (p.chance(0.3)) p.outdoor('Backyard');
      if (upper > 0 && p.chance(0.25)) p.outdoor('Balcony', upper);
      break;
    default: {
      const never: never = shape;
      throw new Error(`unknown condo shape ${String(never)}`);
    }
  }
}

function studio(p: AreaPlan): void {
  // Below ground (a lower-ground or basement flat), ground floor, or upstairs.
  const floor = p.weighted([[-1, 6], [0, 24], [1, 18], [2, 15], [3, 12], [4, 9], [5, 7], [6, 5], [7, 4]]);
  p.room('Main Room', floor);
  p.room('Kitchen Area', floor);
  p.room('Bathroom', floor);
  // Usually one room; some have a sleeping alcove or loft, a few a small separate bedroom.
  const sleeping = p.bySize<string | null>({
    small: [[null, 72], ['Sleeping Alcove', 18], ['Sleeping Loft', 6], ['Bedroom', 4]],
    medium: [[null, 60], ['Sleeping Alcove', 22], ['Sleeping Loft', 8], ['Bedroom', 10]],
    large: [[null, 50], ['Sleeping Alcove', 24], ['Sleeping Loft', 10], ['Bedroom', 16]],
    extra_large: [[null, 45], ['Sleeping Alcove', 25], ['Sleeping Loft', 10], ['Bedroom', 20]],
  });
  // A loft studio's sleeping loft is reached by stairs: a level of its own.
  if (sleeping !== null) p.room(sleeping, sleeping === 'Sleeping Loft' && p.chance(0.5) ? floor + 1 : floor);
  if (p.chance(0.6)) p.room('Closet', floor);
  if (p.maybe(0.2)) p.room('Entry', floor);
  if (p.chance(0.06)) p.room('Cellar Storage', floor <= -1 ? -2 : -1);
  if (p.chance(0.05)) p.room('Parking Garage', -1);
  if (floor <= 0) {
    const out = p.weighted<string | null>([['Garden', 25], ['Patio', 20], [null, 55]]);
    if (out !== null) p.outdoor(out, 0);
  } else if (p.chance(0.3)) {
    p.outdoor('Balcony', floor);
  }
}

function townhouse(p: AreaPlan): void {
  // Single-story attached homes, the common two-story row house, three stories, and a few tall
  // four-story town houses (brownstones, Georgian terraces).
  const stories = p.bySize<number>({
    small: [[1, 20], [2, 60], [3, 20]],
    medium: [[1, 12], [2, 53], [3, 31], [4, 4]],
    large: [[1, 8], [2, 45], [3, 39], [4, 8]],
    extra_large: [[1, 5], [2, 40], [3, 43], [4, 12]],
  });
  // Tuck-under: the garage and entry take the ground floor, the home starts one floor up.
  const tuckUnder = stories >= 3 && p.chance(0.3);
  const living = tuckUnder ? 1 : 0;
  const top = stories - 1;
  const bedFloor = stories === 1 ? 0 : living + 1;
  const beds = p.bySize<number>({
    small: [[1, 30], [2, 55], [3, 15]],
    medium: [[2, 45], [3, 45], [4, 10]],
    large: [[2, 15], [3, 55], [4, 30]],
    extra_large: [[3, 45], [4, 45], [5, 10]],
  });
  if (p.chance(0.7) || tuckUnder) p.room('Entry', 0);
  if (tuckUnder || p.chance(0.6)) p.room('Garage', 0);
  p.room('Living Room', living);
  p.room('Kitchen', living);
  if (stories > 1 && p.chance(0.55)) p.room('Powder Room', living);
  if (p.maybe(0.3)) p.room('Dining Room', living);
  // The third and later bedrooms go on the top floor when there is one above the bedroom floor.
  p.bedrooms(beds, 'Master Bedroom', (i) => (i >= 3 && top > bedFloor ? top : bedFloor));
  p.room('Bathroom', bedFloor);
  if (p.maybe(0.4)) p.room('Master Bathroom', bedFloor);
  if (p.maybe(0.35)) p.room('Laundry', bedFloor);
  for (let f = bedFloor + 1; f <= top; f++) p.room(f < top ? 'Den' : p.chance(0.5) ? 'Office' : 'Bonus Room', f);
  if (top > bedFloor && p.chance(0.35)) p.outdoor('Roof Terrace', top);
  if (p.chance(0.3)) {
    p.room('Basement', -1);
    if (p.maybe(0.25)) p.room('Basement Bathroom', -1);
  }
  if (tuckUnder && p.chance(0.6)) p.outdoor('Balcony', living);
  if (p.chance(0.6)) p.outdoor('Patio');
  if (p.chance(0.3)) p.outdoor('Front Stoop');
  if (p.chance(0.35)) p.outdoor(p.chance(0.7) ? 'Backyard' : 'Garden');
}

function singleFamily(p: AreaPlan): void {
  const stories = p.bySize<number>({
    small: [[1, 55], [2, 42], [3, 3]],
    medium: [[1, 38], [2, 55], [3, 7]],
    large: [[1, 28], [2, 57], [3, 15]],
    extra_large: [[1, 18], [2, 60], [3, 22]],
  });
  const up = stories === 1 ? 0 : 1;
  const beds = p.bySize<number>({
    small: [[1, 8], [2, 42], [3, 45], [4, 5]],
    medium: [[2, 12], [3, 50], [4, 32], [5, 6]],
    large: [[3, 35], [4, 45], [5, 17], [6, 3]],
    extra_large: [[3, 10], [4, 40], [5, 35], [6, 15]],
  });
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  if (p.maybe(0.65)) p.room('Dining Room', 0);
  if (p.maybe(0.4)) p.room('Family Room', 0);
  if (p.chance(0.5)) p.room('Hallway', 0);
  if (up === 1 && p.chance(0.55)) p.room('Powder Room', 0);
  if (p.maybe(0.5)) p.room('Laundry', 0);
  const garage = p.weighted<string | null>([['Garage', 78], ['Carport', 6], [null, 16]]);
  if (garage !== null) p.room(garage, 0);
  // Bedrooms on the bedroom floor; a three-story house puts the fourth and later ones on the top floor.
  p.bedrooms(beds, 'Master Bedroom', (i) => (stories === 3 && i >= 4 ? 2 : up));
  if (p.maybe(0.7)) p.room('Master Bathroom', up);
  p.room('Bathroom', up);
  if (beds >= 3 && p.maybe(0.3)) p.room('Second Bathroom', stories === 3 ? 2 : up);
  // A third story under the roof: a bonus room or an office at least.
  if (stories === 3) p.room(p.chance(0.5) ? 'Bonus Room' : 'Attic Office', 2);
  if (p.maybe(0.35)) p.room('Office', up);
  if (p.chance(0.35)) {
    p.room('Basement', -1);
    if (p.maybe(0.3)) p.room('Rec Room', -1);
    if (p.maybe(0.2)) p.room('Basement Bathroom', -1);
  }
  if (p.maybe(0.12)) p.room('Mudroom', 0);
  if (p.maybe(0.12)) p.room('Playroom', up);
  if (p.maybe(0.08)) p.room('Home Gym', p.areas.some((a) => a.floor < 0) ? -1 : 0);
  if (stories >= 2 && p.chance(0.12)) p.room('Attic Room', stories);
  if (p.chance(0.86)) p.outdoor('Front Yard');
  if (p.chance(0.9)) p.outdoor('Backyard');
  if (p.maybe(0.4)) p.outdoor(p.chance(0.5) ? 'Patio' : 'Deck');
  if (p.maybe(0.45)) p.outdoor('Driveway');
  if (p.maybe(0.06)) p.outdoor('Pool');
}

function ranch(p: AreaPlan): void {
  const beds = p.bySize<number>({
    small: [[1, 8], [2, 60], [3, 32]],
    medium: [[2, 35], [3, 55], [4, 10]],
    large: [[3, 55], [4, 40], [5, 5]],
    extra_large: [[3, 30], [4, 55], [5, 15]],
  });
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  if (p.maybe(0.55)) p.room('Dining Room', 0);
  if (p.maybe(0.35)) p.room('Den', 0);
  p.bedrooms(beds, 'Master Bedroom', () => 0);
  if (p.maybe(0.65)) p.room('Master Bathroom', 0);
  p.room('Bathroom', 0);
  if (p.maybe(0.2)) p.room('Powder Room', 0);
  if (p.maybe(0.6)) p.room(p.chance(0.5) ? 'Laundry' : 'Mudroom', 0);
  const garage = p.weighted<string | null>([['Garage', 76], ['Carport', 8], [null, 16]]);
  if (garage !== null) p.room(garage, 0);
  if (p.maybe(0.35)) p.room('Workshop', 0);
  if (p.chance(0.35)) p.room('Hallway', 0);
  // Many ranches stand on a basement (often finished); a few have a bonus room over the garage.
  if (p.chance(0.35)) {
    p.room('Basement', -1);
    if (p.maybe(0.35)) p.room('Lower-Level Family Room', -1);
  }
  if (garage === 'Garage' && p.chance(0.08)) p.room('Bonus Room', 1);
  if (p.chance(0.92)) p.outdoor('Front Yard');
  if (p.chance(0.95)) p.outdoor('Backyard');
  if (p.chance(0.7)) p.outdoor('Front Porch');
  if (p.maybe(0.45)) p.outdoor('Patio');
  if (p.maybe(0.45)) p.outdoor('Garden');
  if (p.maybe(0.5)) p.outdoor('Driveway');
  if (p.maybe(0.08)) p.outdoor('Pool');
}

type CottageShape = 'one_room' | 'single_level' | 'loft' | 'two_story';

function cottage(p: AreaPlan): void {
  const shape = p.bySize<CottageShape>({
    small: [['one_room', 12], ['single_level', 53], ['loft', 25], ['two_story', 10]],
    medium: [['one_room', 6], ['single_level', 46], ['loft', 30], ['two_story', 18]],
    large: [['one_room', 2], ['single_level', 38], ['loft', 30], ['two_story', 30]],
    extra_large: [['single_level', 35], ['loft', 30], ['two_story', 35]],
  });
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  p.room('Bathroom', 0);
  if (shape !== 'one_room') {
    const upstairs = shape === 'two_story' ? 1 : 0;
    const beds = p.bySize<number>({
      small: [[1, 75], [2, 25]],
      medium: [[1, 45], [2, 45], [3, 10]],
      large: [[1, 20], [2, 55], [3, 25]],
      extra_large: [[2, 45], [3, 45], [4, 10]],
    });
    p.bedrooms(beds, 'Bedroom', (i) => (i === 1 && shape === 'two_story' && p.chance(0.3) ? 0 : upstairs));
    if (shape === 'two_story' && p.chance(0.3)) p.room('Upstairs Bathroom', 1);
  }
  // A loft under the roof, reached by a ladder or stair.
  if (shape === 'loft') p.room(p.chance(0.6) ? 'Loft' : 'Sleeping Loft', 1);
  if (p.maybe(0.3)) p.room('Sunroom', 0);
  if (p.maybe(0.35)) p.room('Mudroom', 0);
  if (p.maybe(0.15)) p.room('Study', 0);
  if (p.chance(0.1)) p.room('Cellar', -1);
  const garage = p.weighted<string | null>([['Garage', 14], ['Carport', 8], [null, 78]]);
  if (garage !== null) p.room(garage, 0);
  if (p.chance(0.85)) p.outdoor('Porch');
  if (p.chance(0.88)) p.outdoor('Garden');
  if (p.maybe(0.35)) p.outdoor('Garden Shed');
  if (p.maybe(0.25)) p.outdoor('Deck');
}

function multiStory(p: AreaPlan): void {
  const stories = p.bySize<number>({
    small: [[2, 35], [3, 55], [4, 10]],
    medium: [[2, 25], [3, 60], [4, 15]],
    large: [[2, 18], [3, 60], [4, 22]],
    extra_large: [[2, 12], [3, 58], [4, 30]],
  });
  const beds = p.bySize<number>({
    small: [[2, 25], [3, 55], [4, 20]],
    medium: [[3, 40], [4, 45], [5, 15]],
    large: [[3, 25], [4, 50], [5, 20], [6, 5]],
    extra_large: [[4, 45], [5, 40], [6, 15]],
  });
  if (p.chance(0.8)) p.room('Foyer', 0);
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  if (p.maybe(0.75)) p.room('Dining Room', 0);
  if (p.chance(0.6)) p.room('Powder Room', 0);
  const garage = p.weighted<string | null>([['Garage', 80], ['Carport', 4], [null, 16]]);
  if (garage !== null) p.room(garage, 0);
  if (p.maybe(0.3)) p.room('Family Room', 0);
  if (p.maybe(0.2)) p.room('Mudroom', 0);
  if (p.chance(0.7)) p.room('Landing', 1);
  // Bedrooms fill the first floor, two at a time on the floors above.
  const firstFloorBeds = stories === 2 ? beds : Math.min(beds, 3);
  p.bedrooms(beds, 'Master Bedroom', (i) => (i <= firstFloorBeds ? 1 : Math.min(stories - 1, 2 + Math.floor((i - firstFloorBeds - 1) / 2))));
  if (p.chance(0.9)) p.room('Master Bathroom', 1);
  if (p.maybe(0.4)) p.room('Laundry', 1);
  if (stories >= 3) {
    if (p.chance(0.5)) p.room('Upper Landing', 2);
    p.room('Bathroom', 2);
    if (p.maybe(0.4)) p.room('Office', 2);
    if (p.maybe(0.25)) p.room('Playroom', 2);
    if (p.maybe(0.2)) p.room('Media Room', 2);
  } else {
    p.room('Bathroom', 1);
    if (p.maybe(0.4)) p.room('Office', 1);
  }
  if (beds >= 4 && p.maybe(0.2)) p.room('Shared Bathroom', 1);
  if (stories === 4) {
    p.room('Guest Room', 3);
    if (p.chance(0.4)) p.room('Guest Bathroom', 3);
    if (p.maybe(0.3)) p.room('Study', 3);
    if (p.chance(0.5)) p.outdoor('Roof Terrace', 3);
  }
  if (p.chance(0.35)) p.room(p.pick(['Basement', 'Basement Gym', 'Wine Cellar']), -1);
  if (p.chance(0.15)) p.room('Attic', stories);
  // A city house over several floors may have no yard, only a terrace.
  if (p.chance(0.85)) {
    p.outdoor('Front Yard');
    p.outdoor('Backyard');
  } else {
    p.outdoor(stories === 4 ? 'Courtyard Patio' : 'Terrace');
  }
  if (p.maybe(0.35)) p.outdoor('Patio');
  if (p.size !== 'small' && p.maybe(0.12)) p.outdoor('Pool');
  if (p.maybe(0.35)) p.outdoor('Driveway');
}

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
