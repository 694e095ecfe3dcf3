import type { Weighted } from './draw';

// Building stories and bathrooms of the survey home maker (see structure-tables.ts for the sources' notes).

/**
 * Stories of the building a flat is in. 2–4 unit buildings are low (a converted house, a triplex); 5+ unit
 * buildings are mostly garden and mid-rise blocks with a tail of towers (assumed shape: the AHS reports
 * stories in structure, but we do not recall its shares with confidence).
 */
export const BUILDING_STORIES: Readonly<Record<'units_2_4' | 'units_5_plus', Weighted<number>>> = {
  units_2_4: [
    [1, 0.1],
    [2, 0.6],
    [3, 0.3],
  ],
  units_5_plus: [
    [2, 0.22],
    [3, 0.3],
    [4, 0.16],
    [5, 0.07],
    [6, 0.06],
    [8, 0.07],
    [12, 0.07],
    [20, 0.05],
  ],
};

/** Full bathrooms by bedrooms, ascending (assumed, shaped on AHS and SOC bathroom counts). */
export function fullBathTable(bedrooms: number): Weighted<number> {
  if (bedrooms <= 1)
    return [
      [1, 0.95],
      [2, 0.05],
    ];
  if (bedrooms === 2)
    return [
      [1, 0.55],
      [2, 0.45],
    ];
  if (bedrooms === 3)
    return [
      [1, 0.22],
      [2, 0.66],
      [3, 0.12],
    ];
  if (bedrooms === 4)
    return [
      [2, 0.55],
      [3, 0.38],
      [4, 0.07],
    ];
  return [
    [2, 0.25],
    [3, 0.5],
    [4, 0.25],
  ];
}
