// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { result, withoutThresholdFields } from './compare-fixtures';
import { ThresholdView } from './ThresholdView';

afterEach(cleanup);

const matrixCells = () =>
  within(screen.getByRole('table', { name: 'Confusion matrix' }))
    .getAllByRole('cell')
    .map((c) => c.textContent)
    .filter((t) => t !== '');

describe('threshold view', () => {
  it('starts at the chosen threshold, says how it was chosen and what it did on validation, and resets after a move', () => {
    const slot = result('global', 'trees', {
      threshold: 0.375,
      thresholdRule: { kind: 'target-recall', recall: 0.8 },
      thresholdValidation: { precision: 0.61, recall: 0.82, f1: 0.7, falseAlarmsPer100DeviceMonths: 3.25, note: null },
    });
    render(<ThresholdView slot={slot} />);
    const slider = screen.getByLabelText(/Decision threshold/);
    expect(screen.getByText(/Decision threshold: 0\.375 \(chosen on validation devices\)/)).toBeTruthy();
    expect(screen.getByText(/recall ≥ 0\.8 on validation devices/)).toBeTruthy();
    expect(
      screen.getByText(/precision 0\.610, recall 0\.820, F1 0\.700, 3\.3 false alarms per 100 devices per 30 days/),
    ).toBeTruthy();
    expect(screen.getByText(/0\.400 at the fixed 0\.5/)).toBeTruthy();
    // Scores 0.9, 0.35, 0.4, 0.1 with labels 1, 0, 1, 0: at 0.375 both positives are caught, no false alarm.
    expect(matrixCells()).toEqual(['2', '0', '0', '2']);
    const reset = screen.getByRole('button', { name: 'Reset to chosen threshold' });
    expect((reset as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(slider, { target: { value: '0.2' } });
    expect(matrixCells()).toEqual(['2', '0', '1', '1']);
    expect((reset as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(reset);
    expect(matrixCells()).toEqual(['2', '0', '0', '2']);
    expect(screen.getByText(/Decision threshold: 0\.375/)).toBeTruthy();
  });

  it('shows the baselines with the stump feature, and the rule note when the rule could not be met', () => {
    const slot = result('global', 'network', {
      thresholdRule: { kind: 'alert-budget', falseAlarms: 0 },
      thresholdValidation: {
        precision: Number.NaN,
        recall: 0,
        f1: 0,
        falseAlarmsPer100DeviceMonths: 0,
        note: 'The budget allows no alert on the validation devices: the model never alerts.',
      },
    });
    render(<ThresholdView slot={slot} />);
    expect(screen.getByRole('note').textContent).toContain('the model never alerts');
    const baselines = screen.getByRole('table', { name: 'Baselines on the same test devices' });
    expect(
      within(baselines).getByRole('rowheader', { name: /stump \(battery_level_last ≤ -1\.2 \(standardised\)\)/ }),
    ).toBeTruthy();
    expect(within(baselines).getAllByRole('row')).toHaveLength(1 + 4);
  });

  it('says when a run predates validation-chosen thresholds', () => {
    render(<ThresholdView slot={withoutThresholdFields(result('global', undefined, { threshold: 0.5 }))} />);
    expect(screen.getByText(/fixed at 0\.5.*predates validation-chosen thresholds/)).toBeTruthy();
  });
});
