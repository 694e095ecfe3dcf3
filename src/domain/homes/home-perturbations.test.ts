import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import type { HomeEvents } from './event-buffer';
import { HOME_FEATURE_NAMES, homeFeatures } from './home-features';
import { dropOutdoorAreas, keepDeviceEvents, perturbHome, renameRooms, shuffleFloors } from './home-perturbations';
import type { Device, HomeContent } from './home-schema';

const dev = (entity_id: string, domain: Device['domain'], area: string): Device => ({
  entity_id,
  name: entity_id,
  domain,
  device_class: domain === 'binary_sensor' ? 'motion' : null,
  category: 'monitoring',
  area,
  power: 'mains',
});

const home: Pick<HomeContent, 'areas' | 'devices' | 'occupants'> = {
  areas: [
    { name: 'Kitchen', type: 'indoor', floor: 0 },
    { name: 'Bedroom', type: 'indoor', floor: 1 },
    { name: 'Bathroom', type: 'indoor', floor: 1 },
    { name: 'Balcony', type: 'outdoor', floor: 1 },
    { name: 'Garden', type: 'outdoor', floor: 0 },
  ],
  devices: [
    dev('light.kitchen', 'light', 'Kitchen'),
    dev('camera.garden', 'camera', 'Garden'),
    dev('light.bedroom', 'light', 'Bedroom'),
    dev('binary_sensor.balcony', 'binary_sensor', 'Balcony'),
  ],
  occupants: [
    {
      name: 'A',
      role: 'adult',
      works_from_home: true,
      weekday: { wake: '07:00', leave: null, return: null, sleep: '23:00' },
      weekend: { wake: '08:00', leave: null, return: null, sleep: '23:00' },
    },
  ],
};

/** Device i switched at hour 6 + i on each of 3 days from 2025-03-03 (UTC). */
const events: HomeEvents = {
  entityIndex: Uint16Array.from([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]),
  time: Float64Array.from(
    { length: 12 },
    (_, k) => Date.UTC(2025, 2, 3 + Math.floor(k / 4)) + (6 + (k % 4)) * 3_600_000,
  ),
  state: Uint16Array.from({ length: 12 }, (_, k) => k % 2),
  states: ['on', 'off'],
};

const feature = (f: Float32Array, name: string): number => f[HOME_FEATURE_NAMES.indexOf(name)] ?? Number.NaN;

describe('home perturbations', () => {
  it('shuffled floors: new numbers, same levels, same rooms sharing a level', () => {
    const out = shuffleFloors(home, createRng(5));
    const before = home.areas.map((a) => a.floor);
    const after = out.areas.map((a) => a.floor);
    expect(new Set(after).size).toBe(new Set(before).size);
    // Kitchen and garden shared floor 0, the other three floor 1: they still share a floor each.
    expect(after[0]).toBe(after[4]);
    expect(after[1]).toBe(after[2]);
    expect(after[1]).toBe(after[3]);
    expect(after[0]).not.toBe(after[1]);
    expect(after.every((f) => f >= -1 && f <= 6)).toBe(true);
    expect(out.devices).toBe(home.devices);
    // Deterministic for a seed, and some seed moves the numbering.
    expect(shuffleFloors(home, createRng(5))).toEqual(out);
    const numbered = [1, 2, 3, 4, 5].map((s) =>
      shuffleFloors(home, createRng(s))
        .areas.map((a) => a.floor)
        .join(),
    );
    expect(numbered.some((x) => x !== before.join())).toBe(true);
  });

  it('renamed rooms: neutral names, types kept, devices follow their rooms', () => {
    const out = renameRooms(home);
    expect(out.areas.map((a) => a.name)).toEqual(['Room 1', 'Room 2', 'Room 3', 'Room 4', 'Room 5']);
    expect(out.areas.map((a) => a.type)).toEqual(home.areas.map((a) => a.type));
    expect(out.devices.map((d) => d.area)).toEqual(['Room 1', 'Room 5', 'Room 2', 'Room 4']);
    // Named room kinds are gone; counts that do not depend on names stay.
    const f = homeFeatures(out, events, 'UTC');
    const g = homeFeatures(home, events, 'UTC');
    expect(feature(g, 'bedroom_count')).toBe(1);
    expect(feature(f, 'bedroom_count')).toBe(0);
    expect(feature(f, 'bathroom_count')).toBe(0);
    expect(feature(f, 'outdoor_area_count')).toBe(2);
    expect(feature(f, 'floor_count')).toBe(feature(g, 'floor_count'));
    expect(feature(f, 'activity_per_room_day')).toBe(feature(g, 'activity_per_room_day'));
  });

  it("dropped outdoor areas: their devices and those devices' events go, the rest re-indexed", () => {
    const { home: out, keptDevices } = dropOutdoorAreas(home);
    expect(out.areas.map((a) => a.name)).toEqual(['Kitchen', 'Bedroom', 'Bathroom']);
    expect(keptDevices).toEqual([0, 2]);
    expect(out.devices.map((d) => d.entity_id)).toEqual(['light.kitchen', 'light.bedroom']);
    const kept = keepDeviceEvents(events, keptDevices);
    expect(Array.from(kept.entityIndex)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(Array.from(kept.time)).toEqual([0, 2, 4, 6, 8, 10].map((k) => events.time[k]));
    expect(Array.from(kept.state)).toEqual([0, 0, 0, 0, 0, 0]);
    const f = homeFeatures(out, kept, 'UTC');
    expect(feature(f, 'outdoor_area_count')).toBe(0);
    expect(feature(f, 'has_yard')).toBe(0);
    expect(feature(f, 'outdoor_device_share')).toBe(0);
  });

  it('perturbHome applies each one and leaves events alone unless devices were dropped', () => {
    const rng = createRng(1);
    expect(perturbHome('renamed-rooms', home, events, rng).events).toBe(events);
    expect(perturbHome('shuffled-floors', home, events, rng).events).toBe(events);
    const dropped = perturbHome('dropped-outdoor', home, events, rng);
    expect(dropped.events.time).toHaveLength(6);
    expect(dropped.home.occupants).toBe(home.occupants);
  });
});
