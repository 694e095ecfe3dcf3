import type { Device } from '../homes/home-schema';
import type { Rng } from '../random';
import {
  BATTERY_ENTITY,
  FRONT_FIXTURES,
  type Fixture,
  HOME_ENERGY,
  ROBOT_VACUUM,
  ROOM_FIXTURES,
  SCENES,
  TIERS,
  type Tier,
  WINDOW_AC,
} from './device-catalogue';
import { objectId, withChance } from './draw';
import type { SurveyRoom } from './rooms';
import type { SurveyStructure } from './structure';

/**
 * Fits a survey home with devices: room by room from the catalogue by adoption tier, the heating and
 * cooling the structure drew (every home has heating, so every home has at least one climate entity),
 * then whole-home devices. A starter kit is guaranteed (a light and a motion sensor where people live):
 * the source models homes that run Home Assistant, which nobody installs for nothing.
 */

/** The schema's device limit. */
const MAX_DEVICES = 150;

class DeviceList {
  readonly devices: Device[] = [];
  private readonly ids = new Set<string>();

  get full(): boolean {
    return this.devices.length >= MAX_DEVICES;
  }

  /** Adds a device named `name` in `room`; the object id is the name's, numbered on a clash. */
  add(
    name: string,
    fixture: Pick<Fixture, 'domain' | 'deviceClass' | 'category' | 'power'>,
    room: SurveyRoom,
  ): Device | null {
    if (this.full) return null;
    const base = objectId(name);
    let id = `${fixture.domain}.${base}`;
    for (let k = 2; this.ids.has(id); k++) id = `${fixture.domain}.${base}_${k}`;
    this.ids.add(id);
    const device: Device = {
      entity_id: id,
      name: name.slice(0, 80),
      domain: fixture.domain,
      device_class: fixture.deviceClass,
      category: fixture.category,
      area: room.area.name,
      power: fixture.power,
    };
    this.devices.push(device);
    return device;
  }

  hasIn(room: SurveyRoom, test: (d: Device) => boolean): boolean {
    return this.devices.some((d) => d.area === room.area.name && test(d));
  }
}

function nameOf(fixture: Fixture, room: SurveyRoom): string {
  return fixture.standalone === true ? fixture.label : `${room.area.name} ${fixture.label}`;
}

/** The way into the home: its entry, else the living room (where the front door then opens). */
function frontRoom(rooms: readonly SurveyRoom[]): SurveyRoom {
  const front = rooms.find((r) => r.use === 'entry') ?? rooms.find((r) => r.use === 'living') ?? rooms[0];
  if (front === undefined) throw new Error('a survey home needs at least one room');
  return front;
}

const isLiving = (r: SurveyRoom): boolean => r.use === 'living';
const isBedroom = (r: SurveyRoom): boolean => r.use === 'primary_bedroom' || r.use === 'bedroom' || r.use === 'alcove';

