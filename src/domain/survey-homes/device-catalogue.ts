import type { DeviceCategory, DeviceDomain } from '../homes/home-schema';
import type { Weighted } from './draw';
import type { RoomUse } from './rooms';

/**
 * The survey maker's own device catalogue: what a Home Assistant household fits in each kind of room,
 * with a chance per adoption tier. Names follow a "<Room> <thing>" convention in sentence case
 * ("Bedroom 2 ceiling fan", entity `fan.bedroom_2_ceiling_fan`); things that belong to the home rather
 * than a room (the front door, scenes, the thermostat of a one-zone home) carry no room in their name.
 *
 * There is no published survey of which Home Assistant entities homes have, so every chance here is
 * assumed; the tiers spread homes from a starter kit to an enthusiast's install.
 */

export const TIERS = ['starter', 'established', 'enthusiast'] as const;
export type Tier = (typeof TIERS)[number];
/** Share of homes per adoption tier (assumed). */
export const TIER_SHARES: Weighted<Tier> = [
  ['starter', 0.35],
  ['established', 0.45],
  ['enthusiast', 0.2],
];

/** A device a room may have. */
export interface Fixture {
  /** Friendly-name part after the room name (or the whole name when `standalone`). */
  label: string;
  domain: DeviceDomain;
  deviceClass: string | null;
  category: DeviceCategory;
  power: 'battery' | 'mains';
  /** Chance per tier: starter, established, enthusiast. */
  p: readonly [number, number, number];
  /** Named without the room ("Front door", "Doorbell"). */
  standalone?: boolean;
}

type P = readonly [number, number, number];
const fx = (
  label: string,
  domain: DeviceDomain,
  deviceClass: string | null,
  category: DeviceCategory,
  power: Fixture['power'],
  p: P,
  standalone = false,
): Fixture =>
  standalone
    ? { label, domain, deviceClass, category, power, p, standalone }
    : { label, domain, deviceClass, category, power, p };

const overhead = (p: P): Fixture => fx('ceiling light', 'light', null, 'lighting', 'mains', p);
const occupancy = (p: P): Fixture => fx('occupancy', 'binary_sensor', 'occupancy', 'monitoring', 'battery', p);
const motion = (p: P): Fixture => fx('motion', 'binary_sensor', 'motion', 'security', 'battery', p);
const smokeAlarm = (p: P): Fixture => fx('smoke alarm', 'binary_sensor', 'smoke', 'security', 'battery', p);
const coAlarm = (p: P): Fixture => fx('CO alarm', 'binary_sensor', 'carbon_monoxide', 'security', 'battery', p);
const leakSensor = (p: P): Fixture => fx('leak sensor', 'binary_sensor', 'moisture', 'monitoring', 'battery', p);
const windowContact = (p: P): Fixture => fx('window', 'binary_sensor', 'window', 'security', 'battery', p);
const temperature = (p: P): Fixture => fx('temperature', 'sensor', 'temperature', 'climate', 'battery', p);
const humidity = (p: P): Fixture => fx('humidity', 'sensor', 'humidity', 'climate', 'battery', p);
const shades = (p: P): Fixture => fx('shades', 'cover', 'shade', 'climate', 'mains', p);
const ceilingFan = (p: P): Fixture => fx('ceiling fan', 'fan', null, 'climate', 'mains', p);
const speaker = (p: P): Fixture => fx('speaker', 'media_player', 'speaker', 'appliances', 'mains', p);
const tv = (p: P): Fixture => fx('TV', 'media_player', 'tv', 'appliances', 'mains', p);
const outdoorLight = (label: string, p: P): Fixture => fx(label, 'light', null, 'lighting', 'mains', p);
const camera = (label: string, p: P): Fixture => fx(label, 'camera', null, 'security', 'mains', p);
const outdoorMotion = (p: P): Fixture => fx('motion', 'binary_sensor', 'motion', 'security', 'battery', p);

/** Devices that sit in the home's front room (its entry, or the living room when there is none). */
export const FRONT_FIXTURES: readonly Fixture[] = [
  fx('Front door', 'binary_sensor', 'door', 'security', 'battery', [0.6, 0.85, 0.95], true),
  fx('Front door lock', 'lock', null, 'security', 'battery', [0.3, 0.6, 0.85], true),
  fx('Doorbell', 'button', null, 'security', 'battery', [0.15, 0.35, 0.55], true),
  fx('Alarm panel', 'alarm_control_panel', null, 'security', 'mains', [0.08, 0.25, 0.45], true),
];

