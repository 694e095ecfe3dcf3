// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { result } from './compare-fixtures';
import { ThresholdView } from './ThresholdView';

afterEach(cleanup);

/**
 * Ten test samples, four failing. At the chosen 0.5: 2 caught, 2 missed, 2 false alarms, 4 quiet.
 * Scenarios of the failing ones: progressive, sudden, sudden, battery depletion.
 */
const slot = result('global', 'network', {
  threshold: 0.5,
  test: {
    labels: Uint8Array.of(1, 1, 1, 1, 0, 0, 0, 0, 0, 0),
    scores: Float32Array.of(0.9, 0.7, 0.45, 0.2, 0.8, 0.4, 0.35, 0.1, 0.05, 0.6),
    scenario: Int8Array.of(0, 1, 1, 3, -1, -1, -1, -1, -1, -1),
    homeType: new Uint8Array(10),
  },
});

const slider = () => screen.getByRole('slider', { name: /^Decision threshold/ });
const move = (value: string) => fireEvent.change(slider(), { target: { value } });
const reset = () => screen.getByRole('button', { name: 'Reset to chosen threshold' });

/** [tp, fn, fp, tn] as the matrix shows them (rows: fails, healthy; columns: predicted fail, predicted healthy). */
function matrix(): string[] {
  const t = screen.getByRole('table', { name: 'Confusion matrix' });
  return within(t)
    .getAllByRole('row')
    .slice(1)
    .flatMap((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent ?? ''),
    );
}
/** Row header → first value cell of a two-column table. */
function byRow(name: string): Record<string, string> {
  const t = screen.getByRole('table', { name });
  return Object.fromEntries(
    within(t)
      .getAllByRole('row')
      .map((r) => [within(r).getByRole('rowheader').textContent, within(r).getAllByRole('cell')[0]?.textContent ?? '']),
  );
}
const atThreshold = () => byRow('Metrics at the threshold');
const scenarioRecall = () => byRow('Recall per failure scenario');

describe('Compare › threshold control', () => {
  it('starts at the chosen threshold with its matrix, metrics and recall per scenario', () => {
    render(<ThresholdView slot={slot} />);
    expect(slider()).toHaveProperty('value', '0.5');
    expect(screen.getByText('Decision threshold: 0.500 (chosen on validation devices)')).toBeTruthy();
    expect(screen.getByText('Confusion matrix at 0.500')).toBeTruthy();
    expect(matrix()).toEqual(['2', '2', '2', '4']);
    expect(atThreshold()).toEqual({ Accuracy: '0.600', Precision: '0.500', Recall: '0.500', F1: '0.500' });
    expect(scenarioRecall()).toEqual({ progressive: '1.000', sudden: '0.500', 'battery depletion': '0.000' });
    expect(reset()).toHaveProperty('disabled', true);
  });

  it('moving the threshold down catches more failures at the cost of false alarms, everywhere at once', () => {
    render(<ThresholdView slot={slot} />);
    move('0.3');
    expect(screen.getByText('Decision threshold: 0.300')).toBeTruthy();
    expect(screen.queryByText(/chosen on validation devices\)/)).toBeNull();
    expect(screen.getByText('Confusion matrix at 0.300')).toBeTruthy();
    expect(matrix()).toEqual(['3', '1', '4', '2']);
    expect(atThreshold()).toEqual({ Accuracy: '0.500', Precision: '0.429', Recall: '0.750', F1: '0.545' });
    expect(scenarioRecall()).toEqual({ progressive: '1.000', sudden: '1.000', 'battery depletion': '0.000' });

    move('0.15');
    expect(matrix()).toEqual(['4', '0', '4', '2']);
    expect(scenarioRecall()['battery depletion']).toBe('1.000');
    expect(atThreshold().Recall).toBe('1.000');
  });

  it('at the top of the range nothing is flagged', () => {
    render(<ThresholdView slot={slot} />);
    move('0.999');
    expect(matrix()).toEqual(['0', '4', '0', '6']);
    expect(atThreshold()).toEqual({ Accuracy: '0.600', Precision: '0.000', Recall: '0.000', F1: '0.000' });
  });

  it('reset returns every number to the chosen threshold and disables itself', () => {
    render(<ThresholdView slot={slot} />);
    move('0.2');
    move('0.85');
    expect(matrix()).toEqual(['1', '3', '0', '6']);
    expect(reset()).toHaveProperty('disabled', false);

    fireEvent.click(reset());
    expect(slider()).toHaveProperty('value', '0.5');
    expect(screen.getByText('Decision threshold: 0.500 (chosen on validation devices)')).toBeTruthy();
    expect(matrix()).toEqual(['2', '2', '2', '4']);
    expect(atThreshold()).toEqual({ Accuracy: '0.600', Precision: '0.500', Recall: '0.500', F1: '0.500' });
    expect(scenarioRecall().sudden).toBe('0.500');
    expect(reset()).toHaveProperty('disabled', true);
  });

  it('sliding back onto the chosen value counts as not moved', () => {
    render(<ThresholdView slot={slot} />);
    move('0.4');
    expect(reset()).toHaveProperty('disabled', false);
    move('0.5');
    expect(reset()).toHaveProperty('disabled', true);
    expect(screen.getByText('Decision threshold: 0.500 (chosen on validation devices)')).toBeTruthy();
  });

  it('shows large counts with thousands separators', () => {
    const n = 3000;
    const labels = Uint8Array.from({ length: n }, (_, i) => (i < 1200 ? 1 : 0));
    const scores = Float32Array.from({ length: n }, (_, i) => (i < 1000 ? 0.9 : i < 1200 ? 0.1 : i < 1500 ? 0.8 : 0.2));
    render(
      <ThresholdView
        slot={result('global', 'trees', {
          threshold: 0.5,
          test: { labels, scores, scenario: new Int8Array(n).fill(-1), homeType: new Uint8Array(n) },
        })}
      />,
    );
    expect(matrix()).toEqual(['1,000', '200', '300', '1,500']);
  });

  it('says so when the model has no stored test predictions', () => {
    render(<ThresholdView slot={result('global', 'network', { test: null })} />);
    expect(screen.getByText('This model has no stored test predictions.')).toBeTruthy();
    expect(screen.queryByRole('slider')).toBeNull();
  });
});