/** Heating and cooling entities: zoned thermostats for ducted and hydronic systems, per-room units otherwise. */
function addClimate(list: DeviceList, s: SurveyStructure, rooms: readonly SurveyRoom[], tier: number, rng: Rng): void {
  const living = rooms.find(isLiving) ?? frontRoom(rooms);
  const climate = { domain: 'climate', deviceClass: null, category: 'climate', power: 'mains' } as const;
  if (s.heating === 'furnace' || s.heating === 'heat_pump' || s.heating === 'boiler') {
    // One zone per home, more for multi-level homes (zoning shares assumed).
    const hallOn = (floor: number): SurveyRoom | undefined =>
      rooms.find((r) => (r.use === 'hall' || r.use === 'entry') && r.area.floor === floor);
    const floors = [
      ...new Set(rooms.filter((r) => r.area.type === 'indoor' && r.area.floor >= 0).map((r) => r.area.floor)),
    ].sort((a, b) => a - b);
    const zoneFloors = [living.area.floor];
    for (const fl of floors) if (fl !== living.area.floor && withChance(rng, 0.35)) zoneFloors.push(fl);
    for (const fl of zoneFloors) {
      const room = hallOn(fl) ?? rooms.find((r) => r.area.floor === fl && (isBedroom(r) || isLiving(r))) ?? living;
      const name =
        zoneFloors.length === 1
          ? 'Thermostat'
          : fl === living.area.floor
            ? 'Main floor thermostat'
            : fl > living.area.floor
              ? `Level ${fl - living.area.floor + 1} thermostat`
              : 'Lower level thermostat';
      list.add(name, climate, room);
    }
  } else {
    // Per-room heaters or heads: the living room always, bedrooms by tier (assumed).
    const label = s.heating === 'baseboard' ? 'baseboard' : 'mini-split';
    list.add(`${living.area.name} ${label}`, climate, living);
    const bedroomChance = [0.4, 0.7, 0.95][tier] ?? 0.7;
    for (const room of rooms.filter(isBedroom))
      if (withChance(rng, bedroomChance)) list.add(`${room.area.name} ${label}`, climate, room);
  }
  if (s.cooling === 'room_units') {
    const plug = WINDOW_AC[tier] ?? 0.5;
    for (const room of rooms.filter((r) => isLiving(r) || isBedroom(r))) {
      if (withChance(rng, plug))
        list.add(
          `${room.area.name} window AC`,
          { domain: 'switch', deviceClass: null, category: 'climate', power: 'mains' },
          room,
        );
    }
  }
}

/** Devices of a survey home with rooms `rooms`. */
export function fitDevices(s: SurveyStructure, rooms: readonly SurveyRoom[], tierName: Tier, rng: Rng): Device[] {
  const tier = TIERS.indexOf(tierName);
  const list = new DeviceList();
  const front = frontRoom(rooms);
  const chance = (f: Fixture): boolean => withChance(rng, f.p[tier] ?? 0);

  for (const f of FRONT_FIXTURES) if (chance(f)) list.add(nameOf(f, front), f, front);
  // Heating first: it is what every home has, so the device limit never crowds it out.
  addClimate(list, s, rooms, tier, rng);
  for (const room of rooms) {
    for (const f of ROOM_FIXTURES[room.use]) {
      // A patio door in the room the front door opens into would be a second front door.
      if (room === front && f.label === 'patio door') continue;
      if (chance(f)) list.add(nameOf(f, room), f, room);
    }
  }

  const living = rooms.find(isLiving) ?? front;
  for (const f of SCENES) if (chance(f)) list.add(f.label, f, living);
  const utility =
    rooms.find((r) => r.use === 'garage' || r.use === 'basement' || r.use === 'laundry') ??
    rooms.find((r) => r.use === 'kitchen') ??
    living;
  for (const f of HOME_ENERGY) if (chance(f)) list.add(f.label, f, utility);
  if (chance(ROBOT_VACUUM)) list.add(ROBOT_VACUUM.label, ROBOT_VACUUM, living);

  // The starter kit every Home Assistant home here has (see the module comment).
  if (!list.hasIn(living, (d) => d.domain === 'light')) {
    list.add(
      `${living.area.name} ceiling light`,
      { domain: 'light', deviceClass: null, category: 'lighting', power: 'mains' },
      living,
    );
  }
  if (!list.devices.some((d) => d.device_class === 'motion' || d.device_class === 'occupancy')) {
    list.add(
      `${living.area.name} occupancy`,
      { domain: 'binary_sensor', deviceClass: 'occupancy', category: 'monitoring', power: 'battery' },
      living,
    );
  }

  // Enthusiasts expose battery levels as entities of their own.
  const batteryChance = BATTERY_ENTITY[tier] ?? 0;
  for (const d of list.devices.filter((x) => x.power === 'battery' && x.domain !== 'sensor')) {
    const room = rooms.find((r) => r.area.name === d.area);
    if (room !== undefined && withChance(rng, batteryChance)) {
      list.add(
        `${d.name} battery`,
        { domain: 'sensor', deviceClass: 'battery', category: 'monitoring', power: 'battery' },
        room,
      );
    }
  }
  return list.devices;
}
