import { describe, expect, it } from 'vitest';
import { defaultTemporalSpec } from '../temporal/spec';
import { labelHistogram } from './label-histogram';
import { datasetProfiles, spreadDevices } from './profiles';

describe('dataset profiles', () => {
  const spec = defaultTemporalSpec({
    homes: 30,
    days: 60,
    seed: 5,
    timeZone: 'Europe/Berlin',
    startDate: '2025-01-01',
  });

  it('shows usage peaking in the local morning or evening, not at 3 am, from regenerated devices', () => {
    const p = datasetProfiles(spec, 'usage_frequency', 60);
    expect(p.devicesUsed).toBe(60);
    expect(p.hourByDeviceType).toHaveLength(24);
    expect(p.weekdayByDeviceType).toHaveLength(7);
    const light = (h: number): number => Number(p.hourByDeviceType[h]?.light ?? Number.NaN);
    expect(Math.max(light(7), light(20))).toBeGreaterThan(light(3));
    expect(p.monthly.map((r) => r.month)).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('spreads the chosen devices over the whole dataset', () => {
    expect(spreadDevices(10, 4)).toEqual([0, 2, 5, 7]);
    expect(spreadDevices(3, 10)).toEqual([0, 1, 2]);
  });
});

describe('label histogram', () => {
  it('normalises each class to shares and separates shifted classes', () => {
    const n = 1000;
    const features = Float32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i / n : 1 + i / n));
    const label = Uint8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0 : 1));
    const h = labelHistogram([{ features, label }], 1, 0, 10);
    expect(h.negatives).toBe(500);
    expect(h.positives).toBe(500);
    expect(h.negative.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(h.positive.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(h.negative.slice(0, 4).reduce((a, b) => a + b, 0)).toBeGreaterThan(0.7);
    expect(h.positive.slice(6).reduce((a, b) => a + b, 0)).toBeGreaterThan(0.7);
  });
});
