import { INDOOR_AREA_KINDS, OUTDOOR_AREA_KINDS, type AreaKind } from './area-kinds';
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

/** Room kinds shared by many device kinds. */
export const LIVING_ROOMS: readonly AreaKind[] = ['living', 'bedroom', 'office', 'dining', 'recreation', 'kitchen'];
export const ALL_INDOOR: readonly AreaKind[] = INDOOR_AREA_KINDS;
export const ALL_OUTDOOR: readonly AreaKind[] = OUTDOOR_AREA_KINDS;
export const ENTRY: readonly AreaKind[] = ['hallway', 'living', 'kitchen', 'garage'];
