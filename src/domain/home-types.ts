/** The 8 home types of the original system, in the order of its per-home-type scripts. */
export const HOME_TYPES = [
  'single_family_house',
  'apartment',
  'condo',
  'townhouse',
  'cottage',
  'studio',
  'multi_story',
  'ranch_house',
] as const;
export type HomeType = (typeof HOME_TYPES)[number];

export function isHomeType(value: unknown): value is HomeType {
  return typeof value === 'string' && (HOME_TYPES as readonly string[]).includes(value);
}

export function homeTypeIndex(type: HomeType): number {
  return HOME_TYPES.indexOf(type);
}

/** `HOME_TYPE_DEVICE_PATTERNS` of the original generator (§1.3). */
export interface HomeTypePattern {
  deviceCountRange: readonly [number, number];
  climateRatio: number;
  securityRatio: number;
  mediaRatio: number;
  vacuumRatio: number;
  outdoorDevices: boolean;
}

export const HOME_TYPE_PATTERNS: Readonly<Record<HomeType, HomeTypePattern>> = {
  single_family_house: {
    deviceCountRange: [30, 60],
    climateRatio: 0.15,
    securityRatio: 0.12,
    mediaRatio: 0.08,
    vacuumRatio: 0.05,
    outdoorDevices: true,
  },
  apartment: {
    deviceCountRange: [10, 25],
    climateRatio: 0.2,
    securityRatio: 0.15,
    mediaRatio: 0.1,
    vacuumRatio: 0.02,
    outdoorDevices: false,
  },
  condo: {
    deviceCountRange: [15, 35],
    climateRatio: 0.18,
    securityRatio: 0.13,
    mediaRatio: 0.12,
    vacuumRatio: 0.03,
    outdoorDevices: false,
  },
  townhouse: {
    deviceCountRange: [20, 45],
    climateRatio: 0.16,
    securityRatio: 0.12,
    mediaRatio: 0.1,
    vacuumRatio: 0.04,
    outdoorDevices: true,
  },
  cottage: {
    deviceCountRange: [15, 30],
    climateRatio: 0.12,
    securityRatio: 0.1,
    mediaRatio: 0.06,
    vacuumRatio: 0.01,
    outdoorDevices: true,
  },
  studio: {
    deviceCountRange: [5, 15],
    climateRatio: 0.1,
    securityRatio: 0.08,
    mediaRatio: 0.15,
    vacuumRatio: 0.01,
    outdoorDevices: false,
  },
  multi_story: {
    deviceCountRange: [40, 80],
    climateRatio: 0.18,
    securityRatio: 0.14,
    mediaRatio: 0.12,
    vacuumRatio: 0.06,
    outdoorDevices: true,
  },
  ranch_house: {
    deviceCountRange: [25, 50],
    climateRatio: 0.14,
    securityRatio: 0.11,
    mediaRatio: 0.09,
    vacuumRatio: 0.04,
    outdoorDevices: true,
  },
};

/**
 * Home-type shares of `generate_large_dataset.py` (§1.10), in the script's order. Counts are
 * floor(total · share) and the last type (studio) takes the remainder.
 */
export const LARGE_DATASET_SHARES: readonly (readonly [HomeType, number])[] = [
  ['single_family_house', 0.35],
  ['apartment', 0.2],
  ['condo', 0.15],
  ['townhouse', 0.12],
  ['ranch_house', 0.08],
  ['multi_story', 0.05],
  ['cottage', 0.03],
  ['studio', 0.02],
];

/** Splits `total` over the shares as the original script did: floor per type, remainder to the last. */
export function splitByShares(
  total: number,
  shares: readonly (readonly [HomeType, number])[] = LARGE_DATASET_SHARES,
): [HomeType, number][] {
  const out: [HomeType, number][] = [];
  let assigned = 0;
  shares.forEach(([type, share], i) => {
    const n = i === shares.length - 1 ? total - assigned : Math.floor(total * share);
    assigned += n;
    out.push([type, n]);
  });
  return out;
}