const LIVING: readonly Fixture[] = [
  overhead([0.6, 0.85, 0.95]),
  fx('floor lamp', 'light', null, 'lighting', 'mains', [0.45, 0.7, 0.9]),
  occupancy([0.45, 0.75, 0.95]),
  tv([0.3, 0.6, 0.85]),
  speaker([0.25, 0.45, 0.75]),
  shades([0.05, 0.2, 0.5]),
  windowContact([0.03, 0.2, 0.5]),
  temperature([0.05, 0.25, 0.6]),
  ceilingFan([0.1, 0.2, 0.35]),
  fx('patio door', 'binary_sensor', 'door', 'security', 'battery', [0.05, 0.2, 0.45]),
  fx('camera', 'camera', null, 'security', 'mains', [0.03, 0.1, 0.25]),
];

const BEDROOM: readonly Fixture[] = [
  overhead([0.45, 0.75, 0.9]),
  fx('bedside lamp', 'light', null, 'lighting', 'mains', [0.3, 0.55, 0.85]),
  occupancy([0.15, 0.45, 0.85]),
  ceilingFan([0.15, 0.3, 0.45]),
  shades([0.05, 0.15, 0.45]),
  windowContact([0.03, 0.15, 0.45]),
  smokeAlarm([0.1, 0.3, 0.6]),
  temperature([0.05, 0.2, 0.5]),
  speaker([0.05, 0.15, 0.35]),
];

const BATH: readonly Fixture[] = [
  fx('vanity light', 'light', null, 'lighting', 'mains', [0.35, 0.65, 0.9]),
  fx('exhaust fan', 'fan', null, 'climate', 'mains', [0.08, 0.3, 0.6]),
  humidity([0.1, 0.35, 0.7]),
  leakSensor([0.08, 0.3, 0.6]),
  occupancy([0.05, 0.25, 0.6]),
];

