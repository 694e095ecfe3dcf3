import type { HomeType } from '../home-types';
import type { Rng } from '../random';
import { type AreaKind, areaKind, isOutdoorKind } from './area-kinds';
import { DEVICE_KINDS, type DeviceKind } from './device-catalog';
import type { Area, Device } from './home-schema';
import { type CoreProbabilities, DEVICE_PROFILES } from './template-device-profiles';

/** Lower snake case with only [a-z0-9_], as Home Assistant object ids are. */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug === '' ? 'device' : slug;
}

// Sane counts of one kind in one room; beyond them a fill draw goes to another room or kind.
const MAX_PER_AREA: Partial<Record<DeviceKind, number>> = {
  lamp: 2,
  plug: 3,
  window: 3,
  blinds: 2,
  outdoor_light: 2,
  outdoor_motion: 2,
  outdoor_camera: 2,
  garage_door: 2,
};
const MAX_PER_HOME: Partial<Record<DeviceKind, number>> = {
  scene_morning: 1,
  scene_movie: 1,
  scene_night: 1,
  scene_away: 1,
  alarm_panel: 1,
  coffee_maker: 1,
  energy_meter: 1,
  doorbell: 1,
  doorbell_camera: 1,
  pool_pump: 1,
  hvac_switch: 2,
  vacuum: 3,
  power_meter: 3,
  battery: 4,
  fireplace: 2,
};
const SCENES: ReadonlySet<DeviceKind> = new Set<DeviceKind>([
  'scene_morning',
  'scene_movie',
  'scene_night',
  'scene_away',
]);

// The core devices of each room kind beyond its ceiling light, in the order they are drawn.
const ROOM_CORE: Partial<Record<AreaKind, readonly (readonly [keyof CoreProbabilities, DeviceKind])[]>> = {
  living: [
    ['livingMotion', 'motion'],
    ['livingTv', 'tv'],
    ['livingHeater', 'heater'],
  ],
  hallway: [['hallwayMotion', 'motion']],
  bedroom: [
    ['bedroomMotion', 'motion'],
    ['bedroomBlinds', 'blinds'],
  ],
  kitchen: [['kitchenSmoke', 'smoke']],
  bathroom: [
    ['bathroomHumidity', 'humidity'],
    ['bathroomFan', 'exhaust_fan'],
  ],
  garage: [['garageDoor', 'garage_door']],
};

interface PlacedArea {
  area: Area;
  kind: AreaKind;
  slug: string;
}

class DeviceSet {
  readonly devices: Device[] = [];
  private readonly ids = new Set<string>();
  private readonly perArea = new Map<string, number>();
  private readonly perHome = new Map<DeviceKind, number>();

  count(kind: DeviceKind, area?: PlacedArea): number {
    return area === undefined ? (this.perHome.get(kind) ?? 0) : (this.perArea.get(`${kind}@${area.area.name}`) ?? 0);
  }

  canPlace(kind: DeviceKind, area: PlacedArea): boolean {
    const spec = DEVICE_KINDS[kind];
    if (!(spec.places as readonly AreaKind[]).includes(area.kind)) return false;
    if (this.count(kind, area) >= (MAX_PER_AREA[kind] ?? 1)) return false;
    return this.count(kind) < (MAX_PER_HOME[kind] ?? Number.POSITIVE_INFINITY);
  }

  add(kind: DeviceKind, area: PlacedArea): void {
    const spec = DEVICE_KINDS[kind];
    const nth = this.count(kind, area) + 1;
    const baseId = SCENES.has(kind) ? `${spec.domain}.${spec.slug}` : `${spec.domain}.${area.slug}_${spec.slug}`;
    const baseName = SCENES.has(kind) ? spec.label : `${area.area.name} ${spec.label}`;
    let id = nth === 1 ? baseId : `${baseId}_${nth}`;
    for (let k = nth + 1; this.ids.has(id); k++) id = `${baseId}_${k}`;
    this.ids.add(id);
    this.perArea.set(`${kind}@${area.area.name}`, nth);
    this.perHome.set(kind, this.count(kind) + 1);
    this.devices.push({
      entity_id: id,
      name: (nth === 1 ? baseName : `${baseName} ${nth}`).slice(0, 80),
      domain: spec.domain,
      device_class: spec.deviceClass,
      category: spec.category,
      area: area.area.name,
      power: spec.power,
    });
  }
}

