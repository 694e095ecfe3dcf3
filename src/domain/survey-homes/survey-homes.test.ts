import { describe, expect, it } from 'vitest';
import { HOME_TYPES, type HomeType } from '../home-types';
import {
  type HomeContent,
  SIZE_CATEGORIES,
  type SizeCategory,
  homeContentProblems,
  homeContentSchema,
} from '../homes/home-schema';
import { createRng, deriveSeed } from '../random';
import { buildSurveyHome } from './survey-homes';

const build = (homeType: HomeType, sizeCategory: SizeCategory, seed: number, index: number): HomeContent =>
  buildSurveyHome({ homeType, sizeCategory, index, rng: createRng(deriveSeed(seed, 'survey-home', index)) });

function* sample(perCell: number): Generator<HomeContent> {
  let index = 0;
  for (const t of HOME_TYPES)
    for (const s of SIZE_CATEGORIES) for (let k = 0; k < perCell; k++) yield build(t, s, 11, index++);
}

const indoorFloors = (h: HomeContent): number[] => [
  ...new Set(h.areas.filter((a) => a.type === 'indoor').map((a) => a.floor)),
];
const bedrooms = (h: HomeContent): number => h.areas.filter((a) => /bedroom/i.test(a.name)).length;

describe('buildSurveyHome', () => {
  it('builds schema-valid homes without cross-field problems for every type and size', () => {
    for (const home of sample(8)) {
      const parsed = homeContentSchema.safeParse(home);
      expect(parsed.success, `${home.name}: ${parsed.error?.message ?? ''}`).toBe(true);
      expect(homeContentProblems(home), home.name).toEqual([]);
      expect(new Set(home.areas.map((a) => a.name)).size, home.name).toBe(home.areas.length);
    }
  });

  it('is a pure function of (seed, index, type, size) and differs across indices', () => {
    expect(build('townhouse', 'large', 5, 3)).toEqual(build('townhouse', 'large', 5, 3));
    const homes = Array.from({ length: 12 }, (_, i) => build('townhouse', 'large', 5, i));
    const shapes = new Set(
      homes.map((h) => JSON.stringify({ areas: h.areas, devices: h.devices, occupants: h.occupants })),
    );
    expect(shapes.size).toBe(12);
    expect(build('townhouse', 'large', 6, 3)).not.toEqual(build('townhouse', 'large', 5, 3));
  });

  it('keeps the requested type and size, whatever the mix', () => {
    const mix: [HomeType, SizeCategory][] = [
      ['studio', 'small'],
      ['condo', 'extra_large'],
      ['ranch_house', 'medium'],
      ['studio', 'large'],
      ['multi_story', 'small'],
    ];
    const homes = mix.map(([t, s], i) => build(t, s, 2, i));
    expect(homes.map((h) => [h.home_type, h.size_category])).toEqual(mix);
    expect(homes.map((h) => h.name.startsWith(`Survey home ${homes.indexOf(h)}:`))).toEqual(mix.map(() => true));
  });

  it('follows its structure tables: studios without bedrooms, ranches on one level above ground, multi-story homes on two or more', () => {
    for (const s of SIZE_CATEGORIES) {
      for (let i = 0; i < 20; i++) {
        const studio = build('studio', s, 4, i);
        expect(studio.areas.some((a) => /^(primary bedroom|bedroom \d)$/i.test(a.name))).toBe(false);
        expect(indoorFloors(build('ranch_house', s, 4, i)).filter((f) => f >= 0)).toEqual([0]);
        expect(indoorFloors(build('multi_story', s, 4, i)).filter((f) => f >= 0).length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('makes larger size bands larger within a type, with overlap between neighbouring types', () => {
    const mean = (t: HomeType, s: SizeCategory): number => {
      let sum = 0;
      for (let i = 0; i < 60; i++) sum += bedrooms(build(t, s, 8, i));
      return sum / 60;
    };
    expect(mean('single_family_house', 'small')).toBeLessThan(mean('single_family_house', 'extra_large'));
    expect(mean('apartment', 'small')).toBeLessThan(mean('apartment', 'large'));
    // Flats are found on the ground floor too (garden flats), and two-level townhouses and houses share
    // bedroom counts: no single floor number or bedroom count marks one type.
    const flats = Array.from({ length: 200 }, (_, i) => build('apartment', 'medium', 9, i));
    const ground = flats.filter((h) => h.areas.some((a) => a.type === 'indoor' && a.floor === 0)).length / flats.length;
    expect(ground).toBeGreaterThan(0.15);
    expect(ground).toBeLessThan(0.6);
  });

  it('gives every home at least one light, one motion or occupancy sensor and one climate entity', () => {
    for (const home of sample(4)) {
      expect(
        home.devices.some((d) => d.domain === 'light'),
        home.name,
      ).toBe(true);
      expect(
        home.devices.some((d) => d.device_class === 'motion' || d.device_class === 'occupancy'),
        home.name,
      ).toBe(true);
      expect(
        home.devices.some((d) => d.domain === 'climate'),
        home.name,
      ).toBe(true);
    }
  });

  it('gives a fixed home for a fixed seed', () => {
    const home = buildSurveyHome({ homeType: 'ranch_house', sizeCategory: 'medium', index: 7, rng: createRng(2024) });
    expect({
      name: home.name,
      areas: home.areas.length,
      devices: home.devices.length,
      occupants: home.occupants.map((o) => o.role),
      first: home.devices[0]?.entity_id,
    }).toMatchInlineSnapshot(`
      {
        "areas": 13,
        "devices": 15,
        "first": "climate.thermostat",
        "name": "Survey home 7: 3-bedroom ranch house",
        "occupants": [
          "adult",
          "adult",
          "child",
        ],
      }
    `);
  });
});
