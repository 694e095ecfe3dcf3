import { describe, expect, it } from 'vitest';
import type { HomeTypeResult } from './comparison-format';
import {
  buildComparisonResults,
  parseComparisonResults,
  serializeComparisonResults,
  summarizeComparison,
} from './comparison-format';

const at = '2025-12-01T10:00:00+00:00';
const results: HomeTypeResult[] = [
  {
    homeType: 'studio',
    sampleCount: 200,
    performance: { accuracy: 0.975, precision: 1, recall: 0.833, f1: 0.909, evaluatedAt: at },
    metadata: { version: '1.0.1' },
  },
  {
    homeType: 'single_family_house',
    sampleCount: 3500,
    performance: { accuracy: 0.996, precision: 1, recall: 0.972, f1: 0.986, evaluatedAt: at },
    metadata: { version: '1.0.1' },
  },
  { homeType: 'condo', sampleCount: 60, performance: null, metadata: {} },
];

describe('buildComparisonResults', () => {
  it('writes exactly the original keys, keyed by home type in the original order', () => {
    const out = buildComparisonResults(results);
    expect(Object.keys(out)).toEqual(['single_family_house', 'condo', 'studio']);
    expect(out.studio).toEqual({
      home_type: 'studio',
      sample_count: 200,
      model_performance: { accuracy: 0.975, precision: 1, recall: 0.833, f1_score: 0.909, evaluated_at: at },
      model_metadata: { version: '1.0.1' },
    });
    expect(Object.keys(out.studio ?? {})).toEqual(['home_type', 'sample_count', 'model_performance', 'model_metadata']);
    expect(out.condo?.model_performance).toEqual({});
  });

  it('round-trips through JSON and the schema', () => {
    const text = serializeComparisonResults(buildComparisonResults(results));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "single_family_house": {\n    "home_type": "single_family_house",');
    expect(parseComparisonResults(JSON.parse(text))).toEqual(buildComparisonResults(results));
  });

  it('rejects duplicates, non-finite metrics and malformed files', () => {
    expect(() => buildComparisonResults([results[0] as HomeTypeResult, results[0] as HomeTypeResult])).toThrow(/twice/);
    const nan: HomeTypeResult = {
      homeType: 'cottage',
      sampleCount: 5,
      performance: { accuracy: Number.NaN, precision: 0, recall: 0, f1: 0, evaluatedAt: at },
      metadata: {},
    };
    expect(() => buildComparisonResults([nan])).toThrow(/accuracy is NaN/);
    expect(() =>
      parseComparisonResults({
        studio: { home_type: 'condo', sample_count: 1, model_performance: {}, model_metadata: {} },
      }),
    ).toThrow();
    expect(() =>
      parseComparisonResults({
        studio: { home_type: 'studio', sample_count: 1, model_performance: {}, model_metadata: {}, extra: 1 },
      }),
    ).toThrow();
    expect(() => parseComparisonResults({ villa: {} })).toThrow();
  });
});

describe('summarizeComparison', () => {
  it('ranks by accuracy and takes plain means over trained types', () => {
    const s = summarizeComparison(buildComparisonResults(results));
    expect(s.ranking.map((r) => r.homeType)).toEqual(['single_family_house', 'studio']);
    expect(s.best).toBe('single_family_house');
    expect(s.worst).toBe('studio');
    expect(s.means.accuracy).toBeCloseTo((0.996 + 0.975) / 2, 12);
    expect(s.means.f1).toBeCloseTo((0.986 + 0.909) / 2, 12);
    expect(summarizeComparison({})).toMatchObject({ best: null, worst: null });
  });
});
