import { describe, expect, it } from 'vitest';
import { metricValue } from '../domain/classic/classic-format';
import { generateClassic, generateClassicSync } from '../domain/classic/classic-generator';
import { defaultClassicSpec } from '../domain/classic/classic-spec';
import { METRICS } from '../domain/device-types';
import { legacyLabel } from '../domain/legacy-label';
import { generateTemporal } from '../domain/temporal/generate';
import { defaultTemporalSpec } from '../domain/temporal/spec';
import { fixedSplit, planSlots } from './run-plan';
import { classicTable, tableLabels, temporalTable } from './training-table';

const spec = { ...defaultClassicSpec(), samples: 600 };

describe('classicTable', () => {
  it('takes the 11 metrics as features, one group per row, and both classic labels', () => {
    const cols = generateClassicSync(spec);
    const t = classicTable([cols]);
    expect([t.n, t.d, t.x.length]).toEqual([600, 11, 6600]);
    expect(t.featureNames).toEqual([...METRICS]);
    expect(t.legacyColumns).toEqual({ responseTime: 0, errorRate: 1, batteryLevel: 2 });
    expect(Array.from(t.group.slice(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(t.group).size).toBe(600);
    expect(t.time).toBeNull();
    const injected = tableLabels(t, 'injected');
    const legacy = tableLabels(t, 'legacy');
    for (let i = 0; i < t.n; i++) {
      expect(injected[i]).toBe((cols.scenario[i] ?? -1) >= 0 ? 1 : 0);
      expect(legacy[i]).toBe(legacyLabel(metricValue(cols, i, 0), metricValue(cols, i, 1), metricValue(cols, i, 2)));
    }
    // failureRate 0.15 of each home type's rows, floored per type.
    expect(injected.reduce((s, v) => s + v, 0)).toBe(86);
    expect(t.homeType).toEqual(cols.homeType);
  });

  it('is the same table whatever the chunking', () => {
    const one = classicTable([generateClassicSync(spec)]);
    const many = classicTable([...generateClassic(spec, 128)]);
    expect(many.x).toEqual(one.x);
    expect(many.labels).toEqual(one.labels);
    expect(many.group).toEqual(one.group);
  });

  it('has no injected label when the scenario is unknown (original file format), and no horizon label', () => {
    const t = classicTable([generateClassicSync(spec)], { scenarioKnown: false });
    expect(t.labels.injected).toBeUndefined();
    expect(t.scenario.every((s) => s === -1)).toBe(true);
    expect(() => tableLabels(t, 'injected')).toThrow(/no "injected failure scenario" label/);
    expect(() => tableLabels(t, 'horizon')).toThrow(/needs a temporal dataset/);
  });
});

describe('temporalTable', () => {
  const temporalSpec = defaultTemporalSpec({
    homes: 6,
    days: 30,
    seed: 4,
    timeZone: 'Europe/Berlin',
    startDate: '2025-03-10',
  });

  it('is the same table whatever the chunking', () => {
    const one = temporalTable([...generateTemporal(temporalSpec, { homesPerChunk: 6 })], temporalSpec.horizonDays);
    const many = temporalTable([...generateTemporal(temporalSpec, { homesPerChunk: 1 })], temporalSpec.horizonDays);
    const bytes = (a: ArrayBufferView | null) =>
      a === null ? null : Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    for (const k of ['x', 'group', 'homeType', 'time', 'scenario'] as const) expect(bytes(many[k])).toBe(bytes(one[k]));
    expect(bytes(many.labels.horizon ?? null)).toBe(bytes(one.labels.horizon ?? null));
    expect(bytes(many.labels.legacy)).toBe(bytes(one.labels.legacy));
    expect([many.n, many.horizon]).toEqual([one.n, one.horizon]);
  });

  it('the time-blocked split trains on earlier samples of other devices, H before validation and test', async () => {
    const t = temporalTable([...generateTemporal(defaultTemporalSpec({ homes: 10, days: 60, seed: 2 }))], 7);
    const y = tableLabels(t, 'horizon');
    const s = fixedSplit(t, y, { split: 'time', testFraction: 0.2, valFraction: 0.1 }, 'temporal-ds');
    const time = t.time ?? new Float64Array(0);
    const span = (rows: Uint32Array) => {
      const ts = Array.from(rows, (r) => time[r] ?? 0);
      return { min: Math.min(...ts), max: Math.max(...ts) };
    };
    const [train, val, test] = [span(s.train), span(s.val), span(s.test)];
    // Test is the latest window, H after every training and validation sample; validation devices are
    // held out of the training window.
    expect(test.min - train.max).toBeGreaterThan(t.horizon);
    expect(test.min - val.max).toBeGreaterThan(t.horizon);
    expect(val.max).toBe(train.max);
    const groups = (rows: Uint32Array) => new Set(Array.from(rows, (r) => t.group[r] ?? 0));
    const [gTrain, gVal, gTest] = [groups(s.train), groups(s.val), groups(s.test)];
    for (const g of gTest) expect(gTrain.has(g) || gVal.has(g)).toBe(false);
    for (const g of gVal) expect(gTrain.has(g) || gTest.has(g)).toBe(false);
    expect([s.train.length, s.val.length, s.test.length]).toEqual([9385, 1353, 862]);
    expect(fixedSplit(t, y, { split: 'time', testFraction: 0.2, valFraction: 0.2 }, 'temporal-ds').test).toEqual(
      s.test,
    );
    const plans = planSlots(t, y, s, { global: true, perHomeType: true });
    expect(plans[0]?.slot).toBe('global');
    expect(plans[0]?.counts.testPositives).toBeGreaterThan(0);
  });
});
