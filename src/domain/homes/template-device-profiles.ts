import type { HomeType } from '../home-types';
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

const BASE_CORE: CoreProbabilities = {
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

/** The device profile of each home type. */
export const DEVICE_PROFILES: Readonly<Record<HomeType, DeviceProfile>> = {
  single_family_house: {
    scale: 1.1,
    core: { ...BASE_CORE, bedroomMotion: 0.3, extraThermostatPerFloor: 0.5, garageDoor: 0.9, yardCamera: 0.5, doorbellCamera: 0.65 },
    fill: {
      ceiling_light: 8, lamp: 4, light_strip: 2, outdoor_light: 5, path_lights: 2, light_switch: 2, plug: 4,
      coffee_maker: 1, hvac_switch: 1, heater: 0.3, fireplace: 0.5, irrigation: 2, pool_pump: 1, thermostat: 1,
      temperature: 3, humidity: 2, outdoor_temperature: 1, soil_moisture: 0.5, ceiling_fan: 2, exhaust_fan: 1,
      motion: 5, outdoor_motion: 2, door: 3, window: 4, smoke: 2, leak: 1, lock: 2, doorbell_camera: 1,
      outdoor_camera: 3, indoor_camera: 1, alarm_panel: 1, doorbell: 1, garage_door: 2, blinds: 2, awning: 0.5,
      tv: 3, speaker: 3, vacuum: 1, battery: 1, power_meter: 1, energy_meter: 1, scene_morning: 0.6,
      scene_movie: 0.6, scene_night: 0.6, scene_away: 0.6,
    },
  },
  apartment: {
    scale: 0.75,
    core: { ...BASE_CORE, livingMotion: 0.45, hallwayMotion: 0.4, bedroomMotion: 0.1, frontLock: 0.35, frontDoorSensor: 0.45, thermostat: 0.55, extraThermostatPerFloor: 0, garageDoor: 0.2, outdoorLight: 0.4, yardCamera: 0, doorbellCamera: 0.15, livingHeater: 0.2, bathroomFan: 0.2 },
    fill: {
      ceiling_light: 8, lamp: 6, light_strip: 4, outdoor_light: 1, light_switch: 1, plug: 10, coffee_maker: 1,
      hvac_switch: 0.3, heater: 2, thermostat: 0.5, temperature: 3, humidity: 2, outdoor_temperature: 0.3,
      ceiling_fan: 2.5, exhaust_fan: 1, motion: 3, door: 1.5, window: 2, smoke: 1.5, leak: 0.5, lock: 0.5,
      doorbell_camera: 0.3, indoor_camera: 0.3, alarm_panel: 0.1, doorbell: 0.5, blinds: 1, awning: 0.5, tv: 3,
      speaker: 5, vacuum: 0.5, battery: 1, power_meter: 1, energy_meter: 0.3, scene_morning: 0.6,
      scene_movie: 0.6, scene_night: 0.6, scene_away: 0.6,
    },
  },
  condo: {
    scale: 0.9,
    core: { ...BASE_CORE, livingMotion: 0.8, hallwayMotion: 0.8, frontLock: 0.95, frontDoorSensor: 0.9, extraThermostatPerFloor: 0.2, garageDoor: 0.35, outdoorLight: 0.45, yardCamera: 0, doorbellCamera: 0.35, bedroomBlinds: 0.55 },
    fill: {
      ceiling_light: 7, lamp: 5, light_strip: 4, outdoor_light: 1, light_switch: 1, plug: 4, coffee_maker: 1,
      hvac_switch: 0.5, heater: 0.3, fireplace: 0.3, thermostat: 1, temperature: 3, humidity: 2,
      outdoor_temperature: 0.3, ceiling_fan: 1, exhaust_fan: 1, motion: 4, door: 4, window: 3, smoke: 2, leak: 3,
      lock: 4, doorbell_camera: 0.5, indoor_camera: 3, alarm_panel: 2, doorbell: 0.5, blinds: 6, awning: 1, tv: 4,
      speaker: 6, vacuum: 1, battery: 1, power_meter: 1, energy_meter: 1, scene_morning: 1, scene_movie: 1,
      scene_night: 1, scene_away: 1,
    },
  },
  townhouse: {
    scale: 1,
    core: { ...BASE_CORE, extraThermostatPerFloor: 0.55, garageDoor: 0.75, outdoorLight: 0.7, yardCamera: 0.25, doorbellCamera: 0.55, kitchenSmoke: 0.85 },
    fill: {
      ceiling_light: 8, lamp: 4, light_strip: 2, outdoor_light: 3, path_lights: 0.5, light_switch: 2, plug: 5,
      coffee_maker: 1, hvac_switch: 1, heater: 0.3, fireplace: 0.2, irrigation: 0.5, thermostat: 1,
      temperature: 3, humidity: 2, outdoor_temperature: 0.5, ceiling_fan: 1.5, exhaust_fan: 1, motion: 5,
      outdoor_motion: 1, door: 3, window: 3, smoke: 2.5, leak: 1, lock: 2, doorbell_camera: 1, outdoor_camera: 1.5,
      indoor_camera: 1, alarm_panel: 1, doorbell: 1, garage_door: 1.5, blinds: 3, awning: 0.5, tv: 3, speaker: 3,
      vacuum: 1, battery: 1, power_meter: 1, energy_meter: 1, scene_morning: 0.6, scene_movie: 0.6,
      scene_night: 0.6, scene_away: 0.6,
    },
  },
  cottage: {
    scale: 0.85,
    core: { ...BASE_CORE, livingMotion: 0.4, hallwayMotion: 0.4, bedroomMotion: 0.1, livingTv: 0.5, bathroomHumidity: 0.7, frontLock: 0.6, frontDoorSensor: 0.5, extraThermostatPerFloor: 0.2, garageDoor: 0.4, outdoorLight: 0.8, gardenIrrigation: 0.8, yardCamera: 0.1, doorbellCamera: 0.2, livingHeater: 0.7 },
    fill: {
      ceiling_light: 6, lamp: 5, light_strip: 1, outdoor_light: 5, path_lights: 3, light_switch: 2, plug: 3,
      coffee_maker: 1, hvac_switch: 1, heater: 5, fireplace: 3, irrigation: 4, thermostat: 1, temperature: 7,
      humidity: 4, outdoor_temperature: 2, soil_moisture: 3, ceiling_fan: 2, exhaust_fan: 1, motion: 2,
      outdoor_motion: 0.5, door: 2, window: 4, smoke: 2, leak: 2, lock: 1.5, doorbell_camera: 0.3,
      outdoor_camera: 0.5, indoor_camera: 0.2, alarm_panel: 0.2, doorbell: 1, blinds: 1, awning: 0.5, tv: 1.5,
      speaker: 2, vacuum: 0.3, battery: 1, power_meter: 1.5, energy_meter: 1, scene_morning: 0.3,
      scene_movie: 0.3, scene_night: 0.3, scene_away: 0.3,
    },
  },
  studio: {
    scale: 0.6,
    core: { ...BASE_CORE, ceilingLight: 0.6, livingMotion: 0.3, hallwayMotion: 0.3, bedroomMotion: 0, livingTv: 0.95, kitchenSmoke: 0.6, bathroomHumidity: 0.2, bathroomFan: 0.15, frontLock: 0.45, frontDoorSensor: 0.3, thermostat: 0.35, extraThermostatPerFloor: 0, garageDoor: 0.2, outdoorLight: 0.3, yardCamera: 0, doorbellCamera: 0.1, livingHeater: 0.15 },
    fill: {
      ceiling_light: 5, lamp: 8, light_strip: 8, outdoor_light: 0.5, light_switch: 0.5, plug: 8, coffee_maker: 1,
      heater: 1.5, thermostat: 0.3, temperature: 2, humidity: 1, ceiling_fan: 1, exhaust_fan: 0.5, motion: 1.5,
      door: 1, window: 1, smoke: 1, leak: 0.5, lock: 1, doorbell_camera: 0.2, indoor_camera: 0.5,
      alarm_panel: 0.2, doorbell: 0.3, blinds: 2, awning: 0.2, tv: 4, speaker: 7, vacuum: 0.3, battery: 0.5,
      power_meter: 0.5, scene_morning: 1, scene_movie: 1, scene_night: 1, scene_away: 1,
    },
  },
  multi_story: {
    scale: 1.25,
    core: { ...BASE_CORE, livingMotion: 0.85, hallwayMotion: 0.9, bedroomMotion: 0.35, thermostat: 0.95, extraThermostatPerFloor: 0.85, garageDoor: 0.9, outdoorLight: 0.8, yardCamera: 0.7, doorbellCamera: 0.7, kitchenSmoke: 0.9 },
    fill: {
      ceiling_light: 8, lamp: 4, light_strip: 3, outdoor_light: 4, path_lights: 2, light_switch: 3, plug: 4,
      coffee_maker: 1, hvac_switch: 1.5, heater: 0.2, fireplace: 0.5, irrigation: 2, pool_pump: 1, thermostat: 3,
      temperature: 3, humidity: 2, outdoor_temperature: 1, soil_moisture: 0.5, ceiling_fan: 1.5,
      exhaust_fan: 1.5, motion: 7, outdoor_motion: 3, door: 3, window: 4, smoke: 3, leak: 1.5, lock: 2,
      doorbell_camera: 1, outdoor_camera: 4, indoor_camera: 2, alarm_panel: 1, doorbell: 1, garage_door: 2,
      blinds: 4, awning: 0.5, tv: 4, speaker: 4, vacuum: 2, battery: 1, power_meter: 2, energy_meter: 1,
      scene_morning: 1, scene_movie: 1, scene_night: 1, scene_away: 1,
    },
  },
  ranch_house: {
    scale: 1.05,
    core: { ...BASE_CORE, bedroomMotion: 0.2, extraThermostatPerFloor: 0, garageDoor: 0.85, outdoorLight: 0.9, gardenIrrigation: 0.6, yardCamera: 0.6, doorbellCamera: 0.4 },
    fill: {
      ceiling_light: 7, lamp: 4, light_strip: 1, outdoor_light: 7, path_lights: 4, light_switch: 3, plug: 3,
      coffee_maker: 1, hvac_switch: 1, heater: 0.5, fireplace: 1, irrigation: 4, pool_pump: 1, thermostat: 1,
      temperature: 3, humidity: 2, outdoor_temperature: 1.5, soil_moisture: 1.5, ceiling_fan: 5, exhaust_fan: 1,
      motion: 4, outdoor_motion: 4, door: 3, window: 3, smoke: 2, leak: 1, lock: 2, doorbell_camera: 1,
      outdoor_camera: 3, indoor_camera: 0.5, alarm_panel: 1, doorbell: 1, garage_door: 2, blinds: 1, awning: 0.5,
      tv: 3, speaker: 2, vacuum: 1, battery: 1, power_meter: 2, energy_meter: 1.5, scene_morning: 0.4,
      scene_movie: 0.4, scene_night: 0.4, scene_away: 0.4,
    },
  },
};
