import type { HomeType } from '../home-types';
import type { Weighted } from './draw';

/**
 * Structure tables of the survey home maker, per home type. Each type is read as a census structure
 * class (1-unit detached, 1-unit attached, a unit in a 2–4 or 5+ unit building) and drawn from
 * distributions shaped on the US Census American Housing Survey (AHS) and the Survey of Construction
 * (SOC, "Characteristics of New Housing"). Figures marked "≈" are approximate recollections of published
 * national tables; "assumed" marks splits with no published source behind them (the AHS does not publish
 * by our eight labels). docs/survey-homes.md lists every table with its source.
 */

/** Census structure class of a home. */
export type StructureClass = 'detached' | 'attached' | 'units_2_4' | 'units_5_plus' | 'accessory';

/** Above-ground levels of the home itself; a "half" level is a finished attic or loft under the roof. */
export type Levels = '1' | '1.5' | '2' | '2.5' | '3' | '4';

export type GarageKind = 'none' | 'attached' | 'detached' | 'carport';
export type BasementKind = 'none' | 'unfinished' | 'finished';
export type Heating = 'furnace' | 'heat_pump' | 'boiler' | 'baseboard' | 'ductless';
export type Cooling = 'central' | 'room_units' | 'none';

/** Outdoor spaces the maker knows. */
export type OutdoorKind = 'porch' | 'stoop' | 'deck' | 'patio' | 'yard' | 'garden' | 'driveway' | 'pool' | 'balcony';

export interface StructureProfile {
  /** Structure class, or a weighted choice of classes (flats: small or large buildings). */
  structure: Weighted<StructureClass>;
  /** Share of homes of this type that are owner-occupied. */
  ownerShare: number;
  /** Levels of the home itself (flats: 1, with a few two-level units). */
  levels: Weighted<Levels>;
  /** Bedrooms, ascending: the size category picks a band of this distribution (see SIZE_BANDS). */
  bedrooms: Weighted<number>;
  garage: Weighted<GarageKind>;
  basement: Weighted<BasementKind>;
  /** Chance of a half bath (toilet and basin only). */
  halfBath: number;
  /** Base chances of optional rooms, scaled up for larger size bands. */
  dining: number;
  familyRoom: number;
  office: number;
  laundryRoom: number;
  entry: number;
  /** Chance of each outdoor space (flats: balconies above ground, patios on the ground floor). */
  outdoor: Partial<Record<OutdoorKind, number>>;
  heating: Weighted<Heating>;
  cooling: Weighted<Cooling>;
  /** Share of homes of this type lived in only at weekends (second homes). */
  secondHome: number;
}

/**
 * Size categories as bands of each type's own distribution: small is the lowest 30 %, medium the next
 * 40 %, large the next 20 %, extra large the top 10 % (the product's size shares), so "large" means large
 * for its type, not a fixed number of rooms.
 */
export const SIZE_BANDS = {
  small: [0, 0.3],
  medium: [0.3, 0.7],
  large: [0.7, 0.9],
  extra_large: [0.9, 1],
} as const;

// Heating equipment, ≈ AHS national shares (warm-air furnace ≈ 60 %, heat pump ≈ 15 %, steam or hot water ≈ 9 %,
// electric baseboard ≈ 10 %); the split between houses and flats is assumed.
const HOUSE_HEATING: Weighted<Heating> = [
  ['furnace', 0.62],
  ['heat_pump', 0.17],
  ['boiler', 0.09],
  ['baseboard', 0.05],
  ['ductless', 0.07],
];
const FLAT_HEATING: Weighted<Heating> = [
  ['furnace', 0.3],
  ['heat_pump', 0.16],
  ['boiler', 0.2],
  ['baseboard', 0.2],
  ['ductless', 0.14],
];
// Central air ≈ two thirds of occupied homes nationally (AHS); houses above, flats below the average (assumed).
const HOUSE_COOLING: Weighted<Cooling> = [
  ['central', 0.72],
  ['room_units', 0.17],
  ['none', 0.11],
];
const FLAT_COOLING: Weighted<Cooling> = [
  ['central', 0.55],
  ['room_units', 0.28],
  ['none', 0.17],
];
const NO_GARAGE: Weighted<GarageKind> = [['none', 1]];
const NO_BASEMENT: Weighted<BasementKind> = [['none', 1]];

