import type { HomeType } from '../home-types';
import type { Rng } from '../random';
import type { Area, SizeCategory } from './home-schema';

/**
 * Room layouts of template homes: the original area templates (§6.3) grown into type-specific plans with
 * variation. Floors carry the building's shape (a ranch is one level, a townhouse stacks two or three
 * narrow floors, a multi-story has three or more), and flats sit on one floor of a taller building, so
 * their floor number is the building floor.
 */

const SIZE_FACTOR: Readonly<Record<SizeCategory, number>> = {
  small: 0.65,
  medium: 1,
  large: 1.3,
  extra_large: 1.6,
};

class AreaPlan {
  readonly areas: Area[] = [];
  private readonly rng: Rng;
  private readonly sizeFactor: number;

  constructor(rng: Rng, size: SizeCategory) {
    this.rng = rng;
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
}

function bedroomCount(size: SizeCategory, rng: Rng, ranges: Readonly<Record<SizeCategory, readonly [number, number]>>): number {
  const [lo, hi] = ranges[size];
  return rng.int(lo, hi);
}

function apartment(p: AreaPlan, size: SizeCategory, rng: Rng): void {
  const floor = p.int(1, 9);
  p.room('Living Room', floor);
  p.room('Kitchen', floor);
  p.room('Bathroom', floor);
  const beds = bedroomCount(size, rng, { small: [1, 1], medium: [1, 2], large: [2, 2], extra_large: [2, 3] });
  for (let i = 1; i <= beds; i++) p.room(i === 1 ? 'Bedroom' : `Bedroom ${i}`, floor);
  if (p.chance(0.5)) p.room('Hallway', floor);
  if (p.maybe(0.15)) p.room('Office', floor);
  if (p.maybe(0.2)) p.room('Storage', floor);
  if (p.maybe(0.12)) p.room('Laundry', floor);
  if (p.chance(0.55)) p.outdoor('Balcony', floor);
}

function condo(p: AreaPlan, size: SizeCategory, rng: Rng): void {
  const floor = p.int(2, 9);
  const upper = (size === 'large' || size === 'extra_large') && p.chance(0.3) ? floor + 1 : floor;
  p.room('Living Room', floor);
  p.room('Kitchen', floor);
  p.room('Master Bedroom', upper);
  p.room('Bathroom', floor);
  const beds = bedroomCount(size, rng, { small: [1, 2], medium: [2, 2], large: [2, 3], extra_large: [3, 4] });
  for (let i = 2; i <= beds; i++) p.room(`Bedroom ${i}`, upper);
  if (p.maybe(0.5)) p.room('Master Bathroom', upper);
  if (p.chance(0.6)) p.room('Entry', floor);
  if (p.maybe(0.4)) p.room('Dining Room', floor);
  if (p.maybe(0.3)) p.room('Office', floor);
  if (p.maybe(0.35)) p.room('Laundry', floor);
  if (p.maybe(0.15)) p.room('Storage', floor);
  if (p.chance(0.3)) p.room('Parking Garage', -1);
  if (p.chance(0.85)) p.outdoor(p.chance(0.5) ? 'Terrace' : 'Balcony', floor);
}

function studio(p: AreaPlan): void {
  const floor = p.int(0, 6);
  p.room('Main Room', floor);
  p.room('Kitchen Area', floor);
  p.room('Bathroom', floor);
  if (p.chance(0.6)) p.room('Closet', floor);
  if (p.maybe(0.2)) p.room('Entry', floor);
  if (p.maybe(0.08)) p.room('Sleeping Loft', floor);
  if (p.chance(0.25)) p.outdoor('Balcony', floor);
}

function townhouse(p: AreaPlan, size: SizeCategory, rng: Rng): void {
  const three = p.maybe(0.55);
  if (p.chance(0.7)) p.room('Entry', 0);
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  if (p.chance(0.55)) p.room('Powder Room', 0);
  if (p.chance(0.7)) p.room('Garage', 0);
  if (p.maybe(0.3)) p.room('Dining Room', 0);
  p.room('Master Bedroom', 1);
  p.room('Bathroom', 1);
  const beds = bedroomCount(size, rng, { small: [1, 2], medium: [2, 3], large: [3, 3], extra_large: [3, 4] });
  // A third floor takes the extra bedrooms, an office and maybe a roof terrace: narrow floors, stacked.
  for (let i = 2; i <= beds; i++) p.room(`Bedroom ${i}`, three && i >= 3 ? 2 : 1);
  if (p.maybe(0.4)) p.room('Master Bathroom', 1);
  if (p.maybe(0.35)) p.room('Laundry', 1);
  if (three) {
    p.room(p.chance(0.5) ? 'Office' : 'Bonus Room', 2);
    if (p.chance(0.45)) p.outdoor('Roof Terrace', 2);
  }
  if (p.chance(0.65)) p.outdoor('Patio');
  if (p.chance(0.3)) p.outdoor('Front Stoop');
  if (p.chance(0.15)) p.outdoor('Backyard');
}

function singleFamily(p: AreaPlan, size: SizeCategory, rng: Rng): void {
  const up = p.chance(0.8) ? 1 : 0;
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  if (p.maybe(0.65)) p.room('Dining Room', 0);
  if (p.maybe(0.3)) p.room('Family Room', 0);
  if (p.chance(0.5)) p.room('Hallway', 0);
  if (up === 1 && p.chance(0.55)) p.room('Powder Room', 0);
  if (p.maybe(0.5)) p.room('Laundry', 0);
  if (p.chance(0.9)) p.room('Garage', 0);
  p.room('Master Bedroom', up);
  if (p.maybe(0.7)) p.room('Master Bathroom', up);
  const beds = bedroomCount(size, rng, { small: [2, 3], medium: [3, 3], large: [3, 4], extra_large: [4, 5] });
  for (let i = 2; i <= beds; i++) p.room(`Bedroom ${i}`, up);
  p.room('Bathroom', up);
  if (p.maybe(0.35)) p.room('Office', up);
  if (p.chance(0.3)) p.room('Basement', -1);
  p.outdoor('Front Yard');
  if (p.chance(0.95)) p.outdoor('Backyard');
  if (p.maybe(0.4)) p.outdoor(p.chance(0.5) ? 'Patio' : 'Deck');
  if (p.maybe(0.45)) p.outdoor('Driveway');
  if (p.maybe(0.06)) p.outdoor('Pool');
}

function ranch(p: AreaPlan, size: SizeCategory, rng: Rng): void {
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  if (p.maybe(0.55)) p.room('Dining Room', 0);
  if (p.maybe(0.35)) p.room('Den', 0);
  p.room('Master Bedroom', 0);
  if (p.maybe(0.65)) p.room('Master Bathroom', 0);
  const beds = bedroomCount(size, rng, { small: [2, 2], medium: [2, 3], large: [3, 4], extra_large: [4, 4] });
  for (let i = 2; i <= beds; i++) p.room(`Bedroom ${i}`, 0);
  p.room('Bathroom', 0);
  if (p.maybe(0.6)) p.room(p.chance(0.5) ? 'Laundry' : 'Mudroom', 0);
  if (p.chance(0.85)) p.room('Garage', 0);
  if (p.maybe(0.35)) p.room('Workshop', 0);
  if (p.chance(0.35)) p.room('Hallway', 0);
  p.outdoor('Front Yard');
  p.outdoor('Backyard');
  if (p.chance(0.7)) p.outdoor('Front Porch');
  if (p.maybe(0.45)) p.outdoor('Patio');
  if (p.maybe(0.45)) p.outdoor('Garden');
  if (p.maybe(0.5)) p.outdoor('Driveway');
  if (p.maybe(0.08)) p.outdoor('Pool');
}

function cottage(p: AreaPlan, size: SizeCategory): void {
  const loft = p.chance(0.4);
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  p.room('Bedroom', 0);
  p.room('Bathroom', 0);
  if (p.maybe(0.45)) p.room('Bedroom 2', loft ? 1 : 0);
  if (loft) p.room('Loft', 1);
  if (p.maybe(0.3)) p.room('Sunroom', 0);
  if (p.maybe(0.35)) p.room('Mudroom', 0);
  if (p.maybe(0.15)) p.room('Study', 0);
  if (size === 'extra_large' && p.chance(0.5)) p.room('Guest Room', 0);
  if (p.chance(0.9)) p.outdoor('Porch');
  if (p.chance(0.9)) p.outdoor('Garden');
  if (p.maybe(0.35)) p.outdoor('Garden Shed');
  if (p.maybe(0.25)) p.outdoor('Deck');
}

function multiStory(p: AreaPlan, size: SizeCategory): void {
  const floors = p.maybe(0.35) ? 4 : 3;
  p.room('Foyer', 0);
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  p.room('Dining Room', 0);
  if (p.chance(0.7)) p.room('Powder Room', 0);
  if (p.chance(0.85)) p.room('Garage', 0);
  if (p.maybe(0.35)) p.room('Family Room', 0);
  if (p.maybe(0.25)) p.room('Mudroom', 0);
  p.room('Landing', 1);
  p.room('Master Bedroom', 1);
  p.room('Master Bathroom', 1);
  p.room('Bedroom 2', 1);
  p.room('Bedroom 3', 1);
  if (p.maybe(0.4)) p.room('Laundry', 1);
  p.room('Upper Landing', 2);
  p.room('Bedroom 4', 2);
  p.room('Bathroom', 2);
  if (p.maybe(0.6)) p.room('Office', 2);
  if (p.maybe(0.45)) p.room('Playroom', 2);
  if (p.maybe(0.3)) p.room('Media Room', 2);
  if (floors === 4) {
    if (p.maybe(0.6)) p.room('Bedroom 5', 3);
    p.room('Guest Room', 3);
    if (p.maybe(0.3)) p.room('Study', 3);
    if (p.chance(0.5)) p.outdoor('Roof Terrace', 3);
  }
  if (p.chance(0.7)) p.room(p.pick(['Basement', 'Basement Gym', 'Wine Cellar']), -1);
  if (p.chance(0.45)) p.room('Attic', floors);
  p.outdoor('Front Yard');
  p.outdoor('Backyard');
  if (p.maybe(0.4)) p.outdoor('Patio');
  if (size !== 'small' && p.maybe(0.15)) p.outdoor('Pool');
  if (p.maybe(0.35)) p.outdoor('Driveway');
}

/** The rooms and outdoor areas of a template home (names unique within the home). */
export function buildTemplateAreas(homeType: HomeType, size: SizeCategory, rng: Rng): Area[] {
  const plan = new AreaPlan(rng, size);
  switch (homeType) {
    case 'apartment':
      apartment(plan, size, rng);
      break;
    case 'condo':
      condo(plan, size, rng);
      break;
    case 'studio':
      studio(plan);
      break;
    case 'townhouse':
      townhouse(plan, size, rng);
      break;
    case 'single_family_house':
      singleFamily(plan, size, rng);
      break;
    case 'ranch_house':
      ranch(plan, size, rng);
      break;
    case 'cottage':
      cottage(plan, size);
      break;
    case 'multi_story':
      multiStory(plan, size);
      break;
    default: {
      const never: never = homeType;
      throw new Error(`unknown home type ${String(never)}`);
    }
  }
  return plan.areas;
}
