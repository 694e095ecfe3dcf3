import { describe, expect, it } from 'vitest';
import { HOME_TYPES, type HomeType } from '../home-types';
import { createRng, deriveSeed, pickCumulative } from '../random';
import { type Area, type HomeContent, SIZE_CATEGORIES } from './home-schema';
import {
  PURITY_MIN_SHARE,
  SIGNATURE_INDICATORS,
  STRUCTURAL_INDICATORS,
  bathroomCount,
  bedroomCount,
  hasBasement,
  hasGarage,
  hasOutdoorArea,
  hasSeparateBedroom,
  hasYardOrGarden,
  indoorRoomCount,
  isAboveGround,
  levelCount,
  lowestLivingFloor,
  occupantCount,
  signatureMajority,
  structuralIndicator,
  typePurity,
  type TypedStructuralHome,
} from './structural-indicators';
import { buildTemplateHome } from './template-homes';

const room = (name: string, floor: number): Area => ({ name, type: 'indoor', floor });
const outside = (name: string, floor = 0): Area => ({ name, type: 'outdoor', floor });

function home(homeType: HomeType, areas: Area[], occupants = 1): TypedStructuralHome {
  const person = {
    name: 'A',
    role: 'adult' as const,
    works_from_home: false,
    weekday: { wake: '07:00', leave: null, return: null, sleep: '23:00' },
    weekend: { wake: '08:00', leave: null, return: null, sleep: '23:30' },
  };
  return {
    home_type: homeType,
    size_category: 'medium',
    areas,
    occupants: Array.from({ length: occupants }, (_, i) => ({ ...person, name: `P${i}` })),
  };
}

describe('structural indicators of one home', () => {
  const flat = home('apartment', [
    room('Living Room', 3),
    room('Kitchen', 3),
    room('Bedroom', 3),
    room('Bathroom', 3),
    room('Parking Garage', -1),
    outside('Balcony', 3),
  ]);
  const house = home(
    'single_family_house',
    [
      room('Living Room', 0),
      room('Kitchen', 0),
      room('Powder Room', 0),
      room('Garage', 0),
      room('Master Bedroom', 1),
      room('Bedroom 2', 1),
      room('Master Bathroom', 1),
      room('Basement', -1),
      outside('Front Yard'),
      outside('Garden'),
    ],
    4,
  );
  const studio = home('studio', [room('Main Room', 0), room('Kitchen Area', 0), room('Bathroom', 0), outside('Patio')]);

  it('reads bedrooms, bathrooms and rooms through areaKind', () => {
    expect([bedroomCount(flat), bedroomCount(house), bedroomCount(studio)]).toEqual([1, 2, 0]);
    expect([hasSeparateBedroom(flat), hasSeparateBedroom(studio)]).toEqual([true, false]);
    expect(hasSeparateBedroom(home('studio', [room('Main Room', 2), room('Sleeping Alcove', 2)]))).toBe(true);
    expect(bathroomCount(house)).toBe(2);
    expect([indoorRoomCount(flat), indoorRoomCount(house), indoorRoomCount(studio)]).toEqual([5, 8, 3]);
  });

  it('reads floors: the lived-in floor ignores garages and basements; levels count every indoor floor', () => {
    expect([lowestLivingFloor(flat), isAboveGround(flat)]).toEqual([3, true]);
    expect([lowestLivingFloor(house), isAboveGround(house)]).toEqual([0, false]);
    expect(isAboveGround(studio)).toBe(false);
    expect([levelCount(flat), levelCount(house), levelCount(studio)]).toEqual([2, 3, 1]);
    expect(lowestLivingFloor(home('condo', [room('Garage', 0), room('Entry', 0), room('Living Room', 1)]))).toBe(1);
    expect(lowestLivingFloor(home('condo', []))).toBe(0);
  });

  it('reads outdoor space, garage, basement and household', () => {
    expect([hasOutdoorArea(flat), hasYardOrGarden(flat)]).toEqual([true, false]);
    expect([hasOutdoorArea(house), hasYardOrGarden(house)]).toEqual([true, true]);
    expect([hasOutdoorArea(studio), hasYardOrGarden(studio)]).toEqual([true, false]);
    expect([hasGarage(flat), hasGarage(house), hasGarage(studio)]).toEqual([true, true, false]);
    expect([hasBasement(flat), hasBasement(house), hasBasement(studio)]).toEqual([true, true, false]);
    expect(hasBasement(home('cottage', [room('Wine Cellar', 0)]))).toBe(true);
    expect(occupantCount(house)).toBe(4);
  });

  it('bins counts into discrete values', () => {
    expect(structuralIndicator('levels').value(house)).toBe('3');
    expect(structuralIndicator('indoor_rooms').value(studio)).toBe('≤4');
    expect(
      structuralIndicator('bedrooms').value(
        home(
          'multi_story',
          Array.from({ length: 7 }, (_, i) => room(`Bedroom ${i + 1}`, 1)),
        ),
      ),
    ).toBe('5+');
    expect(() => structuralIndicator('no_such_indicator')).toThrow();
  });
});

