import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES, FAILURE_SCENARIOS, METRICS } from '../device-types';
import { HOME_TYPES } from '../home-types';
import { defaultClassicSpec, type ClassicSpec } from './classic-spec';
import {
  METRIC_COUNT,
  NO_HOME_TYPE,
  classicDeviceWeights,
  concatClassic,
  generateClassic,
  generateClassicSync,
  type ClassicColumns,
} from './classic-generator';
import { classicRecord, deviceId } from './classic-format';

const spec = (over: Partial<ClassicSpec> = {}): ClassicSpec => ({ ...defaultClassicSpec(), samples: 2000, ...over });

function column(cols: ClassicColumns, name: (typeof METRICS)[number]): number[] {
  const m = METRICS.indexOf(name);
  return Array.from({ length: cols.length }, (_, r) => cols.metrics[r * METRIC_COUNT + m] ?? Number.NaN);
}

describe('classic generator invariants (original §8)', () => {
  const cols = generateClassicSync(spec({ samples: 5000 }));

  it('writes exactly the requested rows', () => {
    expect(cols.length).toBe(5000);
    expect(cols.metrics.length).toBe(5000 * 11);
  });

  it.each([
    ['response_time', 10, 5000],
    ['error_rate', 0, 1],
    ['battery_level', 0, 100],
    ['signal_strength', -100, -10],
    ['usage_frequency', 0, 1],
    ['temperature', -10, 50],
    ['humidity', 0, 100],
  ] as const)('%s stays within [%d, %d]', (name, lo, hi) => {
    for (const v of column(cols, name)) {
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThanOrEqual(hi);
    }
  });

  it('keeps the lower clamps of the open-ended metrics and integer counts', () => {
    expect(Math.min(...column(cols, 'uptime_hours'))).toBeGreaterThanOrEqual(1);
    expect(Math.min(...column(cols, 'data_transfer_rate'))).toBeGreaterThanOrEqual(10);
    for (const name of ['restart_count', 'connection_drops'] as const) {
      for (const v of column(cols, name)) {
        expect(Number.isInteger(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('rounds as the original (2 dp response, 4 dp error, 1 dp battery, 3 dp usage)', () => {
    for (let r = 0; r < 200; r++) {
      const rec = classicRecord(cols, r);
      expect(Math.round(Number(rec.response_time) * 100) / 100).toBe(rec.response_time);
      expect(Math.round(Number(rec.error_rate) * 1e4) / 1e4).toBe(rec.error_rate);
      expect(Math.round(Number(rec.battery_level) * 10) / 10).toBe(rec.battery_level);
      expect(Math.round(Number(rec.usage_frequency) * 1e3) / 1e3).toBe(rec.usage_frequency);
    }
  });

  it('ids look like synthetic_device_NNNN', () => {
    for (let r = 0; r < 100; r++) {
      expect(String(classicRecord(cols, r).device_id)).toMatch(/^synthetic_device_\d{4,}$/);
    }
    expect(deviceId(7)).toBe('synthetic_device_0007');
    expect(deviceId(12345)).toBe('synthetic_device_12345');
  });

  it('has a health score on some rows but not all (≈ 70 %)', () => {
    const present = Array.from(cols.healthScore).filter((h) => !Number.isNaN(h)).length;
    expect(present / cols.length).toBeGreaterThan(0.65);
    expect(present / cols.length).toBeLessThan(0.75);
    for (const h of cols.healthScore) if (!Number.isNaN(h)) expect(h >= 0 && h <= 1).toBe(true);
  });

  it('omits health_score everywhere when disabled', () => {
    const c = generateClassicSync(spec({ samples: 300, healthScore: false }));
    expect(Array.from(c.healthScore).every(Number.isNaN)).toBe(true);
    expect('health_score' in classicRecord(c, 0)).toBe(false);
  });

  it('mains-powered types keep battery exactly 100 unless a failure drains it', () => {
    for (let r = 0; r < cols.length; r++) {
      const t = DEVICE_TYPES[cols.deviceType[r] ?? 0];
      const sc = FAILURE_SCENARIOS[cols.scenario[r] ?? -1];
      const drains = sc === 'progressive' || sc === 'intermittent' || sc === 'battery_depletion';
      if ((t === 'switch' || t === 'light' || t === 'climate' || t === 'media') && !drains) {
        expect(cols.metrics[r * METRIC_COUNT + 2]).toBe(100);
      }
    }
  });
});

describe('failure counts', () => {
  it.each([
    [0, 0],
    [0.15, 150],
    [1, 1000],
  ])('failure rate %d gives %d failure rows of 1000 for one home type', (rate, failures) => {
    const c = generateClassicSync(spec({ samples: 1000, failureRate: rate, homeTypes: 'condo' }));
    expect(c.length).toBe(1000);
    expect(Array.from(c.scenario).filter((s) => s >= 0).length).toBe(failures);
  });

  it('with the large-dataset split, failures are floor(count · rate) per home type', () => {
    const c = generateClassicSync(spec({ samples: 10_000, failureRate: 0.15 }));
    // 3500, 2000, 1500, 1200, 800, 500, 300, 200 → 525 + 300 + 225 + 180 + 120 + 75 + 45 + 30
    expect(Array.from(c.scenario).filter((s) => s >= 0).length).toBe(1500);
  });

  it('depletion scenarios at 180 days empty the battery, as the original did', () => {
    const c = generateClassicSync(spec({ samples: 2000, failureRate: 1, days: 180 }));
    for (let r = 0; r < c.length; r++) {
      const sc = FAILURE_SCENARIOS[c.scenario[r] ?? -1];
      if (sc === 'battery_depletion' || sc === 'progressive') expect(c.metrics[r * METRIC_COUNT + 2]).toBe(0);
    }
  });
});

describe('home types', () => {
  it('splits 10,000 rows 3500/2000/1500/1200/800/500/300/200', () => {
    const c = generateClassicSync(spec({ samples: 10_000 }));
    const counts = new Map<string, number>();
    for (const code of c.homeType) {
      const name = HOME_TYPES[code] ?? 'none';
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({
      single_family_house: 3500,
      apartment: 2000,
      condo: 1500,
      townhouse: 1200,
      ranch_house: 800,
      multi_story: 500,
      cottage: 300,
      studio: 200,
    });
  });

  it('ids restart at 0001 for every home type', () => {
    const c = generateClassicSync(spec({ samples: 10_000 }));
    const ones = Array.from(c.deviceNumber).filter((n) => n === 1).length;
    expect(ones).toBe(8);
  });

  it('a single home type labels every row with it', () => {
    const c = generateClassicSync(spec({ samples: 100, homeTypes: 'studio' }));
    expect(new Set(c.homeType)).toEqual(new Set([HOME_TYPES.indexOf('studio')]));
    expect(NO_HOME_TYPE).toBe(255);
  });

  it('reproduces the original weight truncation (climate 11, apartment 12, studio security 10)', () => {
    expect(classicDeviceWeights('single_family_house')).toMatchObject({
      climate: 11,
      security: 11,
      media: 5,
      vacuum: 2,
    });
    expect(classicDeviceWeights('apartment').climate).toBe(12);
    expect(classicDeviceWeights('studio').security).toBe(10);
    expect(classicDeviceWeights(null)).toMatchObject({ sensor: 30, climate: 10 });
  });

  it('picks sensors most often (> 200 of 1000)', () => {
    const c = generateClassicSync(spec({ samples: 1000, homeTypes: 'condo' }));
    expect(Array.from(c.deviceType).filter((t) => DEVICE_TYPES[t] === 'sensor').length).toBeGreaterThan(200);
  });
});

describe('determinism', () => {
  it('same seed ⇒ identical columns; another seed ⇒ different', () => {
    const a = generateClassicSync(spec({ seed: 7 }));
    const b = generateClassicSync(spec({ seed: 7 }));
    const c = generateClassicSync(spec({ seed: 8 }));
    expect(a).toEqual(b);
    expect(Buffer.from(a.metrics.buffer).equals(Buffer.from(b.metrics.buffer))).toBe(true);
    expect(a.metrics).not.toEqual(c.metrics);
  });

  it('streams chunks whose concatenation does not depend on the chunk size', () => {
    const chunks = [...generateClassic(spec({ samples: 1000 }), 256)];
    expect(chunks.map((c) => c.length)).toEqual([256, 256, 256, 232]);
    expect(concatClassic(chunks)).toEqual(generateClassicSync(spec({ samples: 1000 })));
  });

  it('keeps the original id ↔ failure relation: ids above the normal count are the failure rows', () => {
    const c = generateClassicSync(spec({ samples: 1000, failureRate: 0.15, homeTypes: 'condo' }));
    for (let r = 0; r < c.length; r++) {
      expect((c.deviceNumber[r] ?? 0) > 850).toBe((c.scenario[r] ?? -1) >= 0);
    }
    expect(new Set(c.deviceNumber).size).toBe(1000);
  });

  it('interleaves home types and failure rows (a shuffled file, not blocks)', () => {
    const c = generateClassicSync(spec({ samples: 10_000 }));
    const firstHundred = new Set(Array.from(c.homeType.subarray(0, 100)));
    expect(firstHundred.size).toBeGreaterThan(3);
    const failuresInFirstThousand = Array.from(c.scenario.subarray(0, 1000)).filter((s) => s >= 0).length;
    expect(failuresInFirstThousand).toBeGreaterThan(100);
    expect(failuresInFirstThousand).toBeLessThan(200);
  });
});

describe('reference date drives the constant temporal shift (the original flaw, kept in classic mode)', () => {
  it('mean response time is higher at 07:00 than at 19:00', () => {
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    const normal = (c: ClassicColumns): number[] =>
      column(c, 'response_time').filter((_, r) => (c.scenario[r] ?? 0) < 0);
    const morning = generateClassicSync(spec({ referenceDate: '2025-06-02T07:00' }));
    const evening = generateClassicSync(spec({ referenceDate: '2025-06-02T19:00' }));
    expect(mean(normal(morning))).toBeGreaterThan(mean(normal(evening)) + 30);
  });
});
