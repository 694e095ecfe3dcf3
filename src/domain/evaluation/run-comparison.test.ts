import { describe, expect, it } from 'vitest';
import {
  comparableRun,
  differingSettings,
  flattenSettings,
  groupBySettingsExceptSeed,
  isSeedKey,
  meanInterval,
  metricKeys,
  studentTCdf,
  studentTQuantile,
  type ComparableRun,
} from './run-comparison';

function run(
  id: string,
  generator: Record<string, unknown>,
  training: Record<string, unknown>,
  metrics: Record<string, number> = {},
): ComparableRun {
  return { id, name: `Run ${id}`, settings: { generator, training }, metrics };
}

describe('studentTQuantile', () => {
  it('matches tabulated two-sided 95 % values', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062047, 5);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.3026527, 6);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.1824463, 6);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764451, 6);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.2621572, 6);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0422725, 6);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032143, 6);
    expect(studentTQuantile(0.95, 10)).toBeCloseTo(1.8124611, 6);
  });

  it('is symmetric, tends to the normal quantile, and handles the ends', () => {
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.7764451, 6);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 5);
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.959964, 6);
    expect(studentTQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1.2, 3)).toBeNaN();
    expect(studentTQuantile(0.9, 0)).toBeNaN();
  });

  it('inverts the CDF, also for non-integer degrees of freedom', () => {
    for (const df of [1, 2.5, 3, 7, 20]) {
      for (const p of [0.6, 0.9, 0.975, 0.999]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
    }
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(-2.0150484, 5)).toBeCloseTo(0.05, 7);
  });
});

describe('flattenSettings and isSeedKey', () => {
  it('turns nested objects into dotted keys and leaves arrays and scalars as stable JSON', () => {
    const flat = flattenSettings('training', {
      network: { learningRate: 0.01, hiddenUnits: [64, 32], seed: 3 },
      label: 'horizon',
      negativesPerPositive: null,
      rule: [{ b: 1, a: 2 }],
      skipped: undefined,
      empty: {},
    });
    expect(Object.fromEntries(flat)).toEqual({
      'training.empty': '{}',
      'training.label': '"horizon"',
      'training.negativesPerPositive': 'null',
      'training.network.hiddenUnits': '[64,32]',
      'training.network.learningRate': '0.01',
      'training.network.seed': '3',
      'training.rule': '[{"a":2,"b":1}]',
    });
    expect(flattenSettings('', { a: { b: 1 } }).get('a.b')).toBe('1');
    expect(flattenSettings('x', 5).get('x')).toBe('5');
    expect(flattenSettings('x', Number.NaN).get('x')).toBe('NaN');
  });

  it('recognises seed keys by their last segment', () => {
    expect(isSeedKey('generator.seed')).toBe(true);
    expect(isSeedKey('training.network.seed')).toBe(true);
    expect(isSeedKey('training.trees.seed')).toBe(true);
    expect(isSeedKey('seed')).toBe(true);
    expect(isSeedKey('training.seeds')).toBe(false);
    expect(isSeedKey('generator.seedCount')).toBe(false);
  });
});

describe('differingSettings', () => {
  it('keeps only keys whose values differ, generator first, and marks missing values and seeds', () => {
    const runs = [
      run('a', { kind: 'temporal', seed: 1, homes: 100 }, { network: { learningRate: 0.01, seed: 1 }, split: 'time' }),
      run(
        'b',
        { kind: 'temporal', seed: 2, homes: 100 },
        { network: { learningRate: 0.001, seed: 1 }, split: 'time', extra: true },
      ),
    ];
    expect(differingSettings(runs)).toEqual([
      { key: 'generator.seed', values: ['1', '2'], seed: true },
      { key: 'training.extra', values: ['—', 'true'], seed: false },
      { key: 'training.network.learningRate', values: ['0.01', '0.001'], seed: false },
    ]);
  });

  it('is empty when every setting is shared (or for a single run)', () => {
    const a = run('a', { kind: 'classic', seed: 1 }, { label: 'injected' });
    expect(differingSettings([a, { ...a, id: 'b' }])).toEqual([]);
    expect(differingSettings([a])).toEqual([]);
    expect(differingSettings([])).toEqual([]);
  });
});

