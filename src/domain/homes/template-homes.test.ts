import { describe, expect, it } from 'vitest';
import { HOME_TYPES, type HomeType } from '../home-types';
import { createRng, deriveSeed } from '../random';
import { areaKind, isOutdoorKind } from './area-kinds';
import { DEVICE_DOMAINS, type HomeContent, SIZE_CATEGORIES, type SizeCategory, homeContentProblems, homeContentSchema } from './home-schema';
import { buildTemplateHome, sizeDeviceRange } from './template-homes';

const build = (homeType: HomeType, sizeCategory: SizeCategory, seed: number): HomeContent =>
  buildTemplateHome({ homeType, sizeCategory, index: seed, rng: createRng(deriveSeed(seed, homeType, sizeCategory)) });

function* allHomes(seeds: number): Generator<HomeContent> {
  for (const t of HOME_TYPES) for (const s of SIZE_CATEGORIES) for (let seed = 1; seed <= seeds; seed++) yield build(t, s, seed);
}

const floors = (h: HomeContent): number => new Set(h.areas.filter((a) => a.type === 'indoor').map((a) => a.floor)).size;

describe('sizeDeviceRange', () => {
  it('is the original range per size category', () => {
    expect(SIZE_CATEGORIES.map((s) => sizeDeviceRange(s))).toEqual([[10, 20], [20, 40], [40, 60], [60, 100]]);
  });
});