export const STRUCTURE_PROFILES: Readonly<Record<HomeType, StructureProfile>> = {
  single_family_house: {
    structure: [['detached', 1]],
    ownerShare: 0.84,
    // One vs two stories ≈ SOC new single-family homes (roughly 45 % one story, 50 % two); a half story assumed.
    levels: [
      ['1', 0.34],
      ['1.5', 0.1],
      ['2', 0.5],
      ['3', 0.06],
    ],
    bedrooms: [
      [1, 0.03],
      [2, 0.14],
      [3, 0.46],
      [4, 0.28],
      [5, 0.07],
      [6, 0.02],
    ],
    // Garage or carport ≈ 63 % of all occupied homes (AHS), higher for detached houses; split assumed.
    garage: [
      ['attached', 0.62],
      ['detached', 0.14],
      ['carport', 0.06],
      ['none', 0.18],
    ],
    // About a third of detached houses have a basement (≈ AHS; mostly Northeast and Midwest); split assumed.
    basement: [
      ['none', 0.64],
      ['unfinished', 0.17],
      ['finished', 0.19],
    ],
    halfBath: 0.42,
    dining: 0.55,
    familyRoom: 0.4,
    office: 0.2,
    laundryRoom: 0.65,
    entry: 0.55,
    outdoor: { porch: 0.5, deck: 0.32, patio: 0.38, yard: 0.9, garden: 0.3, driveway: 0.85, pool: 0.07 },
    heating: HOUSE_HEATING,
    cooling: HOUSE_COOLING,
    secondHome: 0.02,
  },
  ranch_house: {
    structure: [['detached', 1]],
    ownerShare: 0.84,
    // A ranch is one level by definition; a raised ranch shows as a finished lower level (the basement table).
    levels: [['1', 1]],
    bedrooms: [
      [1, 0.03],
      [2, 0.22],
      [3, 0.54],
      [4, 0.18],
      [5, 0.03],
    ],
    garage: [
      ['attached', 0.66],
      ['detached', 0.1],
      ['carport', 0.08],
      ['none', 0.16],
    ],
    basement: [
      ['none', 0.55],
      ['unfinished', 0.2],
      ['finished', 0.25],
    ],
    halfBath: 0.3,
    dining: 0.45,
    familyRoom: 0.35,
    office: 0.18,
    laundryRoom: 0.6,
    entry: 0.4,
    outdoor: { porch: 0.35, deck: 0.3, patio: 0.45, yard: 0.95, garden: 0.35, driveway: 0.9, pool: 0.08 },
    heating: HOUSE_HEATING,
    cooling: HOUSE_COOLING,
    secondHome: 0.02,
  },
  multi_story: {
    structure: [
      ['detached', 0.9],
      ['attached', 0.1],
    ],
    ownerShare: 0.88,
    // Two or more above-ground stories by definition; three or more is rare in the SOC (a few per cent), so
    // this type over-represents it (assumed).
    levels: [
      ['2', 0.55],
      ['2.5', 0.15],
      ['3', 0.25],
      ['4', 0.05],
    ],
    bedrooms: [
      [2, 0.04],
      [3, 0.26],
      [4, 0.44],
      [5, 0.2],
      [6, 0.06],
    ],
    garage: [
      ['attached', 0.72],
      ['detached', 0.1],
      ['carport', 0.02],
      ['none', 0.16],
    ],
    basement: [
      ['none', 0.5],
      ['unfinished', 0.15],
      ['finished', 0.35],
    ],
    halfBath: 0.7,
    dining: 0.65,
    familyRoom: 0.55,
    office: 0.3,
    laundryRoom: 0.75,
    entry: 1,
    outdoor: { porch: 0.45, deck: 0.4, patio: 0.4, yard: 0.9, garden: 0.3, driveway: 0.85, pool: 0.1 },
    heating: HOUSE_HEATING,
    cooling: HOUSE_COOLING,
    secondHome: 0.02,
  },
  cottage: {
    structure: [['detached', 1]],
    ownerShare: 0.78,
    levels: [
      ['1', 0.55],
      ['1.5', 0.35],
      ['2', 0.1],
    ],
    bedrooms: [
      [0, 0.04],
      [1, 0.26],
      [2, 0.46],
      [3, 0.22],
      [4, 0.02],
    ],
    garage: [
      ['attached', 0.12],
      ['detached', 0.25],
      ['carport', 0.1],
      ['none', 0.53],
    ],
    basement: [
      ['none', 0.75],
      ['unfinished', 0.2],
      ['finished', 0.05],
    ],
    halfBath: 0.12,
    dining: 0.25,
    familyRoom: 0.1,
    office: 0.12,
    laundryRoom: 0.35,
    entry: 0.25,
    outdoor: { porch: 0.7, deck: 0.3, patio: 0.2, yard: 0.85, garden: 0.45, driveway: 0.5 },
    heating: [
      ['furnace', 0.35],
      ['heat_pump', 0.15],
      ['boiler', 0.1],
      ['baseboard', 0.2],
      ['ductless', 0.2],
    ],
    cooling: [
      ['central', 0.35],
      ['room_units', 0.35],
      ['none', 0.3],
    ],
    // Seasonal and recreational homes ≈ 3 % of the whole US stock (AHS vacancy tables); that this share of
    // the type is much higher is assumed.
    secondHome: 0.22,
  },
  townhouse: {
    structure: [['attached', 1]],
    ownerShare: 0.6,
    levels: [
      ['1', 0.12],
      ['2', 0.58],
      ['3', 0.3],
    ],
    bedrooms: [
      [1, 0.06],
      [2, 0.36],
      [3, 0.44],
      [4, 0.14],
    ],
    garage: [
      ['attached', 0.5],
      ['carport', 0.05],
      ['none', 0.45],
    ],
    basement: [
      ['none', 0.7],
      ['unfinished', 0.1],
      ['finished', 0.2],
    ],
    halfBath: 0.55,
    dining: 0.45,
    familyRoom: 0.2,
    office: 0.2,
    laundryRoom: 0.5,
    entry: 0.45,
    outdoor: { stoop: 0.4, patio: 0.45, deck: 0.25, yard: 0.45, garden: 0.1, driveway: 0.3 },
    heating: HOUSE_HEATING,
    cooling: HOUSE_COOLING,
    secondHome: 0.01,
  },
  apartment: {
    // Of rented flats, ≈ 30 % are in 2–4 unit buildings and ≈ 70 % in 5+ unit buildings (AHS units in structure).
    structure: [
      ['units_2_4', 0.3],
      ['units_5_plus', 0.7],
    ],
    ownerShare: 0.08,
    levels: [
      ['1', 0.97],
      ['2', 0.03],
    ],
    bedrooms: [
      [0, 0.04],
      [1, 0.41],
      [2, 0.42],
      [3, 0.12],
      [4, 0.01],
    ],
    garage: NO_GARAGE,
    basement: NO_BASEMENT,
    halfBath: 0.06,
    dining: 0.2,
    familyRoom: 0.03,
    office: 0.1,
    laundryRoom: 0.2,
    entry: 0.3,
    outdoor: { balcony: 0.45, patio: 0.35, yard: 0.1 },
    heating: FLAT_HEATING,
    cooling: FLAT_COOLING,
    secondHome: 0,
  },
  condo: {
    // Owner-occupied flats, including units in converted houses and duplexes (the 2–4 unit share, assumed).
    structure: [
      ['units_2_4', 0.25],
      ['units_5_plus', 0.75],
    ],
    ownerShare: 0.85,
    levels: [
      ['1', 0.88],
      ['2', 0.12],
    ],
    bedrooms: [
      [0, 0.03],
      [1, 0.27],
      [2, 0.52],
      [3, 0.16],
      [4, 0.02],
    ],
    garage: NO_GARAGE,
    basement: NO_BASEMENT,
    halfBath: 0.18,
    dining: 0.3,
    familyRoom: 0.05,
    office: 0.18,
    laundryRoom: 0.35,
    entry: 0.4,
    outdoor: { balcony: 0.55, patio: 0.4, yard: 0.12 },
    heating: FLAT_HEATING,
    cooling: FLAT_COOLING,
    secondHome: 0.04,
  },
  studio: {
    // No-bedroom units; mostly in 5+ unit buildings, some in small buildings, a few accessory units (a
    // basement or over-garage flat) — the accessory share is assumed.
    structure: [
      ['units_5_plus', 0.78],
      ['units_2_4', 0.14],
      ['accessory', 0.08],
    ],
    ownerShare: 0.1,
    levels: [['1', 1]],
    bedrooms: [[0, 1]],
    garage: NO_GARAGE,
    basement: NO_BASEMENT,
    halfBath: 0,
    dining: 0,
    familyRoom: 0,
    office: 0.05,
    laundryRoom: 0.1,
    entry: 0.3,
    outdoor: { balcony: 0.3, patio: 0.25 },
    heating: FLAT_HEATING,
    cooling: FLAT_COOLING,
    secondHome: 0.02,
  },
};
