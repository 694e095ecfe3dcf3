import { describe, expect, it } from 'vitest';
import { parseComparisonResults } from '../../domain/evaluation/comparison-format';
import { runFixture } from '../../storage/record-fixtures';
import { metrics, result, twoFamilyRun, withoutThresholdFields } from './compare-fixtures';
import { comparisonColumns } from './comparison-columns';
import { comparisonResultsOf } from './comparison-export';
import {
  bestBaseline,
  COMPARISON_CSV_COLUMNS,
  comparisonCsvRows,
  comparisonRows,
  orderedResults,
  resultLabel,
  shortRuleLabel,
} from './comparison-rows';

describe('comparison rows', () => {
  it('has one row per (slot, family), keyed like the stored predictions, the families of a slot side by side', () => {
    const rows = comparisonRows(twoFamilyRun());
    expect(rows.map((r) => r.key)).toEqual(['apartment', 'trees:apartment', 'global', 'trees:global']);
    expect(rows.map((r) => [r.model, r.family])).toEqual([
      ['apartment', 'network'],
      ['apartment', 'boosted trees'],
      ['global', 'network'],
      ['global', 'boosted trees'],
    ]);
    expect(resultLabel(orderedResults(twoFamilyRun())[1] ?? result('global', 'trees'))).toBe(
      'apartment · boosted trees',
    );
  });

  it('treats results without a family (older runs) as networks', () => {
    const rows = comparisonRows(runFixture({ slots: [result('global', undefined)] }));
    expect(rows[0]).toMatchObject({ key: 'global', family: 'network' });
  });

  it('shows the chosen threshold, its rule, F1 at 0.5, every baseline and the lift over the best baseline', () => {
    const row = comparisonRows(twoFamilyRun())[1] ?? {};
    expect(row).toMatchObject({
      threshold: 0.31,
      thresholdRule: 'max F1',
      f1At05: 0.4,
      f1Stump: 0.55,
      f1Logistic: 0.5,
      f1Legacy: 0.3,
      f1Majority: 0,
    });
    expect(row).toMatchObject({
      prAucLogistic: 0.45,
      prAucStump: 0.4,
      stumpFeature: 'battery_level_last ≤ -1.2 (standardised)',
    });
    // Best baseline by PR-AUC is the logistic (0.45), by F1 the stump (0.55).
    expect(row.bestBaselinePrAuc).toBe('logistic');
    expect(row.liftPrAuc).toBeCloseTo(0.7 - 0.45, 12);
    expect(row.bestBaselineF1).toBe('stump');
    expect(row.liftF1).toBeCloseTo(0.65 - 0.55, 12);
  });

  it('leaves the threshold and lift empty for a slot that could not train, and tolerates runs without a stump', () => {
    const insufficient = withoutThresholdFields(
      result('studio', 'trees', { status: 'insufficient', metrics: null, baselines: null }),
    );
    const noStump = result('global', 'network', {
      baselines: {
        majority: metrics({ prAuc: 0.2 }),
        legacyRule: metrics({ prAuc: 0.3 }),
        logistic: metrics({ prAuc: 0.35 }),
      },
    });
    const [a, b] = comparisonRows(runFixture({ slots: [insufficient, noStump] }));
    expect(a).toMatchObject({ threshold: null, liftF1: null, liftPrAuc: null, f1At05: null, f1Stump: null });
    expect(b).toMatchObject({ f1Stump: null, prAucStump: null, stumpFeature: null });
    expect(bestBaseline(noStump, 'prAuc')).toEqual({ name: 'logistic', value: 0.35 });
  });

  it('labels each rule briefly', () => {
    expect(shortRuleLabel({ kind: 'max-f1' })).toBe('max F1');
    expect(shortRuleLabel({ kind: 'target-recall', recall: 0.8 })).toBe('recall ≥ 0.8');
    expect(shortRuleLabel({ kind: 'alert-budget', falseAlarms: 5 })).toBe('≤ 5 false alarms');
    expect(shortRuleLabel({ kind: 'fixed', threshold: 0.5 })).toBe('fixed');
  });
});