describe('buildTemplateHome', () => {
  it('builds schema-valid homes without cross-field problems for every type and size', () => {
    for (const home of allHomes(6)) {
      const parsed = homeContentSchema.safeParse(home);
      expect(parsed.success, `${home.name}: ${parsed.error?.message ?? ''}`).toBe(true);
      expect(homeContentProblems(home)).toEqual([]);
      for (const d of home.devices) {
        expect(DEVICE_DOMAINS).toContain(d.domain);
        expect(d.entity_id.startsWith(`${d.domain}.`)).toBe(true);
      }
      expect(new Set(home.areas.map((a) => a.name)).size).toBe(home.areas.length);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(build('cottage', 'medium', 3)).toEqual(build('cottage', 'medium', 3));
    expect(build('cottage', 'medium', 3)).not.toEqual(build('cottage', 'medium', 4));
  });

  it('gives a fixed home for a fixed seed', () => {
    const home = buildTemplateHome({ homeType: 'ranch_house', sizeCategory: 'medium', index: 7, rng: createRng(2024) });
    expect({
      name: home.name,
      areas: home.areas.length,
      devices: home.devices.length,
      occupants: home.occupants.map((o) => o.role),
      first: home.devices[0]?.entity_id,
    }).toMatchInlineSnapshot(`
      {
        "areas": 11,
        "devices": 29,
        "first": "lock.living_room_door_lock",
        "name": "Ranch House at 7 Linden Row",
        "occupants": [
          "adult",
          "adult",
          "child",
        ],
      }
    `);
  });

  it('puts outdoor devices only in outdoor areas, and only homes with outdoor space have them', () => {
    const outdoorOnly = /outdoor|irrigation|soil_moisture|path_lights|awning|pool_pump/;
    const indoorOnly = new Set(['climate', 'vacuum', 'media_player', 'alarm_control_panel']);
    let outdoorDevices = 0;
    for (const home of allHomes(4)) {
      const outdoor = new Set(home.areas.filter((a) => isOutdoorKind(areaKind(a))).map((a) => a.name));
      for (const d of home.devices) {
        const outside = outdoor.has(d.area);
        if (outside) outdoorDevices++;
        if (outdoorOnly.test(d.entity_id)) expect(outside, d.entity_id).toBe(true);
        if (indoorOnly.has(d.domain) || /ceiling_light|coffee/.test(d.entity_id)) expect(outside, d.entity_id).toBe(false);
      }
      if (outdoor.size === 0) expect(home.devices.filter((d) => outdoorOnly.test(d.entity_id))).toEqual([]);
    }
    expect(outdoorDevices).toBeGreaterThan(100);
  });

  it('gives each type its building shape', () => {
    for (let seed = 1; seed <= 12; seed++) {
      for (const size of SIZE_CATEGORIES) {
        expect(floors(build('multi_story', size, seed))).toBeGreaterThanOrEqual(3);
        expect(floors(build('ranch_house', size, seed))).toBe(1);
        expect(floors(build('studio', size, seed))).toBe(1);
        expect(floors(build('apartment', size, seed))).toBe(1);
        expect([2, 3]).toContain(floors(build('townhouse', size, seed)));
        // Flats sit on one building floor above street level; houses start at the ground floor.
        expect(build('apartment', size, seed).areas[0]?.floor).toBeGreaterThanOrEqual(1);
        expect(build('single_family_house', size, seed).areas[0]?.floor).toBe(0);
      }
    }
  });

  it('houses the household each type suggests', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const studio = build('studio', 'medium', seed);
      expect(studio.occupants).toHaveLength(1);
      expect(studio.occupants[0]?.role).toBe('adult');
      expect(build('single_family_house', 'medium', seed).occupants.some((o) => o.role === 'child')).toBe(true);
      expect(build('multi_story', 'large', seed).occupants.length).toBeGreaterThanOrEqual(4);
    }
    const cottages = Array.from({ length: 40 }, (_, i) => build('cottage', 'small', i + 1));
    const weekendOnly = cottages.filter((h) => h.occupants.every((o) => o.weekday.leave !== null && o.weekday.leave === o.weekday.return));
    const retired = cottages.filter((h) => h.occupants.every((o) => o.role === 'senior'));
    expect(weekendOnly.length).toBeGreaterThan(5);
    expect(retired.length).toBeGreaterThan(5);
  });

  it('grows device counts with size and scales them by type', () => {
    const mean = (t: HomeType, s: SizeCategory): number => {
      let sum = 0;
      for (let seed = 1; seed <= 20; seed++) sum += build(t, s, seed).devices.length;
      return sum / 20;
    };
    for (const t of HOME_TYPES) {
      const bySize = SIZE_CATEGORIES.map((s) => mean(t, s));
      for (let i = 1; i < bySize.length; i++) expect(bySize[i]).toBeGreaterThan(bySize[i - 1] ?? 0);
    }
    expect(mean('studio', 'large')).toBeLessThan(mean('multi_story', 'large') * 0.7);
  });

  it('equips types differently: cottages heat, condos lock, studios play media, houses open garages', () => {
    const share = (t: HomeType, test: (d: HomeContent['devices'][number]) => boolean): number => {
      let hit = 0;
      let all = 0;
      for (let seed = 1; seed <= 30; seed++) {
        const h = build(t, 'medium', seed);
        all += h.devices.length;
        hit += h.devices.filter(test).length;
      }
      return hit / all;
    };
    const heating = (d: HomeContent['devices'][number]): boolean => /heater|fireplace|temperature/.test(d.entity_id);
    expect(share('cottage', heating)).toBeGreaterThan(1.5 * share('apartment', heating));
    const cameras = (d: HomeContent['devices'][number]): boolean => d.domain === 'camera';
    expect(share('cottage', cameras)).toBeLessThan(share('multi_story', cameras) / 2);
    const locks = (d: HomeContent['devices'][number]): boolean => d.domain === 'lock' || d.domain === 'alarm_control_panel';
    expect(share('condo', locks)).toBeGreaterThan(1.5 * share('apartment', locks));
    const media = (d: HomeContent['devices'][number]): boolean => d.domain === 'media_player';
    expect(share('studio', media)).toBeGreaterThan(1.5 * share('ranch_house', media));
    const garage = (d: HomeContent['devices'][number]): boolean => d.device_class === 'garage';
    expect(share('single_family_house', garage)).toBeGreaterThan(0.02);
    expect(share('condo', garage)).toBe(0);
  });
});
