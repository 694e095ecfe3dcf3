import type { Area } from './home-schema';

/** Indoor room kinds; device placement (ALL_INDOOR) uses this same list, so the two cannot drift apart. */
export const INDOOR_AREA_KINDS = [
  'bedroom',
  'bathroom',
  'kitchen',
  'living',
  'dining',
  'office',
  'hallway',
  'laundry',
  'garage',
  'basement',
  'storage',
  'recreation',
] as const;
/** Outdoor area kinds; also ALL_OUTDOOR and isOutdoorKind's set, for the same reason. */
export const OUTDOOR_AREA_KINDS = ['garden', 'yard', 'patio', 'balcony', 'porch', 'pool', 'driveway'] as const;
/**
 * What a room is used for, read from its name. Template homes and LLM homes name rooms freely, so the
 * simulator and the classifier features work from these kinds instead of exact names.
 */
export const AREA_KINDS = [...INDOOR_AREA_KINDS, ...OUTDOOR_AREA_KINDS] as const;
/** One of AREA_KINDS. */
export type AreaKind = (typeof AREA_KINDS)[number];

const OUTDOOR_KINDS: ReadonlySet<AreaKind> = new Set<AreaKind>(OUTDOOR_AREA_KINDS);

// Checked in order: the first matching rule wins ("Master Bathroom" is a bathroom, not a bedroom).
const RULES: readonly (readonly [RegExp, AreaKind])[] = [
  [/bath|toilet|powder|\bwc\b|shower|restroom|lavatory|washroom/, 'bathroom'],
  [/bed|nursery|guest room|sleeping|\bloft\b/, 'bedroom'],
  [/kitchen|kitchenette|pantry/, 'kitchen'],
  [/dining/, 'dining'],
  [/office|study|workspace|work room|library/, 'office'],
  [/garage|carport|parking/, 'garage'],
  [/laundry|utility|mud ?room|wash/, 'laundry'],
  [/basement|cellar/, 'basement'],
  [/hall|entry|entrance|foyer|corridor|stair|landing|vestibule/, 'hallway'],
  [/closet|storage|attic|shed|workshop|barn|boiler/, 'storage'],
  [/gym|play|media room|game|theater|theatre|music|hobby|sunroom|conservatory/, 'recreation'],
  [/living|family|lounge|\bden\b|great room|main room|sitting|studio/, 'living'],
  [/pool|hot tub|spa/, 'pool'],
  [/balcony|terrace|roof/, 'balcony'],
  [/porch|stoop|veranda/, 'porch'],
  [/patio|deck/, 'patio'],
  [/garden|greenhouse|orchard|lawn/, 'garden'],
  [/drive/, 'driveway'],
  [/yard|grounds|field|paddock/, 'yard'],
];

/**
 * The kind of an area. Unrecognised indoor rooms count as living space and unrecognised outdoor areas as
 * yard, so every area gets a behaviour.
 */
export function areaKind(area: Pick<Area, 'name' | 'type'>): AreaKind {
  const name = area.name.toLowerCase();
  for (const [pattern, kind] of RULES) {
    if (!pattern.test(name)) continue;
    // "Roof Terrace" and "Garden Shed" may be typed either way; the declared type wins over the name.
    const outdoor = OUTDOOR_KINDS.has(kind);
    if (outdoor === (area.type === 'outdoor')) return kind;
    if (area.type === 'outdoor') return kind === 'storage' ? 'garden' : 'yard';
    return kind === 'pool'
      ? 'recreation'
      : kind === 'balcony' || kind === 'porch' || kind === 'patio'
        ? 'living'
        : kind;
  }
  return area.type === 'outdoor' ? 'yard' : 'living';
}

/** Garden, yard, patio, balcony, porch, pool or driveway. */
export function isOutdoorKind(kind: AreaKind): boolean {
  return OUTDOOR_KINDS.has(kind);
}
