import type { Rng } from '../random';
import type { AreaKind } from './area-kinds';
import type { HomeLayout } from './home-layout';
import { type Intervals, normalize } from './intervals';
import { DAY_END, DAY_START, type OccupantDay } from './occupancy';

/**
 * Which rooms people are in, minute by minute: a morning routine after waking, a bedtime routine,
 * passing the entry (or the garage) when leaving and returning, and in between rooms drawn by time of
 * day and by who the person is (a remote worker sits in the office on weekdays, children play in the
 * afternoon, retirees garden). Motion, lights and media then follow these visits.
 */
export interface VisitList {
  area: number[];
  start: number[];
  end: number[];
}

/** A fresh visit list. */
export function emptyVisits(): VisitList {
  return { area: [], start: [], end: [] };
}

/** The day's conditions that steer room choice. */
export interface VisitConditions {
  weekend: boolean;
  sunrise: number;
  sunset: number;
  /** Daily mean outdoor temperature, °C. */
  outdoorMean: number;
  rain: boolean;
}

type Persona = 'remote' | 'adult' | 'child' | 'senior';

const DURATIONS: Readonly<Record<AreaKind, readonly [number, number]>> = {
  bedroom: [10, 50],
  bathroom: [3, 12],
  kitchen: [8, 35],
  living: [20, 90],
  dining: [20, 45],
  office: [40, 120],
  hallway: [1, 3],
  laundry: [8, 25],
  garage: [5, 25],
  basement: [10, 40],
  storage: [2, 8],
  recreation: [30, 90],
  garden: [20, 90],
  yard: [15, 60],
  patio: [20, 75],
  balcony: [10, 40],
  porch: [10, 45],
  pool: [30, 90],
  driveway: [5, 20],
};

function kindWeight(kind: AreaKind, hour: number, persona: Persona, c: VisitConditions, daylight: boolean): number {
  const evening = hour >= 18 || hour < 4;
  const outdoorOk = daylight && !c.rain && c.outdoorMean > 11;
  switch (kind) {
    case 'kitchen':
      return (hour >= 6 && hour < 9) || (hour >= 11.5 && hour < 13.5) || (hour >= 17 && hour < 20) ? 4 : 0.8;
    case 'dining':
      return (hour >= 12 && hour < 13.5) || (hour >= 18 && hour < 20) ? 3 : 0.15;
    case 'living':
      if (hour >= 20 || hour < 4) return 6;
      if (hour >= 17) return 3;
      return persona === 'senior' ? 4 : 1.5;
    case 'bedroom':
      if (persona === 'child') return hour >= 15 ? 4 : 1.5;
      return evening ? 1.5 : 0.6;
    case 'bathroom':
      return 0.9;
    case 'office':
      if (persona === 'remote' && !c.weekend && hour >= 8.5 && hour < 17.5) return 14;
      return persona === 'child' ? 0.2 : 0.6;
    case 'recreation':
      return persona === 'child' ? 3 : evening ? 1.5 : 0.6;
    case 'laundry':
      return c.weekend ? 1 : 0.3;
    case 'basement':
      return 0.3;
    case 'storage':
      return 0.15;
    case 'garage':
      return c.weekend ? 0.5 : 0.15;
    case 'hallway':
    case 'driveway':
      return 0;
    case 'garden':
      if (!outdoorOk) return 0;
      return persona === 'senior' ? 4 : c.weekend ? 2.5 : 0.7;
    case 'yard':
      if (!outdoorOk) return 0;
      return persona === 'child' ? 2.5 : c.weekend ? 1.5 : 0.4;
    case 'patio':
    case 'balcony':
    case 'porch':
      if (c.rain || c.outdoorMean < 13) return 0;
      return hour >= 17 ? 1.8 : daylight ? 0.6 : 0.2;
    case 'pool':
      return outdoorOk && c.outdoorMean > 21 ? 3 : 0;
    default: {
      const never: never = kind;
      throw new Error(`unknown area kind ${String(never)}`);
    }
  }
}

function personaOf(day: OccupantDay, weekend: boolean): Persona {
  if (day.role === 'child') return 'child';
  if (day.role === 'senior') return 'senior';
  return day.worksFromHome && !weekend ? 'remote' : 'adult';
}

