import { describe, expect, it } from 'vitest';
import { generateClassicSync } from '../domain/classic/classic-generator';
import { defaultClassicSpec } from '../domain/classic/classic-spec';
import { createRng } from '../domain/random';
import { fixedSplit, planSlots } from './run-plan';
import { classicTable, type TrainingTable } from './training-table';

const table = classicTable([generateClassicSync({ ...defaultClassicSpec(), samples: 2000 })]);
const labels = table.labels.injected ?? new Uint8Array(0);
const grouped = { split: 'grouped' as const, testFraction: 0.2, valFraction: 0.1 };

function disjoint(...parts: Uint32Array[]): boolean {
  const seen = new Set<number>();
  for (const p of parts)
    for (const r of p) {
      if (seen.has(r)) return false;
      seen.add(r);
    }
  return true;
}

describe('fixedSplit', () => {
  it('splits 70/10/20 without overlap, each home type at the same fractions', () => {
    const s = fixedSplit(table, labels, grouped, 'ds-1');
    expect([s.train.length, s.val.length, s.test.length]).toEqual([1403, 197, 400]);
    expect(disjoint(s.train, s.val, s.test)).toBe(true);
    expect(s.train.length + s.val.length + s.test.length).toBe(table.n);
    for (let code = 0; code < 8; code++) {
      const all = table.homeType.filter((h) => h === code).length;
      const test = s.test.filter((r) => table.homeType[r] === code).length;
      expect(test).toBe(Math.round(all * 0.2));
    }
  });

  it('is fixed per dataset: the same test set whatever the validation fraction; another dataset id, another set', () => {
    const a = fixedSplit(table, labels, grouped, 'ds-1');
    const b = fixedSplit(table, labels, { ...grouped, valFraction: 0.25 }, 'ds-1');
    const c = fixedSplit(table, labels, grouped, 'ds-2');
    expect(b.test).toEqual(a.test);
    expect(b.val.length).toBeGreaterThan(a.val.length);
    expect(c.test).not.toEqual(a.test);
    expect(fixedSplit(table, labels, grouped, 'ds-1')).toEqual(a);
  });

  it('refuses the time-blocked split without sample times', () => {
    expect(() => fixedSplit(table, labels, { ...grouped, split: 'time' }, 'ds-1')).toThrow(/needs sample times/);
  });

  it('time-blocked: trains on earlier windows of other devices, with the horizon as embargo', () => {
    // 60 devices × 50 daily samples; each device keeps one home type.
    const devices = 60;
    const days = 50;
    const n = devices * days;
    const rng = createRng(3);
    const t: TrainingTable = {
      kind: 'temporal',
      n,
      d: 1,
      x: Float32Array.from({ length: n }, () => rng.normal()),
      labels: { legacy: new Uint8Array(n), horizon: Uint8Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 1 : 0)) },
      group: Uint32Array.from({ length: n }, (_, i) => Math.floor(i / days)),
      homeType: Uint8Array.from({ length: n }, (_, i) => Math.floor(i / days) % 8),
      time: Float64Array.from({ length: n }, (_, i) => i % days),
      horizon: 3,
      scenario: new Int8Array(n).fill(-1),
      featureNames: ['f'],
      legacyColumns: null,
    };
    const y = t.labels.horizon ?? new Uint8Array(0);
    const s = fixedSplit(t, y, { split: 'time', testFraction: 0.2, valFraction: 0.1 }, 'temporal');
    const time = t.time ?? new Float64Array(0);
    const maxTrain = Math.max(...Array.from(s.train, (r) => time[r] ?? 0));
    const minTest = Math.min(...Array.from(s.test, (r) => time[r] ?? 0));
    expect(minTest - maxTrain).toBeGreaterThan(t.horizon);
    const groupsOf = (rows: Uint32Array) => new Set(Array.from(rows, (r) => t.group[r]));
    const trainGroups = groupsOf(s.train);
    for (const g of groupsOf(s.test)) expect(trainGroups.has(g)).toBe(false);
    expect(disjoint(s.train, s.val, s.test)).toBe(true);
    expect(s.test.length).toBeGreaterThan(0);
  });
});

describe('planSlots', () => {
  const split = fixedSplit(table, labels, grouped, 'ds-1');

  it('plans the global model first, then each home type, with exact counts', () => {
    const plans = planSlots(table, labels, split, { global: true, perHomeType: true });
    expect(plans.map((p) => p.slot)).toEqual([
      'global',
      'single_family_house',
      'apartment',
      'condo',
      'townhouse',
      'cottage',
      'studio',
      'multi_story',
      'ranch_house',
    ]);
    expect(plans[0]?.counts).toEqual({
      train: 1403,
      val: 197,
      test: 400,
      trainPositives: 211,
      testPositives: 60,
      trainGroups: 1403,
      testGroups: 400,
    });
    expect(plans[2]?.counts).toEqual({
      train: 280,
      val: 40,
      test: 80,
      trainPositives: 42,
      testPositives: 12,
      trainGroups: 280,
      testGroups: 80,
    });
    const sum = plans.slice(1).reduce((s, p) => s + p.counts.test, 0);
    expect(sum).toBe(400);
  });

  it('marks small slots insufficient with the reason, never silently trains them', () => {
    const plans = planSlots(table, labels, split, { global: false, perHomeType: true });
    const reasons = Object.fromEntries(plans.map((p) => [p.slot, p.insufficient]));
    expect(reasons.cottage).toBe('Only 42 training samples; at least 100 are needed to train honestly.');
    expect(reasons.studio).toMatch(/^Only 28 training samples/);
    expect(reasons.multi_story).toMatch(/^Only 71 training samples/);
    expect(reasons.ranch_house).toBeNull();
    expect(plans.some((p) => p.slot === 'global')).toBe(false);
  });

  it('needs 5 training positives and a positive test sample', () => {
    const few = Uint8Array.from(labels);
    // Keep only 4 positives among the global model's training rows.
    let kept = 0;
    for (const r of split.train) {
      if (few[r] === 1 && ++kept > 4) few[r] = 0;
    }
    const [g] = planSlots(table, few, split, { global: true, perHomeType: false });
    expect(g?.insufficient).toBe('Only 4 positive training samples; at least 5 are needed.');
    const noTest = Uint8Array.from(labels);
    for (const r of split.test) noTest[r] = 0;
    const [h] = planSlots(table, noTest, split, { global: true, perHomeType: false });
    expect(h?.insufficient).toMatch(/No positive test samples/);
  });
});
