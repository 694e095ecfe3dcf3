// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BootstrapInterval } from '../../domain/evaluation/bootstrap';
import type { ReliabilityBin } from '../../domain/evaluation/calibration-reliability';
import type { EventMetrics } from '../../domain/evaluation/event-metrics';
import type { ModelEvaluation, RunEvaluation } from '../../workers/evaluation.api';
import { ModelEvaluationDetail } from './ModelEvaluationDetail';

afterEach(cleanup);

const interval = (estimate: number): BootstrapInterval => ({
  estimate,
  low: estimate / 2,
  high: estimate * 2,
  level: 0.95,
  resamples: 100,
  valid: 100,
});
const bins = (rate: number): ReliabilityBin[] => [
  { lower: 0, upper: 0.1, count: 10, meanScore: 0.05, positiveRate: rate },
];

function metrics(): EventMetrics {
  return {
    failingDevices: 4,
    caught: 3,
    recall: 0.75,
    episodes: 5,
    trueEpisodes: 3,
    episodePrecision: 0.6,
    falseAlarms: 2,
    healthyDeviceMonths: 40,
    falseAlarmsPer100DeviceMonths: 5,
    leadTimesDays: [1, 3, 6],
    medianLeadTimeDays: 3,
    unobservedFailures: 0,
    missed: 1,
    falseEpisodesAll: 2,
    byScenario: [
      { scenario: 0, failing: 3, caught: 3, recall: 1, medianLeadTimeDays: 3 },
      { scenario: 1, failing: 1, caught: 0, recall: 0, medianLeadTimeDays: Number.NaN },
    ],
  };
}

function model(key: string, calibrated: boolean): ModelEvaluation {
  const m = metrics();
  return {
    key,
    slot: 'global',
    family: key.startsWith('trees') ? 'trees' : 'network',
    threshold: 0.3,
    thresholds: null,
    thresholdSource: 'highest F1 on validation devices',
    note: null,
    events: {
      metrics: m,
      intervals: {
        recall: interval(0.75),
        episodePrecision: interval(0.6),
        falseAlarmsPer100DeviceMonths: interval(5),
        medianLeadTimeDays: interval(3),
      },
      cost: null,
      curve: [
        {
          threshold: 0.3,
          recall: 0.75,
          falseAlarmsPer100DeviceMonths: 5,
          medianLeadTimeDays: 3,
          episodePrecision: 0.6,
          falseEpisodesAll: 2,
          missed: 1,
        },
      ],
      validation: null,
    },
    calibration: {
      method: calibrated ? 'platt' : 'none',
      raw: { ece: interval(0.125), bins: bins(0.2) },
      calibrated: calibrated ? { ece: interval(0.0625), bins: bins(0.06) } : null,
    },
  };
}

const evaluation: RunEvaluation = {
  runId: 'r',
  settings: { objective: null, scope: 'global', resamples: 100 },
  models: [model('global', true), model('trees:global', false)],
  slots: [],
  computeMs: 5,
};

describe('one model in depth: alerts and calibration', () => {
  it('switches the reliability view between calibrated and raw scores, each with its own ECE', () => {
    render(<ModelEvaluationDetail evaluation={evaluation} />);
    expect(screen.getByRole('figure', { name: 'Reliability diagram (calibrated scores; ECE 0.063)' })).toBeTruthy();
    expect(screen.getByText(/0\.125 \[0\.063, 0\.250\]/)).toBeTruthy();
    const toggle = screen.getByRole('checkbox', { name: 'Calibrated scores' });
    fireEvent.click(toggle);
    expect(screen.getByRole('figure', { name: 'Reliability diagram (uncalibrated scores; ECE 0.125)' })).toBeTruthy();
    fireEvent.click(toggle);
    expect(screen.getByRole('figure', { name: /calibrated scores; ECE 0\.063/ })).toBeTruthy();
  });

  it('offers no calibrated view for an uncalibrated model, and lists failures caught per scenario', () => {
    render(<ModelEvaluationDetail evaluation={evaluation} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Model to inspect' }), { target: { value: 'trees:global' } });
    const toggle = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Calibrated scores' });
    expect(toggle.disabled).toBe(true);
    expect(screen.getByRole('figure', { name: 'Reliability diagram (uncalibrated scores; ECE 0.125)' })).toBeTruthy();
    const rows = within(screen.getByRole('table', { name: 'Failures caught per scenario' })).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Failure scenarioFailing devicesCaughtRecallMedian lead time (days)',
      'progressive331.0003.0',
      'sudden100.000—',
    ]);
    expect(
      screen.getByText(/min 1\.0 · quartile 2\.0 · median 3\.0 · quartile 4\.5 · max 6\.0 days over 3 caught devices/),
    ).toBeTruthy();
  });
});
