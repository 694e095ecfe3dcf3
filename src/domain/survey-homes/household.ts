import type { DaySchedule, Occupant } from '../homes/home-schema';
import type { Rng } from '../random';
import { clampedNormal, drawFrom, hhmm, quantileOf, withChance } from './draw';
import {
  ADULT_EMPLOYED,
  ALONE_SENIOR,
  CHILD_AGE,
  COUPLE_SENIOR,
  HOUSEHOLD_SIZE,
  LARGER,
  OUTING,
  PART_TIME,
  PRESCHOOL_AWAY,
  SENIOR_EMPLOYED,
  TIMING,
  TWO_PERSON,
  WEEKEND_WORK,
  WORK_ARRANGEMENT,
} from './household-tables';
import type { StructureClass } from './structure-tables';

/**
 * Who lives in a survey home and when they are in: household size and members from census tables, each
 * member's activity (work, school, retirement) and a weekday and a weekend day timed from time-use
 * statistics. Members are named by their relationship to the householder, as census forms do.
 */

type Member = 'adult' | 'senior' | 'preschool' | 'school' | 'teen';
type Activity =
  | 'on_site'
  | 'remote'
  | 'hybrid'
  | 'evening'
  | 'night'
  | 'part_time'
  | 'at_home'
  | 'retired'
  | 'school'
  | 'preschool_away'
  | 'preschool_home';

/** What the household maker needs to know about the home. */
export interface HouseholdRequest {
  structure: StructureClass;
  bedrooms: number;
  /** Position of the home in its type's size distribution, [0, 1): bigger homes hold bigger households. */
  sizeQuantile: number;
  /** Lived in at weekends only (a second home): weekdays are away all day. */
  secondHome: boolean;
}

const t = (rng: Rng, key: keyof typeof TIMING, lo: number, hi: number): number => {
  const [mean, sd] = TIMING[key];
  return clampedNormal(rng, mean, sd, lo, hi);
};

function day(wake: number, leave: number | null, ret: number | null, sleep: number): DaySchedule {
  return {
    wake: hhmm(wake),
    leave: leave === null ? null : hhmm(leave),
    return: ret === null ? null : hhmm(ret),
    sleep: hhmm(sleep),
  };
}

/** A stretch out of the home (shopping, visits, sport) or none. */
function outing(
  rng: Rng,
  p: number,
  leaveKey: 'weekendOutingLeave' | 'errandLeave',
  lengthKey: 'weekendOutingMinutes' | 'errandMinutes',
  wake: number,
  sleep: number,
): [number, number] | null {
  if (!withChance(rng, p)) return null;
  const leave = Math.max(wake + 45, t(rng, leaveKey, 480, 1200));
  const back = Math.min(leave + t(rng, lengthKey, 45, 420), sleep - 45);
  return back > leave + 30 ? [leave, back] : null;
}

/** Weekend day: later up and to bed (ATUS), with an outing for most adults; shift workers may work. */
function weekendDay(
  rng: Rng,
  weekday: { wake: number; sleep: number },
  member: Member,
  worksWeekend: DaySchedule | null,
): DaySchedule {
  if (worksWeekend !== null) return worksWeekend;
  const lateBy = member === 'senior' ? t(rng, 'weekendWakeShift', 0, 120) / 4 : t(rng, 'weekendWakeShift', 0, 180);
  const wake = weekday.wake + lateBy;
  const sleep = weekday.sleep + t(rng, 'weekendSleepShift', 0, 120);
  const out = outing(
    rng,
    member === 'preschool' ? OUTING.weekend * 0.8 : OUTING.weekend,
    'weekendOutingLeave',
    'weekendOutingMinutes',
    wake,
    sleep,
  );
  return day(wake, out?.[0] ?? null, out?.[1] ?? null, sleep);
}

function activityOf(member: Member, rng: Rng): Activity {
  switch (member) {
    case 'preschool':
      return withChance(rng, PRESCHOOL_AWAY) ? 'preschool_away' : 'preschool_home';
    case 'school':
    case 'teen':
      return 'school';
    case 'senior':
      if (!withChance(rng, SENIOR_EMPLOYED)) return 'retired';
      return withChance(rng, 0.5) ? 'part_time' : 'on_site';
    case 'adult': {
      if (!withChance(rng, ADULT_EMPLOYED)) return 'at_home';
      if (withChance(rng, PART_TIME)) return 'part_time';
      return drawFrom(rng, WORK_ARRANGEMENT);
    }
    default: {
      const never: never = member;
      throw new Error(`unknown member ${String(never)}`);
    }
  }
}

