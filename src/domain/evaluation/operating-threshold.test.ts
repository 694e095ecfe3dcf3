import { describe, expect, it } from 'vitest';
import {
  chooseThreshold,
  describeThresholdRule,
  observedDeviceMonths,
  thresholdRuleSchema,
} from './operating-threshold';

const DAY = 86_400_000;

describe('chooseThreshold', () => {
  // Scores descending: 0.9 (1), 0.8 (1), 0.7 (0), 0.6 (1), 0.4 (0), 0.2 (0), 0.1 (0).
  const labels = [1, 1, 0, 1, 0, 0, 0];
  const scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.2, 0.1];

  it('maximises F1 with the cut halfway to the next lower score', () => {
    // Cuts: top2 → F1 = 4/5 = 0.8; top4 → tp 3, fp 1 → F1 = 6/7 ≈ 0.857 (best); all → 6/10.
    const c = chooseThreshold(labels, scores, { kind: 'max-f1' });
    expect(c.threshold).toBeCloseTo(0.5, 12);
    expect(c.validation.f1).toBeCloseTo(6 / 7, 12);
    expect(c.validation.precision).toBeCloseTo(0.75, 12);
    expect(c.validation.recall).toBe(1);
    expect(c.note).toBeNull();
  });

  it('takes the highest threshold that reaches a target recall', () => {
    const c = chooseThreshold(labels, scores, { kind: 'target-recall', recall: 0.6 });
    // 2 of 3 positives (0.667 ≥ 0.6) are caught at the cut between 0.8 and 0.7.
    expect(c.threshold).toBeCloseTo(0.75, 12);
    expect(c.validation.recall).toBeCloseTo(2 / 3, 12);
  });

  it('keeps false alarms within the budget per 100 device-months', () => {
    // 10 device-months: a budget of 10 per 100 device-months allows 1 false alarm.
    const c = chooseThreshold(labels, scores, { kind: 'alert-budget', falseAlarms: 10 }, { deviceMonths: 10 });
    expect(c.threshold).toBeCloseTo(0.5, 12);
    expect(c.validation.falseAlarmsPer100DeviceMonths).toBeCloseTo(10, 12);
    // A budget of 0 allows no false alarm: stop above 0.7.
    const strict = chooseThreshold(labels, scores, { kind: 'alert-budget', falseAlarms: 0 }, { deviceMonths: 10 });
    expect(strict.threshold).toBeCloseTo(0.75, 12);
    expect(strict.validation.falseAlarmsPer100DeviceMonths).toBe(0);
  });

  it('says so when the budget allows no alert at all', () => {
    const c = chooseThreshold([0, 1], [0.9, 0.1], { kind: 'alert-budget', falseAlarms: 0 }, { deviceMonths: 1 });
    expect(c.threshold).toBeGreaterThan(0.9);
    expect(c.note).toMatch(/never alerts/);
  });

  it('keeps a fixed threshold and reports what it achieves', () => {
    const c = chooseThreshold(labels, scores, { kind: 'fixed', threshold: 0.5 });
    expect(c.threshold).toBe(0.5);
    expect(c.validation.f1).toBeCloseTo(6 / 7, 12);
  });

  it('refuses validation parts without a positive, and budgets without exposure', () => {
    expect(() => chooseThreshold([0, 0], [0.2, 0.3], { kind: 'max-f1' })).toThrow(/no positive/);
    expect(() => chooseThreshold(labels, scores, { kind: 'alert-budget', falseAlarms: 5 })).toThrow(/sample times/);
  });

  it('treats tied scores as one cut', () => {
    const c = chooseThreshold([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.1], { kind: 'max-f1' });
    expect(c.threshold).toBeCloseTo(0.3, 12);
    expect(c.validation.precision).toBeCloseTo(2 / 3, 12);
  });
});

describe('observedDeviceMonths', () => {
  it('counts each device’s samples times their spacing', () => {
    // Device 1: 3 samples 2 days apart → 6 days; device 2: 1 sample → 1 day. 7 days = 7/30 months.
    const months = observedDeviceMonths([1, 1, 1, 2], [0, 2 * DAY, 4 * DAY, 9 * DAY]);
    expect(months).toBeCloseTo(7 / 30, 12);
  });
});

describe('thresholdRuleSchema', () => {
  it('validates rules and describes them', () => {
    expect(thresholdRuleSchema.safeParse({ kind: 'target-recall', recall: 0 }).success).toBe(false);
    expect(thresholdRuleSchema.safeParse({ kind: 'alert-budget', falseAlarms: -1 }).success).toBe(false);
    expect(describeThresholdRule({ kind: 'alert-budget', falseAlarms: 5 })).toContain(
      '5 false alarms per 100 devices per 30 days',
    );
  });
});
