import type { HomeType } from '../home-types';
import type { Rng } from '../random';
import type { DaySchedule, Occupant, SizeCategory } from './home-schema';

/**
 * Who lives in a template home and when they are in. Households differ by home type (a studio holds one
 * adult, family houses hold children on school schedules, cottages are often retirees or weekend
 * visitors), and these schedules are what the event simulator turns into daily and weekly rhythm.
 *
 * A day whose `leave` equals its `return` means "away the whole day" (a weekend cottage on weekdays).
 */

/** "HH:MM" of minutes after midnight, wrapped to a day and rounded to 5 minutes. */
export function clockTime(minutes: number): string {
  const m = (((Math.round(minutes / 5) * 5) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes after midnight of an "HH:MM" string. */
export function clockMinutes(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

const NAMES = [
  'Alex',
  'Sam',
  'Jordan',
  'Taylor',
  'Morgan',
  'Casey',
  'Riley',
  'Jamie',
  'Avery',
  'Quinn',
  'Robin',
  'Drew',
  'Charlie',
  'Emerson',
  'Finley',
  'Harper',
  'Hayden',
  'Kai',
  'Logan',
  'Parker',
  'Reese',
  'Rowan',
  'Sage',
  'Skyler',
  'Blake',
  'Cameron',
  'Dakota',
  'Elliot',
  'Jesse',
  'Lee',
  'Marion',
  'Noel',
  'Peyton',
  'Remy',
] as const;

type Persona = 'commuter' | 'remote' | 'shift' | 'night_owl' | 'child' | 'teen' | 'senior' | 'weekend_visitor';

const u = (rng: Rng, lo: number, hi: number): number => rng.uniform(lo, hi);

function weekendOuting(rng: Rng, p: number): { leave: number | null; ret: number | null } {
  if (!rng.chance(p)) return { leave: null, ret: null };
  const leave = u(rng, 600, 840);
  return { leave, ret: leave + u(rng, 90, 300) };
}

function day(wake: number, leave: number | null, ret: number | null, sleep: number): DaySchedule {
  return {
    wake: clockTime(wake),
    leave: leave === null ? null : clockTime(leave),
    return: ret === null ? null : clockTime(ret),
    sleep: clockTime(sleep),
  };
}

type Range = readonly [lo: number, hi: number];
type WeekSchedules = { weekday: DaySchedule; weekend: DaySchedule };

/** Weekend ranges shared by the persona shapes below: outing chance and how much later they wake and sleep. */
interface WeekendRanges {
  outing: number;
  lateWake: Range;
  lateSleep: Range;
}

/** A weekend day that starts and ends later than the weekdays, with the outing drawn beforehand. */
function lateWeekend(
  rng: Rng,
  wake: number,
  sleep: number,
  out: ReturnType<typeof weekendOuting>,
  weekend: WeekendRanges,
): DaySchedule {
  return day(wake + u(rng, ...weekend.lateWake), out.leave, out.ret, sleep + u(rng, ...weekend.lateSleep));
}

/**
 * Out all weekday from `leave` until a return drawn from `ret` (commuters, school children); weekends
 * sleep in and maybe go out. Draws in the order the personas always have, so seeds keep their homes.
 */
function awayWeekdays(
  rng: Rng,
  wake: number,
  leave: number,
  ret: Range,
  sleepAt: Range,
  weekend: WeekendRanges,
): WeekSchedules {
  const back = u(rng, ...ret);
  const sleep = u(rng, ...sleepAt);
  const out = weekendOuting(rng, weekend.outing);
  return {
    weekday: day(wake, leave, back, sleep),
    weekend: lateWeekend(rng, wake, sleep, out, weekend),
  };
}

/**
 * Home on weekdays but for an occasional errand (remote workers, seniors); weekends as `weekend`.
 * Draws in the order the personas always have, so seeds keep their homes.
 */
function homeWeekdays(
  rng: Rng,
  wakeAt: Range,
  sleepAt: Range,
  errand: { chance: number; start: Range; length: Range },
  weekend: WeekendRanges,
): WeekSchedules {
  const wake = u(rng, ...wakeAt);
  const sleep = u(rng, ...sleepAt);
  const leave = rng.chance(errand.chance) ? u(rng, ...errand.start) : null;
  const out = weekendOuting(rng, weekend.outing);
  return {
    weekday: day(wake, leave, leave === null ? null : leave + u(rng, ...errand.length), sleep),
    weekend: lateWeekend(rng, wake, sleep, out, weekend),
  };
}

function personaSchedules(persona: Persona, rng: Rng): WeekSchedules {
  switch (persona) {
    case 'commuter': {
      const wake = u(rng, 345, 450);
      return awayWeekdays(rng, wake, wake + u(rng, 40, 80), [1010, 1140], [1320, 1440], {
        outing: 0.6,
        lateWake: [60, 150],
        lateSleep: [20, 70],
      });
    }
    case 'remote':
      return homeWeekdays(
        rng,
        [390, 510],
        [1350, 1470],
        { chance: 0.35, start: [690, 780], length: [45, 90] },
        { outing: 0.55, lateWake: [30, 110], lateSleep: [15, 60] },
      );
    case 'shift': {
      const wake = u(rng, 540, 630);
      const leave = u(rng, 810, 870);
      const ret = u(rng, 1380, 1420);
      const sleep = u(rng, 1470, 1530);
      return {
        weekday: day(wake, leave, ret, sleep),
        weekend: day(wake + u(rng, 0, 60), null, null, sleep),
      };
    }
    case 'night_owl': {
      const wake = u(rng, 480, 600);
      const leave = rng.chance(0.5) ? wake + u(rng, 60, 120) : null;
      const ret = leave === null ? null : u(rng, 960, 1200);
      const sleep = u(rng, 1470, 1560);
      const out = weekendOuting(rng, 0.4);
      const weekendSleep = sleep + u(rng, 20, 60);
      return {
        weekday: day(wake, leave, ret, sleep),
        weekend: {
          ...day(wake + u(rng, 90, 180), null, null, weekendSleep),
          // Evenings out: a late departure and a return after midnight.
          ...(out.leave === null
            ? {}
            : { leave: clockTime(u(rng, 1200, 1290)), return: clockTime(weekendSleep - u(rng, 10, 30)) }),
        },
      };
    }
    case 'child': {
      const wake = u(rng, 385, 440);
      return awayWeekdays(rng, wake, u(rng, 450, 480), [890, 990], [1170, 1290], {
        outing: 0.5,
        lateWake: [45, 100],
        lateSleep: [20, 60],
      });
    }
    case 'teen': {
      const wake = u(rng, 375, 420);
      const leave = u(rng, 430, 470);
      const ret = u(rng, 900, 1050);
      const sleep = u(rng, 1320, 1410);
      const out = weekendOuting(rng, 0.6);
      return {
        weekday: day(wake, leave, ret, sleep),
        weekend: day(
          u(rng, 570, 660),
          out.leave === null ? null : out.leave + 120,
          out.ret === null ? null : out.ret + 120,
          sleep + u(rng, 30, 90),
        ),
      };
    }
    case 'senior':
      return homeWeekdays(
        rng,
        [330, 420],
        [1230, 1330],
        { chance: 0.45, start: [570, 660], length: [90, 180] },
        { outing: 0.3, lateWake: [0, 30], lateSleep: [0, 20] },
      );
    case 'weekend_visitor': {
      const wake = u(rng, 450, 540);
      const sleep = u(rng, 1350, 1440);
      return {
        weekday: { ...day(wake, null, null, sleep), leave: '00:00', return: '00:00' },
        weekend: day(wake + u(rng, 30, 90), null, null, sleep),
      };
    }
    default: {
      const never: never = persona;
      throw new Error(`unknown persona ${String(never)}`);
    }
  }
}

function occupant(persona: Persona, name: string, rng: Rng): Occupant {
  const role = persona === 'child' || persona === 'teen' ? 'child' : persona === 'senior' ? 'senior' : 'adult';
  return {
    name,
    role,
    works_from_home: persona === 'remote' || (persona === 'senior' && rng.chance(0.5)),
    ...personaSchedules(persona, rng),
  };
}

function adultPersona(rng: Rng, remoteShare: number, shiftShare = 0.05): Persona {
  const x = rng.next();
  return x < remoteShare ? 'remote' : x < remoteShare + shiftShare ? 'shift' : 'commuter';
}

function childPersonas(rng: Rng, count: number): Persona[] {
  return Array.from({ length: count }, () => (rng.chance(0.35) ? 'teen' : 'child'));
}

/** The adults, then lo–hi children (uniform), no more than `room` of them. */
function family(rng: Rng, adults: Persona[], lo: number, hi: number, room: number): Persona[] {
  return [...adults, ...childPersonas(rng, Math.min(room, rng.int(lo, hi)))];
}

/**
 * The personas of a household, by home type; `bedrooms` bounds how many children fit (up to two per
 * bedroom besides the parents'). Each type has its typical household, but every household shape also
 * occurs in other types: couples in studios, families in flats, single people and empty nesters in
 * family houses, multigenerational households in houses of any size (docs/home-structure.md).
 */
function householdPersonas(homeType: HomeType, size: SizeCategory, bedrooms: number, rng: Rng): Persona[] {
  const roomForKids = 2 * Math.max(0, bedrooms - 1);
  const big = size === 'large' || size === 'extra_large';
  const x = rng.next();
  switch (homeType) {
    case 'studio':
      if (x < 0.78) return [rng.chance(0.6) ? 'night_owl' : adultPersona(rng, 0.35, 0.1)];
      if (x < 0.96) return [rng.chance(0.5) ? 'night_owl' : adultPersona(rng, 0.3, 0.1), adultPersona(rng, 0.2, 0.1)];
      return ['senior'];
    case 'apartment': {
      // Young renters: mostly commuters, some on shifts, out during the working day.
      if (x < 0.33) return [adultPersona(rng, 0.15, 0.2)];
      if (x < 0.68) return [adultPersona(rng, 0.15, 0.15), adultPersona(rng, 0.1, 0.15)];
      if (x < 0.83)
        return family(rng, [adultPersona(rng, 0.15, 0.15), adultPersona(rng, 0.1, 0.15)], 1, 2, roomForKids);
      if (x < 0.9) return family(rng, [adultPersona(rng, 0.15, 0.2)], 1, 2, roomForKids);
      if (x < 0.96) return [adultPersona(rng, 0.2, 0.15), adultPersona(rng, 0.2, 0.15), adultPersona(rng, 0.2, 0.15)];
      return ['senior'];
    }
    case 'condo': {
      // Owners: retirees downsizing and professionals, often working from home.
      if (x < 0.3) return rng.chance(0.5) ? ['senior', 'senior'] : ['senior'];
      if (x < 0.55) return [adultPersona(rng, 0.5)];
      if (x < 0.83) return [adultPersona(rng, 0.45), adultPersona(rng, 0.3)];
      return family(rng, [adultPersona(rng, 0.45), adultPersona(rng, 0.3)], 1, 2, roomForKids);
    }
    case 'townhouse': {
      if (x < 0.12) return [adultPersona(rng, 0.25)];
      if (x < 0.4) return [adultPersona(rng, 0.25), adultPersona(rng, 0.15)];
      if (x < 0.45) return ['senior', 'senior'];
      return family(rng, [adultPersona(rng, 0.25), adultPersona(rng, 0.15)], 1, 3, roomForKids);
    }
    case 'single_family_house': {
      if (x < 0.05) return [adultPersona(rng, 0.3)];
      if (x < 0.2) return rng.chance(0.5) ? ['senior', 'senior'] : [adultPersona(rng, 0.3), adultPersona(rng, 0.15)];
      const parents: Persona[] = [adultPersona(rng, 0.3), adultPersona(rng, 0.15)];
      // Multigenerational: a grandparent lives with the family.
      if (x > 0.88) parents.push('senior');
      return family(rng, parents, 1, big ? 4 : 3, roomForKids);
    }
    case 'multi_story': {
      if (x < 0.1) return [adultPersona(rng, 0.35), adultPersona(rng, 0.2)];
      const parents: Persona[] = [adultPersona(rng, 0.35), adultPersona(rng, 0.2)];
      if (x > 0.7) parents.push('senior');
      if (x > 0.92) parents.push('senior');
      return family(rng, parents, 1, big ? 4 : 3, roomForKids);
    }
    case 'ranch_house': {
      if (x < 0.45) return rng.chance(0.8) ? ['senior', 'senior'] : ['senior'];
      if (x < 0.58) return [adultPersona(rng, 0.35), adultPersona(rng, 0.2)];
      const parents: Persona[] = [adultPersona(rng, 0.35), adultPersona(rng, 0.2)];
      if (x > 0.93) parents.push('senior');
      return family(rng, parents, 1, 3, roomForKids);
    }
    case 'cottage': {
      if (x < 0.33) return rng.chance(0.7) ? ['senior', 'senior'] : ['senior'];
      if (x < 0.66) return rng.chance(0.6) ? ['weekend_visitor', 'weekend_visitor'] : ['weekend_visitor'];
      if (x < 0.88) return rng.chance(0.5) ? ['remote', 'remote'] : ['remote'];
      return family(rng, [adultPersona(rng, 0.4), adultPersona(rng, 0.2)], 1, 2, roomForKids);
    }
    default: {
      const never: never = homeType;
      throw new Error(`unknown home type ${String(never)}`);
    }
  }
}

/** A household for a template home: names unique within the home, schedules drawn per persona. */
export function buildHousehold(homeType: HomeType, size: SizeCategory, bedrooms: number, rng: Rng): Occupant[] {
  const personas = householdPersonas(homeType, size, bedrooms, rng);
  const names = rng.shuffle([...NAMES]);
  return personas.map((persona, i) => occupant(persona, names[i] ?? `Resident ${i + 1}`, rng));
}