/** The room a household comes and goes through: an entry or hallway on the lowest indoor floor, else the living room. */
function frontArea(rooms: readonly PlacedArea[]): PlacedArea | undefined {
  const entry = rooms.find((r) => r.kind === 'hallway' && /entry|foyer|hall/i.test(r.area.name));
  return entry ?? rooms.find((r) => r.kind === 'living') ?? rooms[0];
}

/**
 * The devices of a template home: a type-specific core placed room by room, then a weighted fill up to
 * `target` devices. Indoor kinds only go indoors and outdoor kinds only outdoors, so outdoor devices
 * exist only where the home has outdoor space.
 */
export function buildTemplateDevices(homeType: HomeType, areas: readonly Area[], target: number, rng: Rng): Device[] {
  const profile = DEVICE_PROFILES[homeType];
  const core = profile.core;
  const placed: PlacedArea[] = areas.map((area) => ({ area, kind: areaKind(area), slug: slugify(area.name) }));
  const rooms = placed.filter((p) => !isOutdoorKind(p.kind));
  const outdoors = placed.filter((p) => isOutdoorKind(p.kind));
  const set = new DeviceSet();
  const coreList: [DeviceKind, PlacedArea][] = [];
  const want = (p: number, kind: DeviceKind, area: PlacedArea | undefined): void => {
    if (area !== undefined && rng.chance(p)) coreList.push([kind, area]);
  };

  const front = frontArea(rooms);
  want(core.frontLock, 'lock', front);
  want(core.frontDoorSensor, 'door', front);
  const floorsWithRooms = [...new Set(rooms.map((r) => r.area.floor))].sort((a, b) => a - b);
  const living = rooms.find((r) => r.kind === 'living');
  want(core.thermostat, 'thermostat', living ?? front);
  for (const floor of floorsWithRooms) {
    if (floor === (living ?? front)?.area.floor) continue;
    const candidates = rooms.filter(
      (r) => r.area.floor === floor && DEVICE_KINDS.thermostat.places.some((k) => k === r.kind),
    );
    want(core.extraThermostatPerFloor, 'thermostat', candidates[0]);
  }
  for (const room of rooms) {
    const main =
      room.kind !== 'storage' && room.kind !== 'hallway' && room.kind !== 'laundry' && room.kind !== 'basement';
    want(main ? core.ceilingLight : core.ceilingLight * 0.6, 'ceiling_light', room);
    for (const [p, kind] of ROOM_CORE[room.kind] ?? []) want(core[p], kind, room);
  }
  const frontOutdoor = outdoors.find((o) => o.kind === 'porch') ?? outdoors.find((o) => /front/i.test(o.area.name));
  if (frontOutdoor !== undefined) want(core.doorbellCamera, 'doorbell_camera', frontOutdoor);
  else if (outdoors.length === 0) want(core.doorbellCamera * 0.5, 'doorbell_camera', front);
  for (const out of outdoors) {
    want(core.outdoorLight, 'outdoor_light', out);
    if (out.kind === 'garden') want(core.gardenIrrigation, 'irrigation', out);
    if (out.kind === 'yard') want(core.yardCamera, 'outdoor_camera', out);
    if (out.kind === 'pool') want(0.9, 'pool_pump', out);
  }

  // Small homes cannot hold the whole core: keep a random subset, in the original order.
  const keep =
    coreList.length <= target
      ? coreList
      : rng
          .shuffle(coreList.map((c, i) => ({ c, i })))
          .slice(0, target)
          .sort((a, b) => a.i - b.i)
          .map((x) => x.c);
  for (const [kind, area] of keep) if (set.canPlace(kind, area)) set.add(kind, area);

  const kinds = (Object.keys(profile.fill) as DeviceKind[]).filter((k) => (profile.fill[k] ?? 0) > 0);
  const weights = kinds.map((k) => profile.fill[k] ?? 0);
  while (set.devices.length < target) {
    let total = 0;
    for (const w of weights) total += w;
    if (total <= 0) break;
    let x = rng.next() * total;
    let i = 0;
    while (i < weights.length - 1 && x >= (weights[i] ?? 0)) {
      x -= weights[i] ?? 0;
      i++;
    }
    const kind = kinds[i];
    if (kind === undefined) break;
    const options = placed.filter((p) => set.canPlace(kind, p));
    if (options.length === 0) {
      weights[i] = 0;
      continue;
    }
    set.add(kind, rng.pick(options));
  }

  const order = new Map(areas.map((a, i) => [a.name, i]));
  return set.devices
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (order.get(a.d.area) ?? 0) - (order.get(b.d.area) ?? 0) || a.i - b.i)
    .map((x) => x.d);
}
