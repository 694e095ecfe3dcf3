import type { AreaKind } from './area-kinds';
import { isOutdoorKind } from './area-kinds';
import type { Device } from './home-schema';

/**
 * The behaviour a device follows in the simulator, read from its domain, device class, name and room.
 * LLM homes name devices freely, so roles come from patterns with a sensible default per domain.
 */
export const DEVICE_ROLES = [
  'room_light',
  'ambient_light',
  'outdoor_light',
  'path_light',
  'motion',
  'outdoor_motion',
  'front_door',
  'garage_entry_door',
  'back_door',
  'window',
  'smoke',
  'leak',
  'generic_binary',
  'front_lock',
  'garage_lock',
  'garage_door',
  'blinds',
  'awning',
  'tv',
  'speaker',
  'vacuum',
  'thermostat',
  'hvac_switch',
  'heater',
  'plug',
  'coffee_maker',
  'irrigation',
  'pool_pump',
  'ceiling_fan',
  'exhaust_fan',
  'temperature',
  'outdoor_temperature',
  'humidity',
  'battery',
  'power',
  'energy',
  'soil_moisture',
  'generic_sensor',
  'indoor_camera',
  'outdoor_camera',
  'alarm',
  'scene_morning',
  'scene_movie',
  'scene_night',
  'scene_away',
  'scene_other',
  'doorbell',
  'button',
] as const;
/** One of DEVICE_ROLES. */
export type DeviceRole = (typeof DEVICE_ROLES)[number];

/** Where a device sits, as far as its role is concerned. */
export interface RoleContext {
  /** Kind of the device's area. */
  kind: AreaKind;
  /** The device sits in the home's front (entry) room. */
  isFront: boolean;
}

/** The behaviour role of a device (see DEVICE_ROLES). */
export function deviceRole(device: Pick<Device, 'domain' | 'device_class' | 'name'>, ctx: RoleContext): DeviceRole {
  const name = device.name.toLowerCase();
  const cls = (device.device_class ?? '').toLowerCase();
  const outside = isOutdoorKind(ctx.kind);
  switch (device.domain) {
    case 'light':
      if (outside) return /path|landscape|garden|string|bollard/.test(name) ? 'path_light' : 'outdoor_light';
      if (
        /lamp|strip|accent|ambient|led|string/.test(name) &&
        ['living', 'dining', 'recreation', 'bedroom'].includes(ctx.kind)
      ) {
        return 'ambient_light';
      }
      return 'room_light';
    case 'switch':
      if (/irrigat|sprinkler|valve|water/.test(name)) return 'irrigation';
      if (/pool|pump/.test(name)) return 'pool_pump';
      if (/hvac|furnace|boiler|air con|\bac\b/.test(name)) return 'hvac_switch';
      if (/heater|fireplace|radiator|stove/.test(name)) return 'heater';
      if (/coffee|kettle|espresso/.test(name)) return 'coffee_maker';
      if (/light|lamp/.test(name)) return outside ? 'outdoor_light' : 'room_light';
      return 'plug';
    case 'binary_sensor':
      if (
        cls === 'motion' ||
        cls === 'occupancy' ||
        cls === 'presence' ||
        (cls === '' && /motion|presence/.test(name))
      ) {
        return outside ? 'outdoor_motion' : 'motion';
      }
      if (cls === 'door' || cls === 'garage_door' || cls === 'opening' || (cls === '' && /door/.test(name))) {
        if (ctx.kind === 'garage') return 'garage_entry_door';
        return ctx.isFront ? 'front_door' : 'back_door';
      }
      if (cls === 'window' || /window/.test(name)) return 'window';
      if (['smoke', 'gas', 'carbon_monoxide', 'heat'].includes(cls) || /smoke|co2|carbon/.test(name)) return 'smoke';
      if (['moisture', 'water', 'leak'].includes(cls) || /leak|flood|water/.test(name)) return 'leak';
      return 'generic_binary';
    case 'sensor':
      if (cls === 'temperature' || (cls === '' && /temp/.test(name)))
        return outside ? 'outdoor_temperature' : 'temperature';
      if (cls === 'humidity' || (cls === '' && /humid/.test(name))) return 'humidity';
      if (cls === 'battery' || (cls === '' && /battery/.test(name))) return 'battery';
      if (cls === 'power' || (cls === '' && /power|watt/.test(name))) return 'power';
      if (cls === 'energy' || (cls === '' && /energy|kwh/.test(name))) return 'energy';
      if (cls === 'moisture' || /soil/.test(name)) return 'soil_moisture';
      return 'generic_sensor';
    case 'climate':
      return 'thermostat';
    case 'fan':
      return ctx.kind === 'bathroom' || ctx.kind === 'laundry' || /exhaust|vent|bath/.test(name)
        ? 'exhaust_fan'
        : 'ceiling_fan';
    case 'lock':
      return ctx.kind === 'garage' ? 'garage_lock' : 'front_lock';
    case 'cover':
      if (cls === 'garage' || cls === 'gate' || /garage|gate/.test(name)) return 'garage_door';
      if (outside || cls === 'awning' || /awning/.test(name)) return 'awning';
      return 'blinds';
    case 'media_player':
      return cls === 'tv' || /\btv\b|television/.test(name) ? 'tv' : 'speaker';
    case 'vacuum':
      return 'vacuum';
    case 'camera':
      return outside || /doorbell|outdoor|yard|porch|driveway/.test(name) ? 'outdoor_camera' : 'indoor_camera';
    case 'alarm_control_panel':
      return 'alarm';
    case 'scene':
      if (/morning|wake|sunrise/.test(name)) return 'scene_morning';
      if (/movie|cinema|\btv\b|film/.test(name)) return 'scene_movie';
      if (/night|sleep|bed/.test(name)) return 'scene_night';
      if (/away|leave|vacation|goodbye/.test(name)) return 'scene_away';
      return 'scene_other';
    case 'button':
      return /door ?bell/.test(name) ? 'doorbell' : 'button';
    default: {
      const never: never = device.domain;
      throw new Error(`unknown domain ${String(never)}`);
    }
  }
}
