import type { BootstrapInterval } from '../../domain/evaluation/bootstrap';
import type { MetricName } from '../../domain/evaluation/metric-labels';
import { metricSetFixture } from '../../domain/training/run-fixtures';
import type { MetricSet, ModelFamily, SlotKey, SlotResult } from '../../domain/training/run-types';
import { runFixture } from '../../storage/record-fixtures';
import type { RunRecord } from '../../workers/training.api';

/** A metric set whose estimates are given per metric (the rest 0.5), interval ±0.05. */
export function metrics(over: Partial<Record<MetricName, number>> = {}): MetricSet {
  const iv = (v: number): BootstrapInterval => ({
    estimate: v,
    low: v - 0.05,
    high: v + 0.05,
    level: 0.95,
    resamples: 100,
    valid: 100,
  });
  const base = metricSetFixture(iv(0.5));
  for (const [k, v] of Object.entries(over)) base[k as MetricName] = iv(v);
  return base;
}

/** The same result as a run made before validation-chosen thresholds would have stored it (no rule, validation, F1 at 0.5). */
export function withoutThresholdFields(s: SlotResult): SlotResult {
  const { thresholdRule: _rule, thresholdValidation: _validation, f1At05: _f1, ...rest } = s;
  return rest;
}

/** A finished result of one (slot, family) with baselines and test predictions. */
export function result(slot: SlotKey, family: ModelFamily | undefined, over: Partial<SlotResult> = {}): SlotResult {
  return {
    slot,
    ...(family === undefined ? {} : { family }),
    status: 'done',
    reason: null,
    counts: { train: 70, val: 10, test: 20, trainPositives: 7, testPositives: 4, trainGroups: 7, testGroups: 2 },
    baseRate: 0.2,
    history: [],
    bestEpoch: 0,
    trainMs: 1500,
    backend: family === 'trees' ? 'js' : 'cpu',
    modelId: `${family ?? 'network'}-${slot}`,
    threshold: family === 'trees' ? 0.31 : 0.42,
    thresholdRule: { kind: 'max-f1' },
    thresholdValidation: { precision: 0.6, recall: 0.7, f1: 0.646, falseAlarmsPer100DeviceMonths: null, note: null },
    f1At05: 0.4,
    metrics: metrics({ prAuc: family === 'trees' ? 0.7 : 0.6, f1: 0.65 }),
    baselines: {
      majority: metrics({ f1: 0, prAuc: 0.2 }),
      legacyRule: metrics({ f1: 0.3, prAuc: 0.25 }),
      logistic: metrics({ f1: 0.5, prAuc: 0.45 }),
      stump: metrics({ f1: 0.55, prAuc: 0.4 }),
      stumpFeature: 'battery_level_last ≤ -1.2 (standardised)',
    },
    test: {
      labels: Uint8Array.of(1, 0, 1, 0),
      scores: Float32Array.of(0.9, 0.35, 0.4, 0.1),
      scenario: Int8Array.of(0, -1, 3, -1),
      homeType: Uint8Array.of(0, 0, 0, 0),
    },
    scenarioRecall: [],
    ...over,
  };
}

/** A two-family run whose results arrive out of order (trees of a slot before its network). */
export function twoFamilyRun(over: Partial<RunRecord> = {}): RunRecord {
  const base = runFixture();
  return runFixture({
    config: { ...base.config, families: ['network', 'trees'] },
    slots: [
      result('apartment', 'trees'),
      result('global', 'network'),
      result('apartment', 'network'),
      result('global', 'trees'),
    ],
    ...over,
  });
}
