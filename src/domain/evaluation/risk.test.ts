import { describe, expect, it } from 'vitest';
import { pythonRound } from './python-round';
import {
  RECOMMENDATIONS,
  modelPrediction,
  originalFeatureVector,
  recommendations,
  riskLevel,
  ruleBasedPrediction,
} from './risk';

describe('riskLevel', () => {
  it('keeps the original test values', () => {
    expect([0.9, 0.7, 0.5, 0.3, 0.1].map(riskLevel)).toEqual(['critical', 'high', 'medium', 'low', 'minimal']);
  });

  it('puts each exact boundary in the higher band', () => {
    expect([0.8, 0.6, 0.4, 0.2].map(riskLevel)).toEqual(['critical', 'high', 'medium', 'low']);
    expect([0.7999999, 0.5999999, 0.3999999, 0.1999999].map(riskLevel)).toEqual(['high', 'medium', 'low', 'minimal']);
    expect([1, 0, Number.NaN].map(riskLevel)).toEqual(['critical', 'minimal', 'minimal']);
  });
});

describe('recommendations', () => {
  it('lists every triggered recommendation in the original order', () => {
    const all = recommendations(
      0.61,
      { battery_level: 19, error_rate: 0.11, signal_strength: -71, response_time: 1001 },
      -0.51,
    );
    expect(all).toEqual([
      'Schedule immediate maintenance - high failure risk',
      'Replace or charge battery immediately',
      'Check device connectivity and configuration',
      'Reposition device for better signal strength',
      'Optimize device performance or consider replacement',
      'Device showing unusual behavior - investigate',
    ]);
  });

  it('uses strict comparisons and defaults for missing metrics', () => {
    const none = recommendations(
      0.6,
      { battery_level: 20, error_rate: 0.1, signal_strength: -70, response_time: 1000 },
      -0.5,
    );
    expect(none).toEqual(['Device operating normally - continue monitoring']);
    expect(recommendations(0.1, {}, 0)).toEqual([RECOMMENDATIONS.normal]);
  });
});

describe('ruleBasedPrediction', () => {
  it('scores a bad device like the original fallback and mentions battery and error', () => {
    const r = ruleBasedPrediction(
      'synthetic_device_0001',
      { error_rate: 0.2, battery_level: 10, response_time: 2500, signal_strength: -85, connection_drops: 11 },
      '2025-12-01T00:00:00Z',
    );
    expect(r).toEqual({
      device_id: 'synthetic_device_0001',
      failure_probability: 100,
      risk_level: 'critical',
      anomaly_score: 0,
      is_anomaly: true,
      confidence: 0.7,
      recommendations: [
        RECOMMENDATIONS.maintenance,
        RECOMMENDATIONS.battery,
        RECOMMENDATIONS.connectivity,
        RECOMMENDATIONS.signal,
        RECOMMENDATIONS.performance,
      ],
      predicted_at: '2025-12-01T00:00:00Z',
      model_version: 'rule-based',
    });
  });

  it('adds up partial scores', () => {
    const r = ruleBasedPrediction('d', { error_rate: 0.2, battery_level: 10 }, 't');
    expect(r.failure_probability).toBe(55);
    expect(r.risk_level).toBe('medium');
    expect(r.is_anomaly).toBe(true);
    const mild = ruleBasedPrediction('d', { signal_strength: -81, connection_drops: 12 }, 't');
    expect(mild.failure_probability).toBe(25);
    expect(mild.risk_level).toBe('low');
    expect(mild.is_anomaly).toBe(false);
    expect(mild.recommendations).toEqual([RECOMMENDATIONS.signal]);
    expect(ruleBasedPrediction('d', {}, 't')).toMatchObject({ failure_probability: 0, risk_level: 'minimal' });
  });
});

describe('modelPrediction', () => {
  it('rounds like Python and applies the confidence rule', () => {
    const r = modelPrediction({
      deviceId: 'x',
      probability: 0.123456,
      anomalyScore: -0.61234,
      isAnomaly: true,
      metrics: { battery_level: 80 },
      predictedAt: 't',
      modelVersion: '1.0.3',
    });
    expect(r.failure_probability).toBe(12.35);
    expect(r.anomaly_score).toBe(-0.612);
    expect(r.confidence).toBe(1); // 0.8 + 0.1 (p < 0.2) + 0.1 (|anomaly| > 0.5), capped
    expect(r.risk_level).toBe('minimal');
    expect(r.recommendations).toEqual([RECOMMENDATIONS.anomaly]);
    expect(r.model_version).toBe('1.0.3');
  });

  it('gives 0.8 confidence in the uncertain middle and 0.9 for a confident p', () => {
    const base = {
      deviceId: 'x',
      anomalyScore: 0.2,
      isAnomaly: false,
      metrics: {},
      predictedAt: 't',
      modelVersion: 'v',
    };
    const middle = modelPrediction({ ...base, probability: 0.5 });
    expect(middle.confidence).toBe(0.8);
    expect(middle.failure_probability).toBe(50);
    expect(modelPrediction({ ...base, probability: 0.9 }).confidence).toBe(0.9);
    expect(modelPrediction({ ...base, probability: 0.8 }).confidence).toBe(0.8);
  });
});

describe('pythonRound', () => {
  it('rounds exact ties to even and everything else to nearest, like Python', () => {
    expect(pythonRound(12.125, 2)).toBe(12.12);
    expect(pythonRound(12.375, 2)).toBe(12.38);
    expect(pythonRound(2.5)).toBe(2);
    expect(pythonRound(3.5)).toBe(4);
    expect(pythonRound(-2.5)).toBe(-2);
    expect(pythonRound(2.675, 2)).toBe(2.67); // binary value is below the tie
    expect(pythonRound(12.345, 2)).toBe(12.35); // binary value is above the tie
    expect(pythonRound(Number.NaN, 2)).toBeNaN();
  });
});

describe('originalFeatureVector', () => {
  it('converts like the original: numbers, booleans as ints, strings by length, else 0', () => {
    const v = originalFeatureVector({ response_time: 120, error_rate: '0.5', battery_level: true, humidity: null });
    expect(v).toHaveLength(11);
    expect([v[0], v[1], v[2], v[6], v[10]]).toEqual([120, 0.03, 1, 0, 0]);
  });
});
