import type { DeviceKind } from './device-catalog';

/**
 * How each home type equips itself. The original drew every template home from one category table
 * scaled by size (§6.4, weak point §10.10), so types were indistinguishable by devices; here each type
 * has its own room-by-room core and its own weights for the remaining devices, overlapping enough that
 * no single share identifies a type.
 */
export interface DeviceProfile {
  /** Multiplies the size category's device range (a studio holds fewer devices than a villa). */
  scale: number;
  /** Per-room probabilities of the core devices a home of this type usually has. */
  core: CoreProbabilities;
  /** Relative weights of the kinds that fill the home up to its device count. */
  fill: Partial<Record<DeviceKind, number>>;
}

/** Probabilities of the room-by-room core devices. */
export interface CoreProbabilities {
  ceilingLight: number;
  livingMotion: number;
  hallwayMotion: number;
  bedroomMotion: number;
  livingTv: number;
  kitchenSmoke: number;
  bathroomHumidity: number;
  bathroomFan: number;
  frontLock: number;
  frontDoorSensor: number;
  /** Per floor with rooms (first floor always considered). */
  thermostat: number;
  extraThermostatPerFloor: number;
  garageDoor: number;
  outdoorLight: number;
  gardenIrrigation: number;
  yardCamera: number;
  doorbellCamera: number;
  livingHeater: number;
  bedroomBlinds: number;
}

export const BASE_CORE: CoreProbabilities = {
  ceilingLight: 0.9,
  livingMotion: 0.7,
  hallwayMotion: 0.7,
  bedroomMotion: 0.25,
  livingTv: 0.8,
  kitchenSmoke: 0.7,
  bathroomHumidity: 0.45,
  bathroomFan: 0.35,
  frontLock: 0.85,
  frontDoorSensor: 0.7,
  thermostat: 0.9,
  extraThermostatPerFloor: 0.3,
  garageDoor: 0.85,
  outdoorLight: 0.75,
  gardenIrrigation: 0.45,
  yardCamera: 0.45,
  doorbellCamera: 0.5,
  livingHeater: 0.05,
  bedroomBlinds: 0.15,
};
