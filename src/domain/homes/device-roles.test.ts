import { describe, expect, it } from 'vitest';
import type { AreaKind } from './area-kinds';
import { deviceRole } from './device-roles';
import type { Device } from './home-schema';

const role = (
  domain: Device['domain'],
  name: string,
  deviceClass: string | null,
  kind: AreaKind,
  isFront = false,
): string => deviceRole({ domain, name, device_class: deviceClass }, { kind, isFront });

describe('deviceRole', () => {
  it('gives template devices their behaviour', () => {
    expect(role('light', 'Kitchen Ceiling Light', null, 'kitchen')).toBe('room_light');
    expect(role('light', 'Living Room Lamp', null, 'living')).toBe('ambient_light');
    expect(role('light', 'Porch Outdoor Light', null, 'porch')).toBe('outdoor_light');
    expect(role('light', 'Garden Path Lights', null, 'garden')).toBe('path_light');
    expect(role('switch', 'Garden Irrigation Valve', null, 'garden')).toBe('irrigation');
    expect(role('switch', 'Hallway HVAC Switch', null, 'hallway')).toBe('hvac_switch');
    expect(role('switch', 'Living Room Fireplace', null, 'living')).toBe('heater');
    expect(role('switch', 'Kitchen Coffee Maker', 'outlet', 'kitchen')).toBe('coffee_maker');
    expect(role('switch', 'Office Smart Plug', 'outlet', 'office')).toBe('plug');
    expect(role('binary_sensor', 'Hallway Door Sensor', 'door', 'hallway', true)).toBe('front_door');
    expect(role('binary_sensor', 'Garage Door Sensor', 'door', 'garage')).toBe('garage_entry_door');
    expect(role('binary_sensor', 'Kitchen Door Sensor', 'door', 'kitchen')).toBe('back_door');
    expect(role('binary_sensor', 'Yard Motion Sensor', 'motion', 'yard')).toBe('outdoor_motion');
    expect(role('binary_sensor', 'Bath Leak Sensor', 'moisture', 'bathroom')).toBe('leak');
    expect(role('sensor', 'Deck Outdoor Temperature', 'temperature', 'patio')).toBe('outdoor_temperature');
    expect(role('sensor', 'Garden Soil Moisture', 'moisture', 'garden')).toBe('soil_moisture');
    expect(role('fan', 'Bathroom Exhaust Fan', null, 'bathroom')).toBe('exhaust_fan');
    expect(role('lock', 'Garage Door Lock', null, 'garage')).toBe('garage_lock');
    expect(role('cover', 'Garage Door', 'garage', 'garage')).toBe('garage_door');
    expect(role('cover', 'Balcony Awning', 'awning', 'balcony')).toBe('awning');
    expect(role('media_player', 'Bedroom TV', 'tv', 'bedroom')).toBe('tv');
    expect(role('camera', 'Porch Doorbell Camera', null, 'porch')).toBe('outdoor_camera');
    expect(role('camera', 'Living Room Indoor Camera', null, 'living')).toBe('indoor_camera');
    expect(role('scene', 'Good Night', null, 'bedroom')).toBe('scene_night');
    expect(role('button', 'Doorbell', null, 'porch')).toBe('doorbell');
  });

  it('falls back per domain for free-named LLM devices', () => {
    expect(role('binary_sensor', 'Presence Detector', null, 'office')).toBe('motion');
    expect(role('binary_sensor', 'Vibration Sensor', 'vibration', 'laundry')).toBe('generic_binary');
    expect(role('sensor', 'Air Quality', 'pm25', 'living')).toBe('generic_sensor');
    expect(role('sensor', 'Room Temp', null, 'bedroom')).toBe('temperature');
    expect(role('scene', 'Dinner Party', null, 'dining')).toBe('scene_other');
    expect(role('button', 'Restart Router', null, 'office')).toBe('button');
    expect(role('switch', 'Porch String Light', null, 'porch')).toBe('outdoor_light');
  });
});