/** A weekday for a worker who leaves in the morning (on site, hybrid, part time). */
function dayWorker(
  rng: Rng,
  partTime: boolean,
): { weekday: DaySchedule; wake: number; sleep: number; leave: number; back: number } {
  const wake = partTime ? t(rng, 'atHomeWake', 300, 600) : t(rng, 'dayWorkerWake', 270, 540);
  const leave = partTime
    ? Math.max(wake + 40, clampedNormal(rng, 540, 90, 420, 900))
    : wake + t(rng, 'morningRoutine', 25, 110);
  const commute = t(rng, 'commuteMinutes', 5, 90);
  const work = partTime ? t(rng, 'partTimeWorkMinutes', 150, 420) : t(rng, 'fullTimeWorkMinutes', 420, 600);
  const back = leave + work + 2 * commute;
  const sleep = Math.max(back + 90, wake + 1440 - t(rng, 'workerSleepMinutes', 390, 540));
  return { weekday: day(wake, leave, back, sleep), wake, sleep, leave, back };
}

function schedules(member: Member, activity: Activity, rng: Rng): { weekday: DaySchedule; weekend: DaySchedule } {
  switch (activity) {
    case 'on_site':
    case 'hybrid':
    case 'part_time': {
      const w = dayWorker(rng, activity === 'part_time');
      const worksWeekend = withChance(rng, WEEKEND_WORK.day)
        ? day(w.wake + 30, w.leave + 60, w.back, w.sleep + 30)
        : null;
      return { weekday: w.weekday, weekend: weekendDay(rng, w, member, worksWeekend) };
    }
    case 'evening': {
      const leave = t(rng, 'eveningShiftLeave', 780, 960);
      const back = leave + t(rng, 'fullTimeWorkMinutes', 420, 600) + 2 * t(rng, 'commuteMinutes', 5, 60);
      const wake = clampedNormal(rng, 540, 50, 420, 690);
      const sleep = back + clampedNormal(rng, 60, 20, 25, 120);
      const w = { weekday: day(wake, leave, back, sleep), wake, sleep };
      const worksWeekend = withChance(rng, WEEKEND_WORK.shift) ? w.weekday : null;
      return { weekday: w.weekday, weekend: weekendDay(rng, w, member, worksWeekend) };
    }
    case 'night': {
      // Home from about 07:15 to 21:30; the simulator has one sleep per day, so the day's sleep is put
      // just before leaving and the morning sleep after the shift shows as a late wake.
      const ret = t(rng, 'nightShiftReturn', 360, 540);
      const leave = t(rng, 'nightShiftLeave', 1200, 1380);
      const wake = clampedNormal(rng, 870, 45, 780, 990);
      const sleep = leave - clampedNormal(rng, 20, 5, 10, 40);
      const weekday = day(wake, leave, ret, sleep);
      const worksWeekend = withChance(rng, WEEKEND_WORK.shift) ? weekday : null;
      return { weekday, weekend: weekendDay(rng, { wake: wake - 300, sleep: sleep + 90 }, member, worksWeekend) };
    }
    case 'remote': {
      const wake = t(rng, 'remoteWake', 300, 600);
      const sleep = wake + 1440 - t(rng, 'workerSleepMinutes', 390, 540);
      const lunch = withChance(rng, OUTING.remoteLunch) ? clampedNormal(rng, 740, 30, 660, 840) : null;
      const weekday = day(wake, lunch, lunch === null ? null : lunch + clampedNormal(rng, 50, 15, 20, 100), sleep);
      return { weekday, weekend: weekendDay(rng, { wake, sleep }, member, null) };
    }
    case 'at_home':
    case 'retired': {
      const senior = activity === 'retired';
      const wake = senior ? t(rng, 'seniorWake', 300, 600) : t(rng, 'atHomeWake', 300, 660);
      const sleep =
        wake + 1440 - (senior ? t(rng, 'seniorSleepMinutes', 420, 600) : t(rng, 'atHomeSleepMinutes', 400, 600));
      const out = outing(rng, OUTING.weekdayAtHome, 'errandLeave', 'errandMinutes', wake, sleep);
      return {
        weekday: day(wake, out?.[0] ?? null, out?.[1] ?? null, sleep),
        weekend: weekendDay(rng, { wake, sleep }, member, null),
      };
    }
    case 'school': {
      const wake = t(rng, 'childWake', 330, 450);
      const leave = Math.max(wake + 30, t(rng, 'schoolLeave', 400, 510));
      const back = t(rng, 'schoolReturn', 840, 1050);
      const sleep = member === 'teen' ? t(rng, 'teenSleep', 1260, 1440) : t(rng, 'childSleep', 1140, 1320);
      return { weekday: day(wake, leave, back, sleep), weekend: weekendDay(rng, { wake, sleep }, member, null) };
    }
    case 'preschool_away':
    case 'preschool_home': {
      const wake = t(rng, 'childWake', 330, 450);
      const sleep = t(rng, 'preschoolSleep', 1080, 1260);
      const away = activity === 'preschool_away';
      const leave = away ? clampedNormal(rng, 480, 20, 420, 570) : null;
      const back = away ? clampedNormal(rng, 1005, 30, 900, 1110) : null;
      return { weekday: day(wake, leave, back, sleep), weekend: weekendDay(rng, { wake, sleep }, member, null) };
    }
    default: {
      const never: never = activity;
      throw new Error(`unknown activity ${String(never)}`);
    }
  }
}