describe('comparison columns', () => {
  it('lead with PR-AUC after the counts, end the metrics with accuracy, and name the new columns', () => {
    const ids = comparisonColumns(twoFamilyRun()).map((c) => c.id);
    expect(ids.slice(0, 14)).toEqual([
      'model',
      'family',
      'status',
      'trainSamples',
      'testSamples',
      'testPositives',
      'baseRate',
      'prAuc',
      'f1',
      'precision',
      'recall',
      'rocAuc',
      'logLoss',
      'accuracy',
    ]);
    expect(ids).toEqual(
      expect.arrayContaining([
        'threshold',
        'f1At05',
        'f1Stump',
        'f1Logistic',
        'f1Legacy',
        'f1Majority',
        'prAucLogistic',
        'prAucStump',
        'liftPrAuc',
        'liftF1',
      ]),
    );
  });

  it('formats the metric of the right family and the threshold with its rule', () => {
    const run = twoFamilyRun();
    const cols = comparisonColumns(run);
    const [, trees] = comparisonRows(run);
    if (!trees) throw new Error('no row');
    const prAuc = cols.find((c) => c.id === 'prAuc');
    const threshold = cols.find((c) => c.id === 'threshold');
    expect(prAuc?.format?.(trees.prAuc ?? null, trees)).toBe('0.700 [0.650, 0.750]');
    expect(threshold?.format?.(trees.threshold ?? null, trees)).toBe('0.310 (max F1)');
  });
});

describe('comparison CSV', () => {
  it('has a family column, the threshold with the full rule text, F1 at 0.5, baselines and intervals', () => {
    const rows = comparisonCsvRows(twoFamilyRun());
    expect(rows).toHaveLength(4);
    const col = (name: (typeof COMPARISON_CSV_COLUMNS)[number]) => COMPARISON_CSV_COLUMNS.indexOf(name);
    const trees = rows[1] ?? [];
    expect(trees[col('model')]).toBe('apartment');
    expect(trees[col('family')]).toBe('boosted trees');
    expect(trees[col('threshold')]).toBe(0.31);
    expect(trees[col('thresholdRule')]).toBe('highest F1 on validation devices');
    expect(trees[col('f1At05')]).toBe(0.4);
    expect(trees[col('f1Stump')]).toBe(0.55);
    expect(trees[col('prAucLogistic')]).toBe(0.45);
    expect(trees[col('prAucLow')]).toBeCloseTo(0.65, 12);
    expect(trees[col('stumpFeature')]).toBe('battery_level_last ≤ -1.2 (standardised)');
  });
});

describe('comparison_results.json', () => {
  it('keeps one entry per home type: the first family as model_performance, every family in model_metadata', () => {
    const run = twoFamilyRun({ config: { ...twoFamilyRun().config, families: ['trees', 'network'] } });
    const results = parseComparisonResults(JSON.parse(JSON.stringify(comparisonResultsOf(run))));
    expect(Object.keys(results)).toEqual(['apartment']);
    const entry = results.apartment;
    expect(entry?.sample_count).toBe(100);
    expect(entry?.model_performance).toMatchObject({ f1_score: 0.65, precision: 0.5 });
    const meta = entry?.model_metadata as {
      model_family: string;
      threshold: number;
      families: Record<string, Record<string, unknown>>;
    };
    expect(meta.model_family).toBe('trees');
    expect(meta.threshold).toBe(0.31);
    expect(Object.keys(meta.families).sort()).toEqual(['network', 'trees']);
    expect(meta.families.network).toMatchObject({
      threshold: 0.42,
      threshold_rule: { kind: 'max-f1' },
      f1_at_0_5: 0.4,
      threshold_rule_text: 'highest F1 on validation devices',
    });
    expect(meta.families.trees).toMatchObject({
      metrics: { prAuc: { estimate: 0.7 } },
      baselines: { stump_feature: 'battery_level_last ≤ -1.2 (standardised)', logistic: { f1: { estimate: 0.5 } } },
    });
  });

  it('writes an empty model_performance for a home type that could not train', () => {
    const run = runFixture({ slots: [result('studio', 'network', { status: 'insufficient', metrics: null })] });
    expect(comparisonResultsOf(run).studio?.model_performance).toEqual({});
  });
});