describe('typePurity and signatureMajority', () => {
  const a = home('apartment', [room('Living Room', 2), room('Bedroom', 2)]);
  const s = home('studio', [room('Main Room', 2)]);
  const c = home('cottage', [room('Living Room', 0), room('Bedroom', 0), outside('Garden')]);

  it('takes the majority type per value, the maximum over values held by ≥ 1 % of homes', () => {
    const homes = [a, a, a, s, c, c];
    const p = typePurity(homes, 'separate_bedroom');
    expect(p.values.map((v) => [v.value, v.count, v.majorityType, v.purity])).toEqual([
      ['true', 5, 'apartment', 0.6],
      ['false', 1, 'studio', 1],
    ]);
    // 'false' is held by 1 home in 6 (≥ 1 %), so it counts.
    expect(p.purity).toBe(1);
    // With 200 homes it is below PURITY_MIN_SHARE and ignored.
    const many = [...Array.from({ length: 120 }, () => a), ...Array.from({ length: 79 }, () => c), s];
    expect(1 / many.length).toBeLessThan(PURITY_MIN_SHARE);
    expect(typePurity(many, 'separate_bedroom').purity).toBeCloseTo(120 / 199, 10);
    expect(typePurity([], 'garage').purity).toBe(0);
  });

  it('scores a lookup table from signature to majority type', () => {
    expect(signatureMajority([a, a, s, c], ['separate_bedroom'])).toEqual({ signatures: 2, score: 0.75 });
    expect(signatureMajority([a, a, s, c], ['separate_bedroom', 'above_ground'])).toEqual({ signatures: 3, score: 1 });
    expect(signatureMajority([])).toEqual({ signatures: 0, score: 0 });
  });
});

/**
 * 1,000 template homes, 125 of each type, made the way the app makes a template run with an even
 * type list: the plan of planHomes (src/domain/homes/home-plan.ts: types shuffled, sizes drawn 30/40/20/10 %
 * from the 'llm-home-plan' stream) and the content of templateContent (src/services/homes-run.ts).
 * src/domain may not import those layers, so the two short functions are mirrored here.
 */
function appTemplateHomes(count: number, seed: number): HomeContent[] {
  const types: HomeType[] = [];
  for (const t of HOME_TYPES) for (let i = 0; i < count / HOME_TYPES.length; i++) types.push(t);
  const rng = createRng(deriveSeed(seed, 'llm-home-plan'));
  rng.shuffle(types);
  return types.map((homeType, index) =>
    buildTemplateHome({
      homeType,
      sizeCategory: SIZE_CATEGORIES[pickCumulative(rng, [30, 70, 90, 100])] ?? 'medium',
      index: index + 1,
      rng: createRng(deriveSeed(seed, 'template-home', index)),
    }),
  );
}

describe('template homes: no structural indicator decides the type (issue 12)', () => {
  const homes = appTemplateHomes(1000, 1);
  const print = process.env.PRINT_STRUCTURE === '1';

  it('has an even type mix', () => {
    for (const t of HOME_TYPES) expect(homes.filter((h) => h.home_type === t)).toHaveLength(125);
  });

  it("keeps every indicator's type-purity at or below 0.8", () => {
    const rows = STRUCTURAL_INDICATORS.map((ind) => typePurity(homes, ind));
    if (print) {
      for (const r of rows) {
        const values = r.values
          .filter((v) => v.share >= PURITY_MIN_SHARE)
          .map((v) => `${v.value} ${v.count} ${v.majorityType} ${v.purity.toFixed(3)}`)
          .join('; ');
        console.warn(`${r.name}\t${r.purity.toFixed(3)}\t${values}`);
      }
    }
    for (const r of rows) expect(r.purity, r.name).toBeLessThanOrEqual(0.8);
  });

  it('leaves the six-indicator signature well below the old 0.785', () => {
    const result = signatureMajority(homes, SIGNATURE_INDICATORS);
    if (print)
      console.warn(
        `signature majority over ${SIGNATURE_INDICATORS.join(', ')}: ${result.signatures} signatures, score ${result.score.toFixed(3)}`,
      );
    // Before issue 12 these homes gave 17 signatures and 0.838.
    expect(result.score).toBeLessThan(0.65);
    expect(result.signatures).toBeGreaterThan(17);
  });
});
