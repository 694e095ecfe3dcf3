import type { HomeType } from '../home-types';
import type { Area } from '../homes/home-schema';
import type { Rng } from '../random';
import { withChance } from './draw';
import { STRUCTURE_PROFILES } from './structure-tables';
import type { SurveyStructure } from './structure';

/**
 * Names and places the rooms of a survey home. Rooms are what the American Housing Survey counts
 * (bedrooms, full and half baths, kitchen, living, dining and family rooms, dens and offices, finished
 * basements) plus the spaces a smart home puts devices in (entry, halls, laundry, garage, outdoor spaces).
 * Names follow US listing usage ("Primary bedroom", "Bedroom 2", "Hall bath", "Half bath").
 */

/** What a room is used for, in this maker's own terms (the device catalogue is keyed by it). */
export type RoomUse =
  | 'entry'
  | 'living'
  | 'family'
  | 'bonus'
  | 'sunroom'
  | 'kitchen'
  | 'dining'
  | 'primary_bedroom'
  | 'bedroom'
  | 'alcove'
  | 'full_bath'
  | 'half_bath'
  | 'office'
  | 'laundry'
  | 'mudroom'
  | 'hall'
  | 'garage'
  | 'basement'
  | 'porch'
  | 'deck'
  | 'patio'
  | 'yard'
  | 'garden'
  | 'driveway'
  | 'pool'
  | 'balcony'
  | 'carport';

/** A placed room: the schema area and what it is used for. */
export interface SurveyRoom {
  area: Area;
  use: RoomUse;
}

/** Rooms a level can sleep: a full level four bedrooms, a half story under the roof two (assumed). */
const BEDROOMS_PER_LEVEL = 4;
const BEDROOMS_PER_HALF_STORY = 2;
/** The schema's area limit. */
const MAX_AREAS = 40;

class RoomList {
  readonly rooms: SurveyRoom[] = [];
  indoor(name: string, floor: number, use: RoomUse): void {
    this.rooms.push({ area: { name, type: 'indoor', floor }, use });
  }
  outdoor(name: string, floor: number, use: RoomUse): void {
    this.rooms.push({ area: { name, type: 'outdoor', floor }, use });
  }
  has(use: RoomUse): boolean {
    return this.rooms.some((r) => r.use === use);
  }
}

function ordinalFloorName(floor: number): string {
  return floor === 1 ? 'Upstairs hall' : floor === 2 ? 'Third-floor hall' : `Floor ${floor + 1} hall`;
}