/** Devices per room use. Outdoor spaces hold outdoor lights, cameras, motion and watering. */
export const ROOM_FIXTURES: Readonly<Record<RoomUse, readonly Fixture[]>> = {
  entry: [overhead([0.4, 0.7, 0.9]), motion([0.35, 0.65, 0.9]), smokeAlarm([0.2, 0.4, 0.6])],
  living: LIVING,
  family: [
    overhead([0.4, 0.7, 0.9]),
    fx('lamp', 'light', null, 'lighting', 'mains', [0.3, 0.55, 0.85]),
    occupancy([0.25, 0.55, 0.9]),
    tv([0.35, 0.6, 0.85]),
    speaker([0.1, 0.3, 0.6]),
  ],
  bonus: [overhead([0.3, 0.6, 0.85]), occupancy([0.15, 0.4, 0.8]), tv([0.2, 0.4, 0.7])],
  sunroom: [overhead([0.3, 0.5, 0.8]), shades([0.1, 0.3, 0.6]), temperature([0.1, 0.3, 0.6])],
  kitchen: [
    overhead([0.6, 0.85, 0.95]),
    fx('under-cabinet lights', 'light', null, 'lighting', 'mains', [0.1, 0.35, 0.65]),
    occupancy([0.3, 0.6, 0.9]),
    smokeAlarm([0.3, 0.5, 0.75]),
    leakSensor([0.15, 0.35, 0.65]),
    fx('coffee maker', 'switch', null, 'appliances', 'mains', [0.12, 0.3, 0.5]),
    fx('kettle', 'switch', null, 'appliances', 'mains', [0.03, 0.1, 0.25]),
    speaker([0.2, 0.35, 0.6]),
    fx('dishwasher power', 'sensor', 'power', 'monitoring', 'mains', [0, 0.1, 0.4]),
  ],
  dining: [fx('pendant', 'light', null, 'lighting', 'mains', [0.4, 0.7, 0.85]), occupancy([0.05, 0.2, 0.5])],
  primary_bedroom: [...BEDROOM, tv([0.1, 0.25, 0.4])],
  bedroom: BEDROOM,
  alcove: [fx('reading lamp', 'light', null, 'lighting', 'mains', [0.3, 0.55, 0.85]), occupancy([0.1, 0.3, 0.7])],
  full_bath: BATH,
  half_bath: [fx('light', 'light', null, 'lighting', 'mains', [0.25, 0.55, 0.85]), occupancy([0.05, 0.2, 0.5])],
  office: [
    fx('desk lamp', 'light', null, 'lighting', 'mains', [0.4, 0.7, 0.9]),
    overhead([0.3, 0.55, 0.8]),
    occupancy([0.3, 0.6, 0.9]),
    fx('desk plug', 'switch', null, 'appliances', 'mains', [0.2, 0.45, 0.75]),
    fx('space heater', 'switch', null, 'climate', 'mains', [0.04, 0.12, 0.25]),
    fx('computer power', 'sensor', 'power', 'monitoring', 'mains', [0, 0.1, 0.4]),
  ],
  laundry: [
    overhead([0.3, 0.5, 0.8]),
    fx('washer power', 'sensor', 'power', 'monitoring', 'mains', [0.08, 0.3, 0.6]),
    leakSensor([0.25, 0.45, 0.75]),
  ],
  mudroom: [overhead([0.3, 0.5, 0.8]), motion([0.2, 0.4, 0.7])],
  hall: [overhead([0.3, 0.55, 0.8]), motion([0.3, 0.6, 0.85]), smokeAlarm([0.4, 0.6, 0.8]), coAlarm([0.05, 0.2, 0.45])],
  garage: [
    overhead([0.3, 0.5, 0.8]),
    fx('door', 'cover', 'garage', 'security', 'mains', [0.35, 0.6, 0.85]),
    fx('entry door', 'binary_sensor', 'door', 'security', 'battery', [0.2, 0.45, 0.7]),
    motion([0.1, 0.3, 0.6]),
    fx('entry door lock', 'lock', null, 'security', 'battery', [0.04, 0.15, 0.35]),
    fx('EV charger', 'switch', null, 'appliances', 'mains', [0, 0.05, 0.15]),
  ],
  basement: [
    overhead([0.4, 0.6, 0.85]),
    motion([0.2, 0.4, 0.7]),
    fx('sump leak sensor', 'binary_sensor', 'moisture', 'monitoring', 'battery', [0.3, 0.5, 0.8]),
    humidity([0.15, 0.35, 0.6]),
    fx('dehumidifier', 'switch', null, 'appliances', 'mains', [0.1, 0.2, 0.4]),
    smokeAlarm([0.2, 0.4, 0.6]),
  ],
  porch: [
    outdoorLight('light', [0.5, 0.75, 0.9]),
    camera('doorbell camera', [0.25, 0.45, 0.7]),
    outdoorMotion([0.1, 0.3, 0.55]),
  ],
  deck: [
    outdoorLight('string lights', [0.1, 0.3, 0.5]),
    outdoorLight('flood light', [0.15, 0.35, 0.6]),
    temperature([0.1, 0.25, 0.5]),
  ],
  patio: [
    outdoorLight('string lights', [0.1, 0.3, 0.5]),
    outdoorLight('wall light', [0.2, 0.4, 0.65]),
    camera('camera', [0.05, 0.2, 0.45]),
  ],
  yard: [
    outdoorLight('flood light', [0.2, 0.4, 0.65]),
    outdoorMotion([0.1, 0.25, 0.5]),
    camera('camera', [0.1, 0.3, 0.6]),
    fx('sprinkler zone 1', 'switch', null, 'appliances', 'mains', [0.1, 0.25, 0.5]),
    fx('sprinkler zone 2', 'switch', null, 'appliances', 'mains', [0.05, 0.2, 0.45]),
    temperature([0.05, 0.2, 0.45]),
  ],
  garden: [
    outdoorLight('landscape lights', [0.05, 0.2, 0.4]),
    fx('soil moisture', 'sensor', 'moisture', 'monitoring', 'battery', [0.05, 0.15, 0.35]),
    fx('drip valve', 'switch', null, 'appliances', 'mains', [0.03, 0.12, 0.3]),
  ],
  driveway: [
    outdoorLight('flood light', [0.3, 0.5, 0.7]),
    camera('camera', [0.15, 0.35, 0.65]),
    outdoorMotion([0.05, 0.2, 0.45]),
  ],
  pool: [fx('pump', 'switch', null, 'appliances', 'mains', [0.3, 0.55, 0.8]), temperature([0.1, 0.3, 0.6])],
  balcony: [outdoorLight('light', [0.1, 0.25, 0.45]), temperature([0.05, 0.2, 0.4])],
  carport: [outdoorLight('light', [0.2, 0.4, 0.6])],
};

/** Scenes a household sets up (assumed chances per tier), named as people name them. */
export const SCENES: readonly Fixture[] = [
  fx('Wake up', 'scene', null, 'lighting', 'mains', [0.05, 0.3, 0.7], true),
  fx('Bedtime', 'scene', null, 'lighting', 'mains', [0.05, 0.35, 0.75], true),
  fx('Away mode', 'scene', null, 'security', 'mains', [0.03, 0.25, 0.6], true),
  fx('Movie time', 'scene', null, 'lighting', 'mains', [0.02, 0.15, 0.45], true),
];

/** Whole-home monitoring (a panel energy monitor) and a robot vacuum (assumed chances). */
export const HOME_ENERGY: readonly Fixture[] = [
  fx('Home power', 'sensor', 'power', 'monitoring', 'mains', [0.04, 0.2, 0.5], true),
  fx('Home energy', 'sensor', 'energy', 'monitoring', 'mains', [0.04, 0.2, 0.5], true),
];
export const ROBOT_VACUUM = fx('Robot vacuum', 'vacuum', null, 'appliances', 'mains', [0.15, 0.35, 0.6], true);
/** Chance a battery device also exposes its battery level as an entity, per tier (assumed). */
export const BATTERY_ENTITY: P = [0, 0.25, 0.7];
/** Chance a room with a window unit has it on a smart plug, per tier (assumed). */
export const WINDOW_AC: P = [0.25, 0.5, 0.75];
