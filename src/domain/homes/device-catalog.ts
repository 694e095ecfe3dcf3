import type { AreaKind } from './area-kinds';
import type { DeviceCategory, DeviceDomain } from './home-schema';

/**
 * The device kinds template homes are built from: the original template entries (§6.4) with the
 * domain, device class, category, power source and the room kinds each can sit in. Every kind has a
 * domain from the closed DEVICE_DOMAINS set, so entity ids are always valid.
 */
export interface DeviceKindSpec {
  domain: DeviceDomain;
  deviceClass: string | null;
  category: DeviceCategory;
  power: 'battery' | 'mains';
  /** Friendly-name suffix, e.g. "Motion Sensor" → "Kitchen Motion Sensor". */
  label: string;
  /** Object-id suffix, e.g. "motion" → binary_sensor.kitchen_motion. */
  slug: string;
  /** Room kinds the device may be placed in. */
  places: readonly AreaKind[];
}

const LIVING_ROOMS: readonly AreaKind[] = ['living', 'bedroom', 'office', 'dining', 'recreation', 'kitchen'];
const ALL_INDOOR: readonly AreaKind[] = [
  'bedroom', 'bathroom', 'kitchen', 'living', 'dining', 'office', 'hallway', 'laundry', 'garage', 'basement',
  'storage', 'recreation',
];
const ALL_OUTDOOR: readonly AreaKind[] = ['garden', 'yard', 'patio', 'balcony', 'porch', 'pool', 'driveway'];
const ENTRY: readonly AreaKind[] = ['hallway', 'living', 'kitchen', 'garage'];

