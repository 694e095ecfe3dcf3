import type { HomeType } from '../home-types';
import type { Rng } from '../random';
import { type AreaKind, areaKind } from './area-kinds';
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

// Phrases true of every layout the type can draw (a townhouse may have one level, a cottage no garden).
const TYPE_PHRASES: Readonly<Record<HomeType, string>> = {
  single_family_house: 'A detached family house',
  apartment: 'A rented apartment in a residential building',
  condo: 'An owner-occupied condominium',
  townhouse: 'A townhouse sharing walls with its neighbours',
  cottage: 'A small cottage',
  studio: 'A compact studio built around one main room',
  multi_story: 'A large house over several floors',
  ranch_house: 'A ranch-style house with its living space on one level',
};

const SERVICE_KINDS: ReadonlySet<AreaKind> = new Set<AreaKind>(['garage', 'basement', 'storage']);

const STREETS = [
  'Oak Lane',
  'Maple Street',
  'Cedar Avenue',
  'Birch Road',
  'Willow Way',
  'Elm Court',
  'Pine Drive',
  'Harbor View',
  'Hillside Road',
  'Meadow Lane',
  'River Road',
  'Sunset Boulevard',
  'Park Avenue',
  'Lakeview Drive',
  'Orchard Way',
  'Spring Street',
  'Chestnut Close',
  'Aspen Trail',
  'Juniper Place',
  'Linden Row',
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

  // Levels people live on: a flat's parking level or a house's storage basement is not one.
  const floors = new Set(
    areas.filter((a) => a.type === 'indoor' && !SERVICE_KINDS.has(areaKind(a))).map((a) => a.floor),
  ).size;
  const beds = bedrooms === 0 ? 'no separate bedroom' : `${bedrooms} bedroom${bedrooms === 1 ? '' : 's'}`;
  const description =
    `${TYPE_PHRASES[homeType]}; ${SIZE_WORDS[sizeCategory]}, ${beds} ` +
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
