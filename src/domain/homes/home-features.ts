import { type AreaKind, areaKind, isOutdoorKind } from './area-kinds';
import type { HomeEvents } from './event-buffer';
import { BEHAVIOUR_FEATURE_NAMES, behaviourFeatures } from './home-behaviour-features';
import { DEVICE_DOMAINS, type HomeContent } from './home-schema';

/**
 * Features of one home for the 8-class home-type classifier (issues 7 and 12), in three groups defined
 * here and nowhere else: its structure (rooms, levels, outdoor space, device mix), its household, and its
 * behaviour in the events (home-behaviour-features.ts).
 *
 * Issue 12 asked for features that carry over between home makers, so the structure columns are counts
 * and shares, not one maker's conventions:
 * - Indicator columns that hard-coded the template grammar's cuts (no separate bedroom, one level, three
 *   or more levels, living room above the ground floor) are gone: the counts they were derived from stay,
 *   and a model places its own cuts.
 * - Floors enter as the lowest indoor level clipped to −1…3 instead of the living room's floor: finding
 *   "the living room" depends on how a maker names rooms, and "5th floor" and "9th floor" flats differ
 *   only in the number.
 * - The device-category shares are gone: the category (security, monitoring…) is the maker's own
 *   bookkeeping, while the Home Assistant domain of a device is the same whoever made the home.
 * Room kinds (bedrooms, bathrooms, garage, office, yard) still come from names, through the generic word
 * rules of area-kinds.ts; the "renamed rooms" perturbation check measures how much the model leans on them.
 */

export const HOME_FEATURE_GROUP_NAMES = ['structure', 'household', 'behaviour'] as const;
/** One of HOME_FEATURE_GROUP_NAMES. */
export type HomeFeatureGroup = (typeof HOME_FEATURE_GROUP_NAMES)[number];

const STRUCTURE_FEATURE_NAMES: readonly string[] = [
  'log_devices',
  'area_count',
  'indoor_area_count',
  'outdoor_area_count',
  'outdoor_area_share',
  'floor_count',
  'lowest_floor',
  'rooms_per_floor',
  'devices_per_area',
  'bedroom_count',
  'bathroom_count',
  'has_garage',
  'has_basement',
  'has_office',
  'has_yard',
  ...DEVICE_DOMAINS.map((d) => `domain_share_${d}`),
  'battery_share',
  'outdoor_device_share',
];

const HOUSEHOLD_FEATURE_NAMES: readonly string[] = [
  'occupant_count',
  'child_count',
  'senior_count',
  'remote_worker_share',
];

/** Every feature with its group, in the order homeFeatures returns them. */
export const HOME_FEATURES: readonly { name: string; group: HomeFeatureGroup }[] = [
  ...STRUCTURE_FEATURE_NAMES.map((name) => ({ name, group: 'structure' as const })),
  ...HOUSEHOLD_FEATURE_NAMES.map((name) => ({ name, group: 'household' as const })),
  ...BEHAVIOUR_FEATURE_NAMES.map((name) => ({ name, group: 'behaviour' as const })),
];

/** Names of the values homeFeatures returns, in order. */
export const HOME_FEATURE_NAMES: readonly string[] = HOME_FEATURES.map((f) => f.name);

const GROUP_OF: ReadonlyMap<string, HomeFeatureGroup> = new Map(HOME_FEATURES.map((f) => [f.name, f.group]));

/** The group of a feature name; undefined for a name this version does not compute (an old model's). */
export function homeFeatureGroup(name: string): HomeFeatureGroup | undefined {
  return GROUP_OF.get(name);
}

/** Column indices, within `names`, of the features of one group (ascending). */
export function featureGroupColumns(names: readonly string[], group: HomeFeatureGroup): number[] {
  const columns: number[] = [];
  names.forEach((name, i) => {
    if (GROUP_OF.get(name) === group) columns.push(i);
  });
  return columns;
}

/** Lowest indoor level, clipped: below ground, ground, and "some storeys up" are what differ between types. */
const LOWEST_FLOOR_RANGE = [-1, 3] as const;

function structureFeatures(home: Pick<HomeContent, 'areas' | 'devices'>): number[] {
  const kinds = home.areas.map((a) => areaKind(a));
  const kindCount = (k: AreaKind): number => kinds.filter((x) => x === k).length;
  const indoor = home.areas.filter((_, i) => !isOutdoorKind(kinds[i] ?? 'living'));
  const outdoorAreas = home.areas.length - indoor.length;
  const floors = new Set(indoor.map((a) => a.floor));
  const lowest = indoor.length === 0 ? 0 : Math.min(...indoor.map((a) => a.floor));
  const nDev = home.devices.length;
  const areaOutdoor = new Map(home.areas.map((a, i) => [a.name, isOutdoorKind(kinds[i] ?? 'living')]));
  const f: number[] = [
    Math.log1p(nDev),
    home.areas.length,
    indoor.length,
    outdoorAreas,
    home.areas.length === 0 ? 0 : outdoorAreas / home.areas.length,
    floors.size,
    Math.min(LOWEST_FLOOR_RANGE[1], Math.max(LOWEST_FLOOR_RANGE[0], lowest)),
    floors.size === 0 ? 0 : indoor.length / floors.size,
    home.areas.length === 0 ? 0 : nDev / home.areas.length,
    kindCount('bedroom'),
    kindCount('bathroom'),
    kindCount('garage') > 0 ? 1 : 0,
    kindCount('basement') > 0 || indoor.some((a) => a.floor < 0) ? 1 : 0,
    kindCount('office') > 0 ? 1 : 0,
    kindCount('yard') + kindCount('garden') > 0 ? 1 : 0,
  ];
  for (const d of DEVICE_DOMAINS) f.push(nDev === 0 ? 0 : home.devices.filter((x) => x.domain === d).length / nDev);
  f.push(
    nDev === 0 ? 0 : home.devices.filter((d) => d.power === 'battery').length / nDev,
    nDev === 0 ? 0 : home.devices.filter((d) => areaOutdoor.get(d.area) === true).length / nDev,
  );
  return f;
}

function householdFeatures(home: Pick<HomeContent, 'occupants'>): number[] {
  const people = home.occupants;
  return [
    people.length,
    people.filter((o) => o.role === 'child').length,
    people.filter((o) => o.role === 'senior').length,
    people.length === 0 ? 0 : people.filter((o) => o.works_from_home).length / people.length,
  ];
}

/** The feature vector of one home, in HOME_FEATURE_NAMES order. */
export function homeFeatures(
  home: Pick<HomeContent, 'areas' | 'devices' | 'occupants'>,
  events: HomeEvents,
  timeZone: string,
): Float32Array {
  return Float32Array.from([
    ...structureFeatures(home),
    ...householdFeatures(home),
    ...behaviourFeatures(home, events, timeZone),
  ]);
}