/** Places the rooms of `s`; `homeWorkers` is how many occupants work from home (they raise the chance of an office). */
export function layoutRooms(homeType: HomeType, s: SurveyStructure, homeWorkers: number, rng: Rng): SurveyRoom[] {
  const p = STRUCTURE_PROFILES[homeType];
  const f = s.roomFactor;
  const house = s.structure === 'detached' || s.structure === 'attached';
  const base = s.baseFloor;
  const top = base + s.levels - 1;
  // Three-level townhouses usually put the garage and entry below the living floor (assumed 70 %).
  const livingFloor = s.structure === 'attached' && s.levels >= 3 && withChance(rng, 0.7) ? base + 1 : base;
  const list = new RoomList();

  // The way in comes first: the simulator treats the first entry or hall as where people come and go.
  const entry = (house && s.levels >= 2) || withChance(rng, p.entry);
  if (entry) list.indoor(house ? rng.pick(['Foyer', 'Front hall', 'Entry']) : 'Entry', base, 'entry');
  if (s.structure === 'accessory' || homeType === 'studio') list.indoor('Main room', base, 'living');
  else
    list.indoor(
      house && s.sizeQuantile > 0.5 && withChance(rng, 0.2) ? 'Great room' : 'Living room',
      livingFloor,
      'living',
    );
  list.indoor(homeType === 'studio' && withChance(rng, 0.5) ? 'Kitchenette' : 'Kitchen', livingFloor, 'kitchen');
  if (withChance(rng, p.dining * f)) list.indoor('Dining room', livingFloor, 'dining');

  // Bedrooms: the primary on the first floor above the living floor (or on it: a main-floor primary,
  // assumed 25 % of multi-level houses), the others filling upper floors, then the living floor, then a
  // finished basement.
  const upper: number[] = [];
  for (let fl = livingFloor + 1; fl <= top; fl++) upper.push(fl);
  if (livingFloor > base) upper.push(base);
  const capacity = (fl: number): number => (s.halfStory && fl === top ? BEDROOMS_PER_HALF_STORY : BEDROOMS_PER_LEVEL);
  const used = new Map<number, number>();
  const place = (preferred: number | undefined): number => {
    for (const fl of [...(preferred === undefined ? [] : [preferred]), ...upper, livingFloor]) {
      if ((used.get(fl) ?? 0) < capacity(fl) || fl === livingFloor) {
        used.set(fl, (used.get(fl) ?? 0) + 1);
        return fl;
      }
    }
    return livingFloor;
  };
  let primaryFloor = livingFloor;
  if (s.bedrooms > 0) {
    primaryFloor = place(upper.length === 0 || withChance(rng, 0.25) ? livingFloor : upper[0]);
    list.indoor('Primary bedroom', primaryFloor, 'primary_bedroom');
  } else if (homeType === 'studio' && withChance(rng, 0.22)) {
    list.indoor('Sleeping alcove', base, 'alcove');
  }
  for (let b = 2; b <= s.bedrooms; b++) {
    const inBasement = s.basement === 'finished' && b === s.bedrooms && s.bedrooms >= 4 && withChance(rng, 0.3);
    list.indoor(`Bedroom ${b}`, inBasement ? -1 : place(undefined), 'bedroom');
  }

  // Bathrooms: an en-suite when there are two or more, a hall bath near the other bedrooms, then extras.
  const bedroomFloors = list.rooms.filter((r) => r.use === 'bedroom').map((r) => r.area.floor);
  const hallBathFloor = bedroomFloors[0] ?? primaryFloor;
  for (let k = 1; k <= s.fullBaths; k++) {
    if (s.fullBaths === 1) list.indoor('Bath', s.bedrooms > 0 ? hallBathFloor : base, 'full_bath');
    else if (k === 1) list.indoor('Primary bath', primaryFloor, 'full_bath');
    else if (k === 2) list.indoor('Hall bath', hallBathFloor, 'full_bath');
    else list.indoor(`Bath ${k}`, s.basement === 'finished' && k === s.fullBaths ? -1 : livingFloor, 'full_bath');
  }
  for (let k = 1; k <= s.halfBaths; k++)
    list.indoor(k === 1 ? 'Half bath' : 'Half bath 2', k === 1 ? livingFloor : base, 'half_bath');

  if (s.bedrooms >= 2 && withChance(rng, p.familyRoom * f)) list.indoor('Family room', livingFloor, 'family');
  const officeChance = Math.min(0.95, p.office * f + (homeWorkers > 0 ? 0.45 : 0));
  if (withChance(rng, officeChance))
    list.indoor(
      'Home office',
      upper.length > 0 && withChance(rng, 0.4) ? (upper[0] ?? livingFloor) : livingFloor,
      'office',
    );
  if (homeWorkers >= 2 && withChance(rng, 0.3 * f)) list.indoor('Office 2', livingFloor, 'office');
  if (s.levels >= 3 && withChance(rng, 0.5 * f)) list.indoor('Bonus room', top, 'bonus');
  if (s.structure === 'detached' && withChance(rng, 0.06 * f)) list.indoor('Sunroom', livingFloor, 'sunroom');

  if (withChance(rng, Math.min(1, p.laundryRoom * (0.8 + 0.4 * s.sizeQuantile)))) {
    if (!house) list.indoor(withChance(rng, 0.6) ? 'Laundry closet' : 'Laundry room', base, 'laundry');
    else {
      const r = rng.next();
      const fl =
        s.basement !== 'none' && r < 0.3 ? -1 : upper.length > 0 && r < 0.55 ? (upper[0] ?? livingFloor) : livingFloor;
      list.indoor('Laundry room', fl, 'laundry');
    }
  }
  if (s.garage === 'attached' && withChance(rng, 0.2 * f)) list.indoor('Mudroom', base, 'mudroom');

  // Halls on the sleeping floors of a home with an entry (a landing at the top of the stairs).
  if (entry) {
    const sleeping = new Set(bedroomFloors.concat(primaryFloor).filter((fl) => fl !== base && fl >= 0));
    for (const fl of [...sleeping].sort((a, b) => a - b))
      if (withChance(rng, 0.85)) list.indoor(house ? ordinalFloorName(fl - base) : 'Hall', fl, 'hall');
    if (!house && s.bedrooms >= 2 && !list.has('hall') && withChance(rng, 0.5)) list.indoor('Hall', base, 'hall');
  }

  if (s.garage === 'attached')
    list.indoor(livingFloor > base ? 'Tuck-under garage' : 'Attached garage', base, 'garage');
  if (s.garage === 'detached') list.indoor('Detached garage', 0, 'garage');
  if (s.basement !== 'none')
    list.indoor(s.basement === 'finished' ? 'Finished basement' : 'Unfinished basement', -1, 'basement');

  const ground = house ? 0 : base;
  for (const kind of s.outdoor) {
    switch (kind) {
      case 'porch':
        list.outdoor('Front porch', 0, 'porch');
        break;
      case 'stoop':
        list.outdoor('Front stoop', 0, 'porch');
        break;
      case 'deck':
        list.outdoor('Back deck', livingFloor, 'deck');
        break;
      case 'patio':
        list.outdoor('Patio', ground, 'patio');
        break;
      case 'yard':
        list.outdoor(house ? 'Back yard' : 'Shared yard', ground, 'yard');
        break;
      case 'garden':
        list.outdoor('Vegetable garden', 0, 'garden');
        break;
      case 'driveway':
        list.outdoor('Driveway', 0, 'driveway');
        break;
      case 'pool':
        list.outdoor('Pool', 0, 'pool');
        break;
      case 'balcony':
        list.outdoor('Balcony', base, 'balcony');
        break;
      default: {
        const never: never = kind;
        throw new Error(`unknown outdoor space ${String(never)}`);
      }
    }
  }
  if (s.garage === 'carport') list.outdoor('Carport', 0, 'carport');
  return list.rooms.slice(0, MAX_AREAS);
}
