import type { AreaPlan } from './area-plan';

/** Room layouts of houses (townhouses, single-family, ranch, cottage, multi-story); see ./area-templates.ts. */

export function townhouse(p: AreaPlan): void {
  // Single-story attached homes, the common two-story row house, three stories, and a few tall
  // four-story town houses (brownstones, Georgian terraces).
  const stories = p.bySize<number>({
    small: [
      [1, 20],
      [2, 60],
      [3, 20],
    ],
    medium: [
      [1, 12],
      [2, 53],
      [3, 31],
      [4, 4],
    ],
    large: [
      [1, 8],
      [2, 45],
      [3, 39],
      [4, 8],
    ],
    extra_large: [
      [1, 5],
      [2, 40],
      [3, 43],
      [4, 12],
    ],
  });
  // Tuck-under: the garage and entry take the ground floor, the home starts one floor up.
  const tuckUnder = stories >= 3 && p.chance(0.3);
  const living = tuckUnder ? 1 : 0;
  const top = stories - 1;
  const bedFloor = stories === 1 ? 0 : living + 1;
  const beds = p.bySize<number>({
    small: [
      [1, 30],
      [2, 55],
      [3, 15],
    ],
    medium: [
      [2, 45],
      [3, 45],
      [4, 10],
    ],
    large: [
      [2, 15],
      [3, 55],
      [4, 30],
    ],
    extra_large: [
      [3, 45],
      [4, 45],
      [5, 10],
    ],
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

export function singleFamily(p: AreaPlan): void {
  const stories = p.bySize<number>({
    small: [
      [1, 55],
      [2, 42],
      [3, 3],
    ],
    medium: [
      [1, 38],
      [2, 55],
      [3, 7],
    ],
    large: [
      [1, 28],
      [2, 57],
      [3, 15],
    ],
    extra_large: [
      [1, 18],
      [2, 60],
      [3, 22],
    ],
  });
  const up = stories === 1 ? 0 : 1;
  const beds = p.bySize<number>({
    small: [
      [1, 8],
      [2, 42],
      [3, 45],
      [4, 5],
    ],
    medium: [
      [2, 12],
      [3, 50],
      [4, 32],
      [5, 6],
    ],
    large: [
      [3, 35],
      [4, 45],
      [5, 17],
      [6, 3],
    ],
    extra_large: [
      [3, 10],
      [4, 40],
      [5, 35],
      [6, 15],
    ],
  });
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  if (p.maybe(0.65)) p.room('Dining Room', 0);
  if (p.maybe(0.4)) p.room('Family Room', 0);
  if (p.chance(0.5)) p.room('Hallway', 0);
  if (up === 1 && p.chance(0.55)) p.room('Powder Room', 0);
  if (p.maybe(0.5)) p.room('Laundry', 0);
  const garage = p.weighted<string | null>([
    ['Garage', 78],
    ['Carport', 6],
    [null, 16],
  ]);
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

export function ranch(p: AreaPlan): void {
  const beds = p.bySize<number>({
    small: [
      [1, 8],
      [2, 60],
      [3, 32],
    ],
    medium: [
      [2, 35],
      [3, 55],
      [4, 10],
    ],
    large: [
      [3, 55],
      [4, 40],
      [5, 5],
    ],
    extra_large: [
      [3, 30],
      [4, 55],
      [5, 15],
    ],
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
  const garage = p.weighted<string | null>([
    ['Garage', 76],
    ['Carport', 8],
    [null, 16],
  ]);
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

export function cottage(p: AreaPlan): void {
  const shape = p.bySize<CottageShape>({
    small: [
      ['one_room', 12],
      ['single_level', 53],
      ['loft', 25],
      ['two_story', 10],
    ],
    medium: [
      ['one_room', 6],
      ['single_level', 46],
      ['loft', 30],
      ['two_story', 18],
    ],
    large: [
      ['one_room', 2],
      ['single_level', 38],
      ['loft', 30],
      ['two_story', 30],
    ],
    extra_large: [
      ['single_level', 35],
      ['loft', 30],
      ['two_story', 35],
    ],
  });
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  p.room('Bathroom', 0);
  if (shape !== 'one_room') {
    const upstairs = shape === 'two_story' ? 1 : 0;
    const beds = p.bySize<number>({
      small: [
        [1, 75],
        [2, 25],
      ],
      medium: [
        [1, 45],
        [2, 45],
        [3, 10],
      ],
      large: [
        [1, 20],
        [2, 55],
        [3, 25],
      ],
      extra_large: [
        [2, 45],
        [3, 45],
        [4, 10],
      ],
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
  const garage = p.weighted<string | null>([
    ['Garage', 14],
    ['Carport', 8],
    [null, 78],
  ]);
  if (garage !== null) p.room(garage, 0);
  if (p.chance(0.85)) p.outdoor('Porch');
  if (p.chance(0.88)) p.outdoor('Garden');
  if (p.maybe(0.35)) p.outdoor('Garden Shed');
  if (p.maybe(0.25)) p.outdoor('Deck');
}

export function multiStory(p: AreaPlan): void {
  const stories = p.bySize<number>({
    small: [
      [2, 35],
      [3, 55],
      [4, 10],
    ],
    medium: [
      [2, 25],
      [3, 60],
      [4, 15],
    ],
    large: [
      [2, 18],
      [3, 60],
      [4, 22],
    ],
    extra_large: [
      [2, 12],
      [3, 58],
      [4, 30],
    ],
  });
  const beds = p.bySize<number>({
    small: [
      [2, 25],
      [3, 55],
      [4, 20],
    ],
    medium: [
      [3, 40],
      [4, 45],
      [5, 15],
    ],
    large: [
      [3, 25],
      [4, 50],
      [5, 20],
      [6, 5],
    ],
    extra_large: [
      [4, 45],
      [5, 40],
      [6, 15],
    ],
  });
  if (p.chance(0.8)) p.room('Foyer', 0);
  p.room('Living Room', 0);
  p.room('Kitchen', 0);
  if (p.maybe(0.75)) p.room('Dining Room', 0);
  if (p.chance(0.6)) p.room('Powder Room', 0);
  const garage = p.weighted<string | null>([
    ['Garage', 80],
    ['Carport', 4],
    [null, 16],
  ]);
  if (garage !== null) p.room(garage, 0);
  if (p.maybe(0.3)) p.room('Family Room', 0);
  if (p.maybe(0.2)) p.room('Mudroom', 0);
  if (p.chance(0.7)) p.room('Landing', 1);
  // Bedrooms fill the first floor, two at a time on the floors above.
  const firstFloorBeds = stories === 2 ? beds : Math.min(beds, 3);
  p.bedrooms(beds, 'Master Bedroom', (i) =>
    i <= firstFloorBeds ? 1 : Math.min(stories - 1, 2 + Math.floor((i - firstFloorBeds - 1) / 2)),
  );
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
