import type { HomeType } from '../home-types';
import type { Rng } from '../random';
import { areaKind } from './area-kinds';
import { buildTemplateAreas } from './area-templates';
import type { HomeContent, Occupant, SizeCategory } from './home-schema';
import { buildHousehold } from './household-templates';
import { DEVICE_PROFILES } from './template-device-profiles';
import { buildTemplateDevices } from './template-devices';

/** The original device range per size category (§6.1): small 10–20 … extra_large 60–100, inclusive. */
export function sizeDeviceRange(size: SizeCategory): readonly [number, number] {
  switch (size) {
    case 'small':
      return [10, 20];
    case 'medium':
      return [20, 40];
    case 'large':
      return [40, 60];
    case 'extra_large':
      return [60, 100];
    default: {
      const never: never = size;
      throw new Error(`unknown size category ${String(never)}`);
    }
  }
}

const TYPE_LABELS: Readonly<Record<HomeType, string>> = {
  single_family_house: 'Family House',
  apartment: 'Apartment',
  condo: 'Condo',
  townhouse: 'Townhouse',
  cottage: 'Cottage',
  studio: 'Studio',
  multi_story: 'Multi-Story Home',
  ranch_house: 'Ranch House',
};

const TYPE_PHRASES: Readonly<Record<HomeType, string>> = {
  single_family_house: 'A detached family house with a front and back yard',
  apartment: 'A rented apartment in a mid-rise building',
  condo: 'An owner-occupied condominium with building security',
  townhouse: 'A narrow townhouse stacked over several floors',
  cottage: 'A small cottage with a porch and a garden',
  studio: 'A compact studio with one main room',
  multi_story: 'A large house over three or more floors',
  ranch_house: 'A single-level ranch-style house on a large lot',
};

const STREETS = [
  'Oak Lane', 'Maple Street', 'Cedar Avenue', 'Birch Road', 'Willow Way', 'Elm Court', 'Pine Drive', 'Harbor View',
  'Hillside Road', 'Meadow Lane', 'River Road', 'Sunset Boulevard', 'Park Avenue', 'Lakeview Drive', 'Orchard Way',
  'Spring Street', 'Chestnut Close', 'Aspen Trail', 'Juniper Place', 'Linden Row',
] as const;

const SIZE_WORDS: Readonly<Record<SizeCategory, string>> = {
  small: 'small',
  medium: 'medium-sized',
  large: 'large',
  extra_large: 'very large',
};

function householdPhrase(occupants: readonly Occupant[]): string {
  const children = occupants.filter((o) => o.role === 'child').length;
  const seniors = occupants.filter((o) => o.role === 'senior').length;
  const adults = occupants.length - children - seniors;
  const weekend = occupants.some((o) => o.weekday.leave !== null && o.weekday.leave === o.weekday.return);
  const parts: string[] = [];
  if (adults > 0) parts.push(`${adults} adult${adults > 1 ? 's' : ''}`);
  if (seniors > 0) parts.push(`${seniors} retiree${seniors > 1 ? 's' : ''}`);
  if (children > 0) parts.push(`${children} child${children > 1 ? 'ren' : ''}`);
  return `${weekend ? 'used at weekends by' : 'home to'} ${parts.join(', ')}`;
}

/** Input of buildTemplateHome. */
export interface TemplateHomeRequest {
  homeType: HomeType;
  sizeCategory: SizeCategory;
  /** 1-based position in the run; used in the home's name. */
  index: number;
  rng: Rng;
}

/**
 * A template home (no LLM): type-specific rooms over realistic floors, a household with weekly
 * schedules, and a device mix that depends on type and size. Areas, household and devices draw from
 * separate forks of `rng`, so changing one generator leaves the others' draws alone.
 */
export function buildTemplateHome({ homeType, sizeCategory, index, rng }: TemplateHomeRequest): HomeContent {
  const areaRng = rng.fork();
  const householdRng = rng.fork();
  const deviceRng = rng.fork();
  const street = rng.pick(STREETS);

  const areas = buildTemplateAreas(homeType, sizeCategory, areaRng);
  const bedrooms = areas.filter((a) => areaKind(a) === 'bedroom').length;
  const occupants = buildHousehold(homeType, sizeCategory, Math.max(1, bedrooms), householdRng);
  const [lo, hi] = sizeDeviceRange(sizeCategory);
  const target = Math.max(5, Math.min(150, Math.round(deviceRng.int(lo, hi) * DEVICE_PROFILES[homeType].scale)));
  const devices = buildTemplateDevices(homeType, areas, target, deviceRng);

  const floors = new Set(areas.filter((a) => a.type === 'indoor').map((a) => a.floor)).size;
  const description =
    `${TYPE_PHRASES[homeType]}; ${SIZE_WORDS[sizeCategory]}, ${bedrooms} bedroom${bedrooms === 1 ? '' : 's'} ` +
    `on ${floors} level${floors === 1 ? '' : 's'}, ${householdPhrase(occupants)}.`;
  return {
    name: `${TYPE_LABELS[homeType]} at ${index} ${street}`,
    home_type: homeType,
    size_category: sizeCategory,
    description,
    occupants,
    areas,
    devices,
  };
}
