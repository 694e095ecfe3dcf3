import { describe, expect, it } from 'vitest';
import { hemisphereOfTimeZone, resolveHemisphere } from './hemisphere';
import { defaultTemporalSpec, parseTemporalSpec } from './spec';
import { specFromQuery, specToQuery } from './spec-query';

function errorsOf(input: unknown): Record<string, string> {
  const r = parseTemporalSpec(input);
  if (r.ok) return {};
  return Object.fromEntries(r.errors.map((e) => [e.field, e.message]));
}

describe('parseTemporalSpec', () => {
  it('fills every default, with the original 35/20/15/12/8/5/3/2 home-type split', () => {
    const spec = defaultTemporalSpec();
    expect(spec).toEqual({
      seed: 42,
      homes: 100,
      homeTypeMix: {
        single_family_house: 35,
        apartment: 20,
        condo: 15,
        townhouse: 12,
        ranch_house: 8,
        multi_story: 5,
        cottage: 3,
        studio: 2,
      },
      startDate: '2025-01-01',
      days: 180,
      resolutionMinutes: 60,
      timeZone: 'UTC',
      hemisphere: 'auto',
      failureRate: 0.15,
      scenarioMix: { progressive: 1, sudden: 1, intermittent: 1, battery_depletion: 1, network_issues: 1 },
      horizonDays: 7,
      windowDays: 7,
      strideDays: 1,
      noise: 0.3,
      missingRate: 0.02,
      difficulty: 'normal',
    });
    expect(defaultTemporalSpec({ timeZone: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
  });

  it('takes a supplied mix as exactly those weights (missing keys count 0)', () => {
    const r = parseTemporalSpec({ homeTypeMix: { studio: 1 }, scenarioMix: { sudden: 2, progressive: 1 } });
    expect(r.ok && r.spec.homeTypeMix).toEqual({
      single_family_house: 0,
      apartment: 0,
      condo: 0,
      townhouse: 0,
      cottage: 0,
      studio: 1,
      multi_story: 0,
      ranch_house: 0,
    });
    expect(r.ok && r.spec.scenarioMix).toEqual({
      progressive: 1,
      sudden: 2,
      intermittent: 0,
      battery_depletion: 0,
      network_issues: 0,
    });
  });

  it.each([
    ['seed', -1, 'seed must be a whole number from 0 to 4294967295'],
    ['seed', 1.5, 'seed must be a whole number from 0 to 4294967295'],
    ['seed', '42', 'seed must be a whole number from 0 to 4294967295'],
    ['homes', 0, 'homes must be a whole number from 1 to 100000'],
    ['homes', 100_001, 'homes must be a whole number from 1 to 100000'],
    ['startDate', '2025-02-30', 'startDate must be a real calendar date as YYYY-MM-DD (years 1971–2200)'],
    ['startDate', '1/2/2025', 'startDate must be a real calendar date as YYYY-MM-DD (years 1971–2200)'],
    ['startDate', 20250101, 'startDate must be a date as YYYY-MM-DD'],
    ['days', 0, 'days must be a whole number from 1 to 730'],
    ['days', 731, 'days must be a whole number from 1 to 730'],
    ['resolutionMinutes', 45, 'resolutionMinutes must be 15, 30 or 60'],
    ['timeZone', 'Mars/Olympus', 'timeZone must be an IANA time zone name such as Europe/Berlin'],
    ['timeZone', '', 'timeZone must be an IANA time zone name such as Europe/Berlin'],
    ['hemisphere', 'east', "hemisphere must be 'north', 'south' or 'auto'"],
    ['failureRate', 1.2, 'failureRate must be a number from 0 to 1'],
    ['failureRate', Number.NaN, 'failureRate must be a number from 0 to 1'],
    ['horizonDays', 0, 'horizonDays must be a whole number from 1 to 60'],
    ['horizonDays', 61, 'horizonDays must be a whole number from 1 to 60'],
    ['windowDays', 0, 'windowDays must be a whole number from 1 to 60'],
    ['strideDays', 31, 'strideDays must be a whole number from 1 to 30'],
    ['noise', -0.1, 'noise must be a number from 0 to 1'],
    ['missingRate', 0.6, 'missingRate must be a number from 0 to 0.5'],
    ['difficulty', 'extreme', "difficulty must be 'easy', 'normal' or 'hard'"],
    [
      'homeTypeMix',
      [1, 2],
      'homeTypeMix must be an object of weights keyed by single_family_house, apartment, condo, townhouse, cottage, studio, multi_story, ranch_house',
    ],
  ])('rejects %s = %j with its message', (field, value, message) => {
    expect(errorsOf({ [field]: value })).toEqual({ [field]: message });
  });

  it('names bad mix entries, zero-sum mixes, unknown fields and a too-long window', () => {
    expect(errorsOf({ homeTypeMix: { studio: -1, castle: 3 } })).toEqual({
      'homeTypeMix.studio': 'homeTypeMix.studio must be a number ≥ 0',
      'homeTypeMix.castle':
        'unknown homeTypeMix key "castle"; allowed: single_family_house, apartment, condo, townhouse, cottage, studio, multi_story, ranch_house',
    });
    expect(errorsOf({ scenarioMix: { sudden: 0 } })).toEqual({
      scenarioMix:
        'scenarioMix weights must sum to more than 0 (keys: progressive, sudden, intermittent, battery_depletion, network_issues)',
    });
    expect(errorsOf({ homess: 3 }).homess).toMatch(/^unknown field "homess"; allowed: seed, homes, homeTypeMix/);
    expect(errorsOf({ days: 7, windowDays: 7 })).toEqual({
      windowDays: 'windowDays must be less than days (7): a sample needs one full window before it',
    });
    expect(errorsOf('not a spec')).toEqual({ '(spec)': 'the spec must be an object' });
  });

  it('reports every bad field at once, one message each', () => {
    const r = parseTemporalSpec({ homes: -5, days: 0, noise: 2, difficulty: 1 });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['homes', 'days', 'noise', 'difficulty']);
  });
});

describe('hemisphere', () => {
  it('derives south from southern zones and north otherwise; an explicit setting wins', () => {
    for (const tz of [
      'Australia/Sydney',
      'Pacific/Auckland',
      'America/Sao_Paulo',
      'America/Argentina/Buenos_Aires',
      'Africa/Johannesburg',
      'America/Santiago',
    ]) {
      expect(hemisphereOfTimeZone(tz)).toBe('south');
    }
    for (const tz of ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Pacific/Honolulu']) {
      expect(hemisphereOfTimeZone(tz)).toBe('north');
    }
    expect(resolveHemisphere({ hemisphere: 'auto', timeZone: 'Australia/Perth' })).toBe('south');
    expect(resolveHemisphere({ hemisphere: 'north', timeZone: 'Australia/Perth' })).toBe('north');
  });
});

describe('spec ⇄ URL query', () => {
  it('round-trips a spec exactly through flat strings', () => {
    const spec = defaultTemporalSpec({
      seed: 4_000_000_000,
      homes: 250,
      homeTypeMix: {
        single_family_house: 0,
        apartment: 0.5,
        condo: 0,
        townhouse: 0,
        cottage: 0,
        studio: 2.25,
        multi_story: 1,
        ranch_house: 0,
      },
      startDate: '2024-02-29',
      days: 400,
      resolutionMinutes: 15,
      timeZone: 'Australia/Sydney',
      hemisphere: 'south',
      failureRate: 0.07,
      scenarioMix: { progressive: 3, sudden: 0, intermittent: 1, battery_depletion: 1, network_issues: 0.5 },
      horizonDays: 14,
      windowDays: 10,
      strideDays: 7,
      noise: 0.55,
      missingRate: 0.1,
      difficulty: 'hard',
    });
    const q = specToQuery(spec);
    expect(q.homeTypeMix).toBe(
      'single_family_house:0,apartment:0.5,condo:0,townhouse:0,cottage:0,studio:2.25,multi_story:1,ranch_house:0',
    );
    expect(Object.values(q).every((v) => typeof v === 'string')).toBe(true);
    const back = specFromQuery(Object.fromEntries(new URLSearchParams(q)));
    expect(back).toEqual({ ok: true, spec });
  });

  it('fills defaults for absent keys and reports bad values with the spec messages', () => {
    expect(specFromQuery({ homes: '12' })).toEqual({ ok: true, spec: defaultTemporalSpec({ homes: 12 }) });
    expect(specFromQuery({ homes: 'many', homeTypeMix: 'studio' })).toEqual({
      ok: false,
      errors: [
        { field: 'homes', message: 'homes must be a whole number from 1 to 100000' },
        {
          field: 'homeTypeMix',
          message:
            'homeTypeMix must be an object of weights keyed by single_family_house, apartment, condo, townhouse, cottage, studio, multi_story, ranch_house',
        },
      ],
    });
  });
});
