import { HOME_TYPES, HOME_TYPE_PATTERNS, type HomeType } from '../home-types';
import { createRng, deriveSeed, pickCumulative, type Rng } from '../random';
import type { TemporalSpec } from './spec';

/** One home: its type, size and the occupancy rhythm that drives its devices' usage. */
export interface HomeProfile {
  homeIndex: number;
  homeType: HomeType;
  deviceCount: number;
  /** Weekday local hours, fractional; `sleep` may exceed 24 (after midnight). */
  wake: number;
  leave: number;
  ret: number;
  sleep: number;
  /** Someone stays home on weekdays: daytime activity instead of an empty home. */
  worksFromHome: boolean;
  /** Hours later wake-up (and half of it later bedtime) on weekends. */
  weekendShift: number;
}

/** Home types and device counts of every home, and where each home's devices start in the global order. */
export interface HomeDirectory {
  homeType: Uint8Array;
  deviceCount: Uint16Array;
  /** `firstDevice[h]` is the global index of home h's first device; `firstDevice[homes]` = device total. */
  firstDevice: Float64Array;
  totalDevices: number;
}

const WORKS_FROM_HOME_CHANCE: Readonly<Record<HomeType, number>> = {
  single_family_house: 0.25,
  apartment: 0.3,
  condo: 0.3,
  townhouse: 0.25,
  cottage: 0.35,
  studio: 0.4,
  multi_story: 0.2,
  ranch_house: 0.3,
};

/** The independent stream of home h: its first two draws are the type and the device count. */
export function homeRng(seed: number, homeIndex: number): Rng {
  return createRng(deriveSeed(seed, 'home', homeIndex));
}

/** Cumulative home-type weights in HOME_TYPES order, for `pickCumulative`. */
export function homeMixCumulative(spec: Pick<TemporalSpec, 'homeTypeMix'>): Float64Array {
  const out = new Float64Array(HOME_TYPES.length);
  let acc = 0;
  HOME_TYPES.forEach((t, i) => {
    acc += spec.homeTypeMix[t];
    out[i] = acc;
  });
  return out;
}

function drawHeader(rng: Rng, mix: Float64Array): { typeIndex: number; deviceCount: number } {
  const typeIndex = pickCumulative(rng, mix);
  const type = HOME_TYPES[typeIndex] ?? 'single_family_house';
  const [lo, hi] = HOME_TYPE_PATTERNS[type].deviceCountRange;
  return { typeIndex, deviceCount: rng.int(lo, hi) };
}

/** Draws home h in full; the same (seed, h) always gives the same home whatever the other homes are. */
export function drawHome(
  spec: Pick<TemporalSpec, 'seed' | 'homeTypeMix'>,
  homeIndex: number,
  mix = homeMixCumulative(spec),
): HomeProfile {
  const rng = homeRng(spec.seed, homeIndex);
  const { typeIndex, deviceCount } = drawHeader(rng, mix);
  const homeType = HOME_TYPES[typeIndex] ?? 'single_family_house';
  const wake = rng.uniform(5.5, 8);
  const leave = wake + rng.uniform(0.75, 2);
  const ret = rng.uniform(16, 19.5);
  const sleep = rng.uniform(21.5, 24.75);
  const worksFromHome = rng.chance(WORKS_FROM_HOME_CHANCE[homeType]);
  const weekendShift = rng.uniform(0.5, 2.5);
  return { homeIndex, homeType, deviceCount, wake, leave, ret, sleep, worksFromHome, weekendShift };
}

/** Header pass over all homes (two draws each): the global device numbering. */
export function buildHomeDirectory(spec: Pick<TemporalSpec, 'seed' | 'homes' | 'homeTypeMix'>): HomeDirectory {
  const mix = homeMixCumulative(spec);
  const homeType = new Uint8Array(spec.homes);
  const deviceCount = new Uint16Array(spec.homes);
  const firstDevice = new Float64Array(spec.homes + 1);
  let total = 0;
  for (let h = 0; h < spec.homes; h++) {
    const { typeIndex, deviceCount: n } = drawHeader(homeRng(spec.seed, h), mix);
    homeType[h] = typeIndex;
    deviceCount[h] = n;
    firstDevice[h] = total;
    total += n;
  }
  firstDevice[spec.homes] = total;
  return { homeType, deviceCount, firstDevice, totalDevices: total };
}

/** The home holding a global device index (binary search in the directory). */
export function homeOfDevice(dir: HomeDirectory, deviceIndex: number): number {
  let lo = 0;
  let hi = dir.homeType.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((dir.firstDevice[mid] ?? 0) <= deviceIndex) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