/** Every device kind a template home can hold, keyed by a short name. */
export const DEVICE_KINDS = {
  ceiling_light: { domain: 'light', deviceClass: null, category: 'lighting', power: 'mains', label: 'Ceiling Light', slug: 'ceiling_light', places: ALL_INDOOR },
  lamp: { domain: 'light', deviceClass: null, category: 'lighting', power: 'mains', label: 'Lamp', slug: 'lamp', places: ['living', 'bedroom', 'office', 'dining', 'recreation'] },
  light_strip: { domain: 'light', deviceClass: null, category: 'lighting', power: 'mains', label: 'Light Strip', slug: 'light_strip', places: ['living', 'kitchen', 'recreation', 'bedroom'] },
  outdoor_light: { domain: 'light', deviceClass: null, category: 'lighting', power: 'mains', label: 'Outdoor Light', slug: 'outdoor_light', places: ALL_OUTDOOR },
  path_lights: { domain: 'light', deviceClass: null, category: 'lighting', power: 'mains', label: 'Path Lights', slug: 'path_lights', places: ['garden', 'yard', 'driveway'] },
  light_switch: { domain: 'switch', deviceClass: null, category: 'lighting', power: 'mains', label: 'Light Switch', slug: 'light_switch', places: ALL_INDOOR },
  scene_morning: { domain: 'scene', deviceClass: null, category: 'lighting', power: 'mains', label: 'Good Morning', slug: 'good_morning', places: ['living', 'kitchen', 'bedroom'] },
  scene_movie: { domain: 'scene', deviceClass: null, category: 'lighting', power: 'mains', label: 'Movie Night', slug: 'movie_night', places: ['living', 'recreation'] },
  scene_night: { domain: 'scene', deviceClass: null, category: 'lighting', power: 'mains', label: 'Good Night', slug: 'good_night', places: ['bedroom', 'living', 'hallway'] },
  scene_away: { domain: 'scene', deviceClass: null, category: 'lighting', power: 'mains', label: 'Away', slug: 'away', places: ['hallway', 'living'] },
  plug: { domain: 'switch', deviceClass: 'outlet', category: 'appliances', power: 'mains', label: 'Smart Plug', slug: 'plug', places: LIVING_ROOMS },
  coffee_maker: { domain: 'switch', deviceClass: 'outlet', category: 'appliances', power: 'mains', label: 'Coffee Maker', slug: 'coffee_maker', places: ['kitchen'] },
  hvac_switch: { domain: 'switch', deviceClass: null, category: 'climate', power: 'mains', label: 'HVAC Switch', slug: 'hvac_switch', places: ['hallway', 'basement', 'laundry', 'storage', 'living'] },
  heater: { domain: 'switch', deviceClass: null, category: 'climate', power: 'mains', label: 'Space Heater', slug: 'heater', places: ['living', 'bedroom', 'office', 'bathroom', 'recreation'] },
  fireplace: { domain: 'switch', deviceClass: null, category: 'climate', power: 'mains', label: 'Fireplace', slug: 'fireplace', places: ['living', 'recreation'] },
  irrigation: { domain: 'switch', deviceClass: null, category: 'appliances', power: 'mains', label: 'Irrigation Valve', slug: 'irrigation', places: ['garden', 'yard'] },
  pool_pump: { domain: 'switch', deviceClass: null, category: 'appliances', power: 'mains', label: 'Pool Pump', slug: 'pool_pump', places: ['pool'] },
  thermostat: { domain: 'climate', deviceClass: null, category: 'climate', power: 'mains', label: 'Thermostat', slug: 'thermostat', places: ['living', 'hallway', 'bedroom', 'office', 'basement', 'recreation'] },
  temperature: { domain: 'sensor', deviceClass: 'temperature', category: 'climate', power: 'battery', label: 'Temperature', slug: 'temperature', places: ['living', 'bedroom', 'office', 'kitchen', 'basement', 'recreation', 'bathroom', 'hallway'] },
  humidity: { domain: 'sensor', deviceClass: 'humidity', category: 'climate', power: 'battery', label: 'Humidity', slug: 'humidity', places: ['bathroom', 'basement', 'laundry', 'bedroom', 'living', 'kitchen'] },
  outdoor_temperature: { domain: 'sensor', deviceClass: 'temperature', category: 'climate', power: 'battery', label: 'Outdoor Temperature', slug: 'outdoor_temperature', places: ALL_OUTDOOR },
  soil_moisture: { domain: 'sensor', deviceClass: 'moisture', category: 'monitoring', power: 'battery', label: 'Soil Moisture', slug: 'soil_moisture', places: ['garden', 'yard'] },
  ceiling_fan: { domain: 'fan', deviceClass: null, category: 'climate', power: 'mains', label: 'Ceiling Fan', slug: 'ceiling_fan', places: ['bedroom', 'living', 'office', 'recreation', 'patio', 'porch'] },
  exhaust_fan: { domain: 'fan', deviceClass: null, category: 'climate', power: 'mains', label: 'Exhaust Fan', slug: 'exhaust_fan', places: ['bathroom', 'laundry'] },
  motion: { domain: 'binary_sensor', deviceClass: 'motion', category: 'security', power: 'battery', label: 'Motion Sensor', slug: 'motion', places: ALL_INDOOR },
  outdoor_motion: { domain: 'binary_sensor', deviceClass: 'motion', category: 'security', power: 'battery', label: 'Motion Sensor', slug: 'motion', places: ALL_OUTDOOR },
  door: { domain: 'binary_sensor', deviceClass: 'door', category: 'security', power: 'battery', label: 'Door Sensor', slug: 'door', places: ENTRY },
  window: { domain: 'binary_sensor', deviceClass: 'window', category: 'security', power: 'battery', label: 'Window Sensor', slug: 'window', places: ['bedroom', 'living', 'kitchen', 'office', 'dining', 'recreation'] },
  smoke: { domain: 'binary_sensor', deviceClass: 'smoke', category: 'monitoring', power: 'battery', label: 'Smoke Detector', slug: 'smoke', places: ['kitchen', 'hallway', 'bedroom', 'living', 'basement'] },
  leak: { domain: 'binary_sensor', deviceClass: 'moisture', category: 'monitoring', power: 'battery', label: 'Leak Sensor', slug: 'leak', places: ['bathroom', 'kitchen', 'laundry', 'basement'] },
  lock: { domain: 'lock', deviceClass: null, category: 'security', power: 'battery', label: 'Door Lock', slug: 'door_lock', places: ENTRY },
  doorbell_camera: { domain: 'camera', deviceClass: null, category: 'security', power: 'mains', label: 'Doorbell Camera', slug: 'doorbell_camera', places: ['porch', 'driveway', 'yard', 'hallway'] },
  outdoor_camera: { domain: 'camera', deviceClass: null, category: 'security', power: 'mains', label: 'Camera', slug: 'camera', places: ALL_OUTDOOR },
  indoor_camera: { domain: 'camera', deviceClass: null, category: 'security', power: 'mains', label: 'Indoor Camera', slug: 'camera', places: ['living', 'hallway', 'kitchen', 'recreation', 'garage'] },
  alarm_panel: { domain: 'alarm_control_panel', deviceClass: null, category: 'security', power: 'mains', label: 'Alarm Panel', slug: 'alarm', places: ['hallway', 'living', 'garage'] },
  doorbell: { domain: 'button', deviceClass: null, category: 'security', power: 'battery', label: 'Doorbell', slug: 'doorbell', places: ['porch', 'hallway', 'living'] },
  garage_door: { domain: 'cover', deviceClass: 'garage', category: 'appliances', power: 'mains', label: 'Garage Door', slug: 'garage_door', places: ['garage'] },
  blinds: { domain: 'cover', deviceClass: 'blind', category: 'appliances', power: 'mains', label: 'Blinds', slug: 'blinds', places: ['living', 'bedroom', 'office', 'dining', 'recreation'] },
  awning: { domain: 'cover', deviceClass: 'awning', category: 'appliances', power: 'mains', label: 'Awning', slug: 'awning', places: ['patio', 'balcony'] },
  tv: { domain: 'media_player', deviceClass: 'tv', category: 'appliances', power: 'mains', label: 'TV', slug: 'tv', places: ['living', 'bedroom', 'recreation'] },
  speaker: { domain: 'media_player', deviceClass: 'speaker', category: 'appliances', power: 'mains', label: 'Speaker', slug: 'speaker', places: ['kitchen', 'living', 'bedroom', 'office', 'bathroom', 'recreation'] },
  vacuum: { domain: 'vacuum', deviceClass: null, category: 'appliances', power: 'battery', label: 'Robot Vacuum', slug: 'robot_vacuum', places: ['living', 'hallway', 'kitchen'] },
  battery: { domain: 'sensor', deviceClass: 'battery', category: 'monitoring', power: 'battery', label: 'Battery', slug: 'battery', places: ['hallway', 'living', 'kitchen', 'garage', 'bedroom'] },
  power_meter: { domain: 'sensor', deviceClass: 'power', category: 'monitoring', power: 'mains', label: 'Power', slug: 'power', places: ['kitchen', 'laundry', 'garage', 'basement', 'living', 'office'] },
  energy_meter: { domain: 'sensor', deviceClass: 'energy', category: 'monitoring', power: 'mains', label: 'Energy', slug: 'energy', places: ['basement', 'garage', 'hallway', 'laundry', 'storage', 'kitchen'] },
} as const satisfies Record<string, DeviceKindSpec>;

/** A key of DEVICE_KINDS. */
export type DeviceKind = keyof typeof DEVICE_KINDS;