/** Adds one occupant's visits for the day to `out`. */
export function planVisits(
  day: OccupantDay,
  bed: number,
  layout: HomeLayout,
  conditions: VisitConditions,
  rng: Rng,
  out: VisitList,
): void {
  const persona = personaOf(day, conditions.weekend);
  const kindsPresent = layout.kindList;
  const weights = new Float64Array(kindsPresent.length);
  const add = (area: number, s: number, e: number): void => {
    if (e <= s) return;
    out.area.push(area);
    out.start.push(s);
    out.end.push(e);
  };
  const areaOf = (kind: AreaKind): number => {
    if (kind === 'bedroom' && rng.chance(0.85)) return bed;
    const list = layout.byKind.get(kind);
    return list === undefined || list.length === 0 ? bed : (list[Math.floor(rng.next() * list.length)] ?? bed);
  };
  const first = (kind: AreaKind): number | undefined => layout.byKind.get(kind)?.[0];
  const pass = (t: number): number => {
    // Stairs and corridors between rooms of a multi-level home.
    if (layout.multiLevel && layout.hallways.length > 0 && rng.chance(0.45)) {
      const h = layout.hallways[Math.floor(rng.next() * layout.hallways.length)] ?? layout.front;
      const d = rng.uniform(0.4, 1.5);
      add(h, t, t + d);
      return t + d;
    }
    return t;
  };

  for (let k = 0; k < day.active.length; k += 2) {
    const activeStart = day.active[k] ?? 0;
    let t = activeStart;
    let end = day.active[k + 1] ?? 0;
    // The end of the stretch first (bedtime or leaving), so the morning routine cannot run past it.
    const tail: [number, number, number][] = [];
    if (end === day.sleep && day.sleepsHome) {
      const bath = first('bathroom');
      let s = end - rng.uniform(1, 3);
      tail.push([bed, s, end + rng.uniform(0.5, 2)]);
      if (bath !== undefined) {
        const b = s - rng.uniform(4, 12);
        tail.push([bath, b, s]);
        s = b;
      }
      end = s;
    } else if (day.departures.includes(end)) {
      const via = day.drives && layout.garage >= 0 ? layout.garage : layout.front;
      const s = end - rng.uniform(1, 3);
      tail.push([via, s, end]);
      if (via !== layout.front && rng.chance(0.3)) tail.push([layout.front, s - 1, s]);
      end = s - 1;
    }
    end = Math.max(end, t);
    if (t === day.wake && day.wakesHome) {
      const bath = first('bathroom');
      const kitchen = first('kitchen');
      const b1 = Math.min(end, t + rng.uniform(3, 10));
      add(bed, t, b1);
      t = b1;
      if (bath !== undefined) {
        const b2 = Math.min(end, t + rng.uniform(6, persona === 'child' ? 12 : 22));
        add(bath, t, b2);
        t = b2;
      }
      if (kitchen !== undefined) {
        const b3 = Math.min(end, t + rng.uniform(10, 30));
        add(kitchen, t, b3);
        t = b3;
      }
    } else if (day.returns.includes(t)) {
      const via = day.drives && layout.garage >= 0 ? layout.garage : layout.front;
      const e = Math.min(end, t + rng.uniform(0.5, 2));
      add(via, t, e);
      t = e;
    }
    while (t < end - 1) {
      const hour = (t / 60) % 24;
      const daylight = t > conditions.sunrise && t < conditions.sunset;
      let total = 0;
      for (let i = 0; i < kindsPresent.length; i++) {
        const kind = kindsPresent[i];
        const w = kind === undefined ? 0 : kindWeight(kind, hour, persona, conditions, daylight);
        total += w;
        weights[i] = total;
      }
      if (total <= 0) break;
      const x = rng.next() * total;
      let i = 0;
      while (i < kindsPresent.length - 1 && x >= (weights[i] ?? 0)) i++;
      const kind = kindsPresent[i] ?? 'living';
      const [lo, hi] = DURATIONS[kind];
      const e = Math.min(end, t + rng.uniform(lo, hi));
      add(areaOf(kind), t, e);
      t = pass(e);
    }
    for (const [area, s, e] of tail) add(area, Math.max(s, activeStart), Math.min(e, DAY_END - 0.5));
  }

  // A trip to the bathroom in the night, more often for older people.
  if (day.sleepsHome) {
    const p = day.role === 'senior' ? 0.5 : day.role === 'child' ? 0.05 : 0.15;
    const bath = first('bathroom');
    if (bath !== undefined && rng.chance(p)) {
      const s = day.sleep + rng.uniform(60, 300);
      if (s < DAY_END - 10) add(bath, s, s + rng.uniform(2, 6));
    }
  }
}

/** Visits merged per area: when anyone is in each room. */
export function occupancyByArea(visits: VisitList, areaCount: number): Intervals[] {
  const raw: number[][] = Array.from({ length: areaCount }, () => []);
  for (let i = 0; i < visits.area.length; i++) {
    const list = raw[visits.area[i] ?? 0];
    if (list === undefined) continue;
    list.push(Math.max(DAY_START, visits.start[i] ?? 0), Math.min(DAY_END - 0.5, visits.end[i] ?? 0));
  }
  return raw.map((r) => normalize(r));
}
