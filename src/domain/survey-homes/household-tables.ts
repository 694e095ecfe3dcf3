import type { Weighted } from './draw';
import type { StructureClass } from './structure-tables';

/**
 * Household tables of the survey home maker: household size (≈ US Census Current Population Survey,
 * America's Families and Living Arrangements), who the members are, work status and work arrangement
 * (≈ BLS Current Population Survey, ACS "worked from home"), and daily timing (≈ BLS American Time Use
 * Survey, ACS travel time to work, NCES school hours). "≈" marks approximate published figures, "assumed"
 * marks splits without a source. docs/survey-homes.md lists them with their sources.
 */

/**
 * Household size. National ≈ CPS 2023: 1 person ≈ 28 %, 2 ≈ 35 %, 3 ≈ 15 %, 4 ≈ 12 %, 5 ≈ 6 %, 6+ ≈ 4 %.
 * Split by structure class so flats hold smaller and houses larger households (assumed, keeping the
 * national shape).
 */
export const HOUSEHOLD_SIZE: Readonly<Record<StructureClass, Weighted<number>>> = {
  detached: [
    [1, 0.2],
    [2, 0.37],
    [3, 0.16],
    [4, 0.15],
    [5, 0.07],
    [6, 0.035],
    [7, 0.015],
  ],
  attached: [
    [1, 0.3],
    [2, 0.36],
    [3, 0.16],
    [4, 0.11],
    [5, 0.05],
    [6, 0.02],
  ],
  units_2_4: [
    [1, 0.4],
    [2, 0.33],
    [3, 0.14],
    [4, 0.08],
    [5, 0.04],
    [6, 0.01],
  ],
  units_5_plus: [
    [1, 0.48],
    [2, 0.32],
    [3, 0.11],
    [4, 0.06],
    [5, 0.03],
  ],
  accessory: [
    [1, 0.8],
    [2, 0.2],
  ],
};

/** Who shares a home of two (assumed split: married or cohabiting couples are the large majority). */
export const TWO_PERSON: Weighted<'couple' | 'parent_child' | 'roommates'> = [
  ['couple', 0.72],
  ['parent_child', 0.12],
  ['roommates', 0.16],
];

/** Who shares a home of three or more (assumed; ≈ CPS: most are couples with children under 18). */
export const LARGER: Weighted<'couple_children' | 'single_parent' | 'adults' | 'three_generations'> = [
  ['couple_children', 0.66],
  ['single_parent', 0.13],
  ['adults', 0.15],
  ['three_generations', 0.06],
];

/** Chance a lone householder is 65 or older (assumed ≈ 0.4: older people are over-represented living alone). */
export const ALONE_SENIOR = 0.4;
/** Chance a couple without children is 65 or older (assumed; householders 65+ are ≈ a quarter of all). */
export const COUPLE_SENIOR = 0.35;

/** Children under 5 are ≈ 27 % of under-18s (Census population estimates); teens 14–17 ≈ 22 %. */
export const CHILD_AGE: Weighted<'preschool' | 'school' | 'teen'> = [
  ['preschool', 0.27],
  ['school', 0.51],
  ['teen', 0.22],
];
/** Preschoolers in a centre or with a sitter away from home on weekdays (assumed). */
export const PRESCHOOL_AWAY = 0.6;

/** Employed share of adults under 65 (≈ employment–population ratio of 25–54 year olds, ~80 %, lowered for 18–24 and 55–64). */
export const ADULT_EMPLOYED = 0.74;
/** Employed share of people 65 and over (≈ labour-force participation 65+ of ~19 %). */
export const SENIOR_EMPLOYED = 0.18;
/** Part-time share of the employed (≈ 17–18 %, BLS CPS). */
export const PART_TIME = 0.18;

/**
 * Where and when the employed work. Working from home all week ≈ 15 % (ACS 2022 "worked from home");
 * hybrid assumed 12 %; evening or night shifts ≈ 16 % of wage and salary workers (BLS, 2017–18) taken
 * from the on-site remainder.
 */
export const WORK_ARRANGEMENT: Weighted<'on_site' | 'remote' | 'hybrid' | 'evening' | 'night'> = [
  ['on_site', 0.6],
  ['remote', 0.15],
  ['hybrid', 0.12],
  ['evening', 0.08],
  ['night', 0.05],
];

/** Chance a day worker also works weekend days (≈ a third of the employed work on an average weekend day, ATUS; rotas assumed). */
export const WEEKEND_WORK: Readonly<Record<'day' | 'shift', number>> = { day: 0.12, shift: 0.55 };

/**
 * Timing, minutes after midnight, as [mean, standard deviation]. ATUS (≈): Americans sleep about 8.8 hours a
 * day including naps, about an hour more on weekends; the employed work ≈ 8.5 hours on days they work
 * full time. ACS (≈): mean one-way travel time to work ≈ 27 minutes. NCES (≈): public schools start
 * around 08:00 and the school day lasts about 6.6–7 hours. The individual means and spreads are assumed
 * around those figures.
 */
export const TIMING = {
  commuteMinutes: [27, 12],
  fullTimeWorkMinutes: [510, 35],
  partTimeWorkMinutes: [300, 60],
  dayWorkerWake: [375, 40],
  morningRoutine: [55, 15],
  workerSleepMinutes: [465, 35],
  remoteWake: [415, 45],
  atHomeWake: [450, 60],
  atHomeSleepMinutes: [500, 45],
  seniorWake: [415, 50],
  seniorSleepMinutes: [515, 40],
  schoolLeave: [455, 15],
  schoolReturn: [925, 25],
  childWake: [400, 20],
  childSleep: [1230, 30],
  teenSleep: [1355, 30],
  preschoolSleep: [1170, 30],
  eveningShiftLeave: [870, 40],
  nightShiftLeave: [1290, 35],
  nightShiftReturn: [435, 30],
  weekendWakeShift: [70, 25],
  weekendSleepShift: [35, 20],
  weekendOutingLeave: [660, 90],
  weekendOutingMinutes: [190, 70],
  errandLeave: [630, 80],
  errandMinutes: [140, 50],
} as const satisfies Record<string, readonly [number, number]>;

/** Chance of being out for a stretch on a weekend day (adults) and on a weekday (people not at work); assumed. */
export const OUTING = { weekend: 0.65, weekdayAtHome: 0.55, remoteLunch: 0.25 } as const;