/** Members of a household of `n`, householder first. */
function members(n: number, rng: Rng): { member: Member; relation: string }[] {
  const child = (): Member => drawFrom(rng, CHILD_AGE);
  if (n === 1) return [{ member: withChance(rng, ALONE_SENIOR) ? 'senior' : 'adult', relation: 'Householder' }];
  if (n === 2) {
    const kind = drawFrom(rng, TWO_PERSON);
    if (kind === 'couple') {
      const older: Member = withChance(rng, COUPLE_SENIOR) ? 'senior' : 'adult';
      return [
        { member: older, relation: 'Householder' },
        { member: older, relation: 'Spouse or partner' },
      ];
    }
    if (kind === 'parent_child')
      return [
        { member: 'adult', relation: 'Householder' },
        { member: child(), relation: 'Child' },
      ];
    return [
      { member: 'adult', relation: 'Householder' },
      { member: 'adult', relation: 'Roommate' },
    ];
  }
  const kind = drawFrom(rng, LARGER);
  const out: { member: Member; relation: string }[] = [{ member: 'adult', relation: 'Householder' }];
  if (kind === 'adults') {
    for (let i = 1; i < n; i++)
      out.push({ member: 'adult', relation: i === 1 ? 'Spouse or partner' : `Adult child ${i - 1}` });
    return out;
  }
  if (kind !== 'single_parent') out.push({ member: 'adult', relation: 'Spouse or partner' });
  if (kind === 'three_generations') out.push({ member: 'senior', relation: 'Parent of householder' });
  const children = n - out.length;
  for (let i = 1; i <= children; i++) out.push({ member: child(), relation: children === 1 ? 'Child' : `Child ${i}` });
  return out;
}

/** A household with weekly schedules, and how many of its members work from home at least part of the week. */
export function buildSurveyHousehold(req: HouseholdRequest, rng: Rng): { occupants: Occupant[]; homeWorkers: number } {
  // Household size leans on home size: a blend of an own draw and the home's size position.
  const q = 0.65 * rng.next() + 0.35 * req.sizeQuantile;
  // Crowding cap: at most two people per bedroom plus one (a studio: two).
  const cap = Math.min(8, Math.max(2, 2 * req.bedrooms + 1));
  const n = Math.min(cap, quantileOf(HOUSEHOLD_SIZE[req.structure], q));
  let homeWorkers = 0;
  const occupants = members(n, rng).map(({ member, relation }) => {
    const activity = activityOf(member, rng);
    const s = schedules(member, activity, rng);
    const worksFromHome = activity === 'remote' || activity === 'hybrid';
    if (worksFromHome) homeWorkers += 1;
    const role: Occupant['role'] = member === 'adult' ? 'adult' : member === 'senior' ? 'senior' : 'child';
    // A second home is empty on weekdays: leave equal to return means away the whole day.
    const weekday = req.secondHome ? { wake: '07:00', leave: '09:00', return: '09:00', sleep: '22:30' } : s.weekday;
    return { name: relation, role, works_from_home: worksFromHome, weekday, weekend: s.weekend };
  });
  return { occupants, homeWorkers };
}
