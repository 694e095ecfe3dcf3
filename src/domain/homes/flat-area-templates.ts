import type { AreaPlan, BySize, Weighted } from './area-plan';

/** Room layouts of flats and studios (apartments, condos, studios); see ./area-templates.ts for the rules. */

/** Bedrooms of flats (apartments and condos) by size. */
const FLAT_BEDROOMS: BySize<number> = {
  small: [
    [0, 24],
    [1, 54],
    [2, 22],
  ],
  medium: [
    [0, 7],
    [1, 36],
    [2, 45],
    [3, 12],
  ],
  large: [
    [1, 12],
    [2, 48],
    [3, 34],
    [4, 6],
  ],
  extra_large: [
    [2, 30],
    [3, 48],
    [4, 22],
  ],
};

/** A flat's building floor: a quarter on the ground floor (low-rise buildings), the rest skewed low. */
const FLAT_FLOORS: Weighted<number> = [
  [0, 26],
  [1, 18],
  [2, 15],
  [3, 11],
  [4, 8],
  [5, 6],
  [6, 5],
  [7, 4],
  [8, 3],
  [9, 4],
];

/** The outdoor space of a flat on `floor` (ground-floor flats may have a garden or patio). */
function flatOutdoor(p: AreaPlan, floor: number, balcony: number, garden: number): void {
  if (floor <= 0) {
    const out = p.weighted<string | null>([
      ['Garden', garden],
      ['Patio', 0.3],
      ['Terrace', 0.1],
      [null, Math.max(0, 0.6 - garden)],
    ]);
    if (out !== null) p.outdoor(out, 0);
    return;
  }
  if (p.chance(balcony)) p.outdoor(p.chance(0.8) ? 'Balcony' : 'Terrace', floor);
}

export function apartment(p: AreaPlan): void {
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

export function condo(p: AreaPlan): void {
  const shape = p.weighted<CondoShape>([
    ['tower', 45],
    ['low_rise', 25],
    ['converted_house', 15],
    ['townhome', 15],
  ]);
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
      floor = p.weighted([
        [0, 40],
        [1, 35],
        [2, 25],
      ]);
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

export function studio(p: AreaPlan): void {
  // Below ground (a lower-ground or basement flat), ground floor, or upstairs.
  const floor = p.weighted([
    [-1, 6],
    [0, 24],
    [1, 18],
    [2, 15],
    [3, 12],
    [4, 9],
    [5, 7],
    [6, 5],
    [7, 4],
  ]);
  p.room('Main Room', floor);
  p.room('Kitchen Area', floor);
  p.room('Bathroom', floor);
  // Usually one room; some have a sleeping alcove or loft, a few a small separate bedroom.
  const sleeping = p.bySize<string | null>({
    small: [
      [null, 72],
      ['Sleeping Alcove', 18],
      ['Sleeping Loft', 6],
      ['Bedroom', 4],
    ],
    medium: [
      [null, 60],
      ['Sleeping Alcove', 22],
      ['Sleeping Loft', 8],
      ['Bedroom', 10],
    ],
    large: [
      [null, 50],
      ['Sleeping Alcove', 24],
      ['Sleeping Loft', 10],
      ['Bedroom', 16],
    ],
    extra_large: [
      [null, 45],
      ['Sleeping Alcove', 25],
      ['Sleeping Loft', 10],
      ['Bedroom', 20],
    ],
  });
  // A loft studio's sleeping loft is reached by stairs: a level of its own.
  if (sleeping !== null) p.room(sleeping, sleeping === 'Sleeping Loft' && p.chance(0.5) ? floor + 1 : floor);
  if (p.chance(0.6)) p.room('Closet', floor);
  if (p.maybe(0.2)) p.room('Entry', floor);
  if (p.chance(0.06)) p.room('Cellar Storage', floor <= -1 ? -2 : -1);
  if (p.chance(0.05)) p.room('Parking Garage', -1);
  if (floor <= 0) {
    const out = p.weighted<string | null>([
      ['Garden', 25],
      ['Patio', 20],
      [null, 55],
    ]);
    if (out !== null) p.outdoor(out, 0);
  } else if (p.chance(0.3)) {
    p.outdoor('Balcony', floor);
  }
}