describe('groupBySettingsExceptSeed', () => {
  const m = (pr: number, f1?: number): Record<string, number> => ({
    'global · network · PR-AUC': pr,
    ...(f1 === undefined ? {} : { 'global · network · F1': f1 }),
  });

  it('groups runs that differ only in seeds and gives mean ± Student-t interval', () => {
    const runs = [
      run(
        'a',
        { kind: 'temporal', seed: 1 },
        { network: { learningRate: 0.01, seed: 1 }, trees: { seed: 5 } },
        m(0.5, 0.4),
      ),
      run('b', { kind: 'temporal', seed: 2 }, { network: { learningRate: 0.01, seed: 9 }, trees: { seed: 6 } }, m(0.6)),
      run(
        'c',
        { kind: 'temporal', seed: 3 },
        { network: { learningRate: 0.001, seed: 1 }, trees: { seed: 5 } },
        m(0.7, 0.2),
      ),
      run(
        'd',
        { kind: 'temporal', seed: 4 },
        { network: { learningRate: 0.01, seed: 2 }, trees: { seed: 7 } },
        m(0.7, 0.6),
      ),
    ];
    const groups = groupBySettingsExceptSeed(runs);
    expect(groups.map((g) => g.runIds)).toEqual([['a', 'b', 'd'], ['c']]);
    expect(groups.map((g) => g.label)).toEqual([
      'training.network.learningRate = 0.01',
      'training.network.learningRate = 0.001',
    ]);

    const pr = groups[0]?.metrics['global · network · PR-AUC'];
    // mean 0.6, sd 0.1, n 3: half-width t(0.975, 2) · 0.1 / √3 = 0.248414
    expect(pr?.n).toBe(3);
    expect(pr?.values).toEqual([0.5, 0.6, 0.7]);
    expect(pr?.mean).toBeCloseTo(0.6, 12);
    expect(pr?.low).toBeCloseTo(0.6 - 0.2484138, 6);
    expect(pr?.high).toBeCloseTo(0.6 + 0.2484138, 6);

    // F1 is missing in run b: skipped for it.
    const f1 = groups[0]?.metrics['global · network · F1'];
    expect(f1?.n).toBe(2);
    expect(f1?.mean).toBeCloseTo(0.5, 12);
    // sd = 0.1414214, half = 12.7062 · 0.1414214 / √2 = 1.270620
    expect(f1?.high).toBeCloseTo(0.5 + 1.2706205, 5);

    const single = groups[1]?.metrics['global · network · PR-AUC'];
    expect(single?.n).toBe(1);
    expect(single?.mean).toBe(0.7);
    expect(single?.low).toBeNaN();
    expect(single?.high).toBeNaN();
  });

  it('puts everything in one group when only seeds differ, and honours the level', () => {
    const runs = [
      run('a', { seed: 1 }, { network: { seed: 1 } }, m(0.5)),
      run('b', { seed: 2 }, { network: { seed: 2 } }, m(0.7)),
    ];
    const [g] = groupBySettingsExceptSeed(runs, 0.9);
    expect(g?.runIds).toEqual(['a', 'b']);
    expect(g?.label).toBe('all runs');
    // t(0.95, 1) = 6.313752, sd = 0.1414214, half = 6.313752 · 0.1
    expect(g?.metrics['global · network · PR-AUC']?.high).toBeCloseTo(0.6 + 0.6313752, 6);
    expect(() => groupBySettingsExceptSeed(runs, 1)).toThrow(RangeError);
  });

  it('skips non-finite metric values', () => {
    expect(meanInterval([0.5, Number.NaN, 0.7]).n).toBe(2);
    expect(meanInterval([]).mean).toBeNaN();
    const runs = [run('a', {}, {}, { x: Number.NaN }), run('b', {}, {}, { x: 0.4 })];
    expect(groupBySettingsExceptSeed(runs)[0]?.metrics['x']).toMatchObject({ n: 1, mean: 0.4 });
  });
});

describe('comparableRun', () => {
  it('keys done slots by slot, family and metric, and puts the dataset kind with the generator spec', () => {
    const iv = (estimate: number) => ({ estimate, low: 0, high: 1 });
    const full = { prAuc: iv(0.6), rocAuc: iv(0.9), f1: iv(0.5), logLoss: iv(0.3), accuracy: iv(0.95) };
    const c = comparableRun({
      id: 'r',
      name: 'R',
      datasetManifest: { kind: 'temporal', spec: { seed: 4, homes: 10 } },
      config: { network: { seed: 1 }, label: 'horizon' },
      slots: [
        { slot: 'global', status: 'done', metrics: full },
        { slot: 'global', family: 'trees', status: 'done', metrics: { prAuc: iv(0.7) } },
        { slot: 'apartment', status: 'insufficient', metrics: full },
        { slot: 'house', status: 'done', metrics: null },
      ],
    });
    expect(c.settings).toEqual({
      generator: { kind: 'temporal', seed: 4, homes: 10 },
      training: { network: { seed: 1 }, label: 'horizon' },
    });
    expect(c.metrics).toEqual({
      'global · network · PR-AUC': 0.6,
      'global · network · ROC-AUC': 0.9,
      'global · network · F1': 0.5,
      'global · network · Log loss': 0.3,
      'global · trees · PR-AUC': 0.7,
    });
    expect(metricKeys([c])).toEqual(Object.keys(c.metrics));
  });
});
