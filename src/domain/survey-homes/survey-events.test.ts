import { describe, expect, it } from 'vitest';
import { HOME_TYPES } from '../home-types';
import { buildHomeLayout } from '../homes/home-layout';
import { areaKind } from '../homes/area-kinds';
import { deviceRole } from '../homes/device-roles';
import { simulateHomeEvents } from '../homes/event-simulator';
import { createRng, deriveSeed } from '../random';
import { buildSurveyHome } from './survey-homes';

/**
 * Survey homes run through the same simulator as every other source: their devices must get the roles
 * their names and classes mean, and a week of a home must show people, lights and heating at work.
 * (Test files may import the simulator; the survey maker's own modules may not, see survey-imports.test.ts.)
 */

const homes = HOME_TYPES.flatMap((homeType, t) =>
  [0, 1].map((k) => {
    const index = t * 2 + k;
    const content = buildSurveyHome({
      homeType,
      sizeCategory: k === 0 ? 'small' : 'large',
      index,
      rng: createRng(deriveSeed(21, 'survey-home', index)),
    });
    return { ...content, id: `home_${String(index + 1).padStart(3, '0')}` };
  }),
);

describe('survey homes in the event simulator', () => {
  it('gets the roles its names and classes mean', () => {
    for (const home of homes) {
      const layout = buildHomeLayout(home);
      const index = new Map(home.areas.map((a, i) => [a.name, i]));
      for (const d of home.devices) {
        const area = index.get(d.area) ?? layout.front;
        const role = deviceRole(d, { kind: layout.kinds[area] ?? 'living', isFront: area === layout.front });
        if (d.domain === 'light')
          expect(['room_light', 'ambient_light', 'outdoor_light', 'path_light']).toContain(role);
        if (d.device_class === 'occupancy' || d.device_class === 'motion')
          expect(['motion', 'outdoor_motion']).toContain(role);
        if (d.entity_id === 'binary_sensor.front_door') expect(role, home.name).toBe('front_door');
        if (d.device_class === 'garage') expect(role).toBe('garage_door');
        if (d.entity_id.endsWith('window_ac')) expect(role).toBe('hvac_switch');
        if (/coffee_maker$|kettle$/.test(d.entity_id)) expect(role).toBe('coffee_maker');
        if (/sprinkler|drip_valve/.test(d.entity_id)) expect(role).toBe('irrigation');
        if (d.domain === 'scene') expect(role).not.toBe('scene_other');
        // Nothing of the catalogue should fall through to the catch-all roles.
        expect(['generic_binary', 'generic_sensor'], d.entity_id).not.toContain(role);
      }
      // People sleep in bedrooms where the home has them (the primary bedroom is the adults').
      const primary = home.areas.findIndex((a) => a.name === 'Primary bedroom');
      if (primary >= 0) expect(layout.bedOf[0]).toBe(primary);
      expect(areaKind(home.areas[layout.front] ?? { name: '', type: 'indoor' })).toMatch(/hallway|living/);
    }
  });

  it('produces a week of motion, light and climate events for every home', () => {
    for (const home of homes) {
      const events = simulateHomeEvents(home, {
        startDate: '2025-01-06',
        days: 7,
        timeZone: 'America/Chicago',
        seed: 5,
      });
      const perDevice = new Map<number, number>();
      for (let i = 0; i < events.entityIndex.length; i++) {
        const d = events.entityIndex[i] ?? 0;
        perDevice.set(d, (perDevice.get(d) ?? 0) + 1);
      }
      const count = (test: (i: number) => boolean): number =>
        [...perDevice.entries()].filter(([i]) => test(i)).reduce((s, [, n]) => s + n, 0);
      const device = (i: number) => home.devices[i];
      const motion = count((i) => ['motion', 'occupancy'].includes(device(i)?.device_class ?? ''));
      const lights = count((i) => device(i)?.domain === 'light');
      const climate = count((i) => device(i)?.domain === 'climate');
      expect(motion, `${home.name} motion`).toBeGreaterThan(7);
      expect(lights, `${home.name} lights`).toBeGreaterThan(7);
      expect(climate, `${home.name} climate`).toBeGreaterThan(0);
      // Most devices report something in a week (sensors that only react to rare things may not).
      expect(perDevice.size / home.devices.length, home.name).toBeGreaterThan(0.5);
    }
  });
});
