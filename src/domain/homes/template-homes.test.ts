import { describe, expect, it } from 'vitest';
import { HOME_TYPES, type HomeType } from '../home-types';
import { createRng, deriveSeed } from '../random';
import { areaKind, isOutdoorKind } from './area-kinds';
import { simulateHomeEvents } from './event-simulator';
import {
  DEVICE_DOMAINS,
  type HomeContent,
  SIZE_CATEGORIES,
  type SizeCategory,
  homeContentProblems,
  homeContentSchema,
} from './home-schema';
import { buildTemplateHome, sizeDeviceRange } from './template-homes';

const build = (homeType: HomeType, sizeCategory: SizeCategory, seed: number): HomeContent =>
  buildTemplateHome({ homeType, sizeCategory, index: seed, rng: createRng(deriveSeed(seed, homeType, sizeCategory)) });

function* allHomes(seeds: number): Generator<HomeContent> {
  for (const t of HOME_TYPES)
    for (const s of SIZE_CATEGORIES) for (let seed = 1; seed <= seeds; seed++) yield build(t, s, seed);
}

const floors = (h: HomeContent): number => new Set(h.areas.filter((a) => a.type === 'indoor').map((a) => a.floor)).size;

describe('sizeDeviceRange', () => {
  it('is the original range per size category', () => {
    expect(SIZE_CATEGORIES.map((s) => sizeDeviceRange(s))).toEqual([
      [10, 20],
      [20, 40],
      [40, 60],
      [60, 100],
    ]);
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

  it('gives every new layout events the simulator can make: people move through its rooms', () => {
    for (const home of allHomes(2)) {
      const events = simulateHomeEvents(
        { ...home, id: 'home_001' },
        { startDate: '2025-03-03', days: 3, timeZone: 'Europe/Berlin', seed: 5 },
      );
      expect(events.time.length, home.name).toBeGreaterThan(0);
      for (let i = 1; i < events.time.length; i++)
        expect(events.time[i] ?? 0).toBeGreaterThanOrEqual(events.time[i - 1] ?? 0);
      expect(Math.max(...events.entityIndex)).toBeLessThan(home.devices.length);
      // Someone is home and causes activity: lights, motion, media or doors, not only periodic sensors.
      const active = new Set(['light', 'binary_sensor', 'media_player', 'lock', 'switch']);
      expect(
        Array.from(events.entityIndex).some((d) => active.has(home.devices[d]?.domain ?? '')),
        home.name,
      ).toBe(true);
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
        if (indoorOnly.has(d.domain) || /ceiling_light|coffee/.test(d.entity_id))
          expect(outside, d.entity_id).toBe(false);
      }
      if (outdoor.size === 0) expect(home.devices.filter((d) => outdoorOnly.test(d.entity_id))).toEqual([]);
    }
    expect(outdoorDevices).toBeGreaterThan(100);
  });

  it("keeps each type's usual shape, but draws the shapes other types have too (issue 12)", () => {
    const homes = (t: HomeType): HomeContent[] =>
      Array.from({ length: 60 }, (_, i) => build(t, SIZE_CATEGORIES[i % SIZE_CATEGORIES.length] ?? 'medium', i + 1));
    const share = (t: HomeType, test: (h: HomeContent) => boolean): number => homes(t).filter(test).length / 60;
    const bedrooms = (h: HomeContent): number => h.areas.filter((a) => areaKind(a) === 'bedroom').length;
    const yard = (h: HomeContent): boolean => h.areas.some((a) => ['yard', 'garden'].includes(areaKind(a)));
    const garage = (h: HomeContent): boolean => h.areas.some((a) => areaKind(a) === 'garage');
    const basement = (h: HomeContent): boolean => h.areas.some((a) => a.type === 'indoor' && a.floor < 0);
    const living = (h: HomeContent): number =>
      h.areas.find((a) => a.name === 'Living Room' || a.name === 'Main Room')?.floor ?? 0;

    // Central tendencies: multi-story homes mostly 3+ levels, studios mostly one room, flats mostly upstairs.
    expect(share('multi_story', (h) => floors(h) >= 3)).toBeGreaterThan(0.6);
    expect(share('studio', (h) => bedrooms(h) === 0)).toBeGreaterThan(0.45);
    expect(share('apartment', (h) => living(h) >= 1)).toBeGreaterThan(0.5);
    expect(share('ranch_house', (h) => floors(h) === 1)).toBeGreaterThan(0.5);
    expect(share('townhouse', (h) => floors(h) >= 2)).toBeGreaterThan(0.75);
    // …and the overlaps: none of these is a type's own.
    expect(share('multi_story', (h) => floors(h) === 2)).toBeGreaterThan(0);
    expect(share('studio', (h) => bedrooms(h) > 0)).toBeGreaterThan(0.2);
    expect(share('apartment', (h) => living(h) === 0)).toBeGreaterThan(0.1);
    expect(share('apartment', (h) => living(h) === 0 && yard(h))).toBeGreaterThan(0);
    expect(share('condo', (h) => living(h) === 0)).toBeGreaterThan(0.1);
    expect(share('condo', yard)).toBeGreaterThan(0);
    expect(share('townhouse', (h) => floors(h) === 1)).toBeGreaterThan(0);
    expect(share('ranch_house', basement)).toBeGreaterThan(0.15);
    expect(share('cottage', (h) => floors(h) >= 2)).toBeGreaterThan(0.2);
    expect(share('cottage', garage)).toBeGreaterThan(0);
    expect(share('single_family_house', (h) => floors(h) === 1)).toBeGreaterThan(0.1);
    expect(share('single_family_house', garage)).toBeLessThan(1);
    // Every ranch keeps its bedrooms on one level, and houses start at the ground floor.
    for (const h of homes('ranch_house')) {
      expect(new Set(h.areas.filter((a) => areaKind(a) === 'bedroom').map((a) => a.floor))).toEqual(new Set([0]));
    }
    for (const t of ['single_family_house', 'ranch_house', 'cottage', 'multi_story'] as const) {
      for (const h of homes(t)) expect(living(h), h.name).toBe(0);
    }
  });

  it('houses the household each type suggests, with other households too', () => {
    const homes = (t: HomeType, size: SizeCategory): HomeContent[] =>
      Array.from({ length: 40 }, (_, i) => build(t, size, i + 1));
    const studios = homes('studio', 'medium');
    expect(studios.filter((h) => h.occupants.length === 1 && h.occupants[0]?.role === 'adult').length).toBeGreaterThan(
      26,
    );
    expect(studios.every((h) => h.occupants.length <= 2)).toBe(true);
    expect(studios.some((h) => h.occupants.length === 2)).toBe(true);
    const families = homes('single_family_house', 'medium').filter((h) => h.occupants.some((o) => o.role === 'child'));
    expect(families.length).toBeGreaterThan(24);
    expect(families.length).toBeLessThan(40);
    const multi = homes('multi_story', 'large');
    expect(multi.reduce((sum, h) => sum + h.occupants.length, 0) / multi.length).toBeGreaterThanOrEqual(4);
    const cottages = Array.from({ length: 40 }, (_, i) => build('cottage', 'small', i + 1));
    const weekendOnly = cottages.filter((h) =>
      h.occupants.every((o) => o.weekday.leave !== null && o.weekday.leave === o.weekday.return),
    );
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
    const locks = (d: HomeContent['devices'][number]): boolean =>
      d.domain === 'lock' || d.domain === 'alarm_control_panel';
    expect(share('condo', locks)).toBeGreaterThan(1.5 * share('apartment', locks));
    const media = (d: HomeContent['devices'][number]): boolean => d.domain === 'media_player';
    expect(share('studio', media)).toBeGreaterThan(1.5 * share('ranch_house', media));
    const garage = (d: HomeContent['devices'][number]): boolean => d.device_class === 'garage';
    expect(share('single_family_house', garage)).toBeGreaterThan(0.02);
    // Some condos have their own garage now (townhouse-style condos), but far fewer garage doors.
    expect(share('condo', garage)).toBeLessThan(share('single_family_house', garage) / 2);
  });
});
