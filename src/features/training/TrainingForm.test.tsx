// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ComponentProps } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { TrainingForm } from './TrainingForm';

type Props = ComponentProps<typeof TrainingForm>;
type Dataset = Props['datasets'][number];
type Config = Parameters<Props['onStart']>[2];

afterEach(cleanup);

function dataset(id: string, name: string, kind: Dataset['kind'], rowCount: number): Dataset {
  return {
    id,
    name,
    kind,
    status: 'complete',
    createdAt: 0,
    completedAt: 0,
    spec: {},
    appVersion: 'test',
    rowCount,
    chunkCount: 1,
    sizeBytes: 0,
    columns: [],
    summary: null,
    jobId: null,
  };
}

const temporal = dataset('ds-t', 'Homes 2025', 'temporal', 12_345);
const classic = dataset('ds-c', 'Classic 10k', 'classic', 10_000);

function renderForm(over: Partial<Props> = {}) {
  const calls: { datasetId: string; name: string; config: Config }[] = [];
  const { container } = render(
    <TrainingForm
      datasets={[temporal, classic]}
      busy={false}
      initialDatasetId={null}
      onStart={(datasetId, name, config) => calls.push({ datasetId, name, config })}
      {...over}
    />,
  );
  return { calls, container };
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
/** Picks an option of a labelled select. */
const choose = type;
const toggle = (label: string) => fireEvent.click(screen.getByRole('checkbox', { name: label }));
const train = () => fireEvent.click(screen.getByRole('button', { name: 'Train' }));
const problems = () => {
  const alert = screen.queryByRole('alert');
  return alert
    ? within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    : [];
};

const DEFAULT_TREES = {
  maxRounds: 300,
  learningRate: 0.1,
  maxDepth: 6,
  maxLeaves: 31,
  minChildWeight: 1,
  minSamplesLeaf: 20,
  l2: 1,
  maxBins: 64,
  subsample: 1,
  colsample: 1,
  earlyStoppingRounds: 30,
  classWeights: false,
  seed: 42,
};

describe('training form: the submitted run', () => {
  it('starts a run on the first dataset with the defaults: honest horizon label, both families, max-F1 threshold', () => {
    const { calls } = renderForm();
    expect((screen.getByLabelText('Dataset') as HTMLSelectElement).value).toBe('ds-t');
    expect(screen.getByRole('option', { name: 'Homes 2025 (temporal, 12,345 rows)' })).toBeTruthy();
    train();
    expect(problems()).toEqual([]);
    expect(calls).toEqual([
      {
        datasetId: 'ds-t',
        name: 'Homes 2025 · horizon · seed 42',
        config: {
          network: {
            hiddenUnits: [32],
            dropout: 0.2,
            learningRate: 0.01,
            epochs: 200,
            batchSize: 256,
            patience: 10,
            classWeights: false,
            seed: 42,
            stopOn: 'pr-auc',
            lrPlateau: 4,
            clip: 5,
            encodingBins: 0,
            warmStart: true,
          },
          families: ['network', 'trees'],
          trees: DEFAULT_TREES,
          backend: 'wasm',
          label: 'horizon',
          split: 'grouped',
          testFraction: 0.2,
          valFraction: 0.1,
          perHomeType: true,
          global: true,
          bootstrapResamples: 500,
          thresholdRule: { kind: 'max-f1' },
          negativesPerPositive: 20,
          calibration: 'platt',
        },
      },
    ]);
  });

  it('submits what was changed, with the classic defaults where a field is left empty', () => {
    const { calls } = renderForm({ initialDatasetId: 'ds-c' });
    // A classic dataset learns the injected label; the legacy one warns that it leaks.
    expect(screen.getByRole('radio', { name: /^Has an injected failure scenario/ })).toHaveProperty('checked', true);
    expect(screen.queryByRole('radio', { name: /^Fails within H days/ })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /^Legacy rule label/ }));
    expect(screen.getByRole('note').textContent).toContain('read it as a leak');

    choose('Backend', 'cpu');
    toggle('Dense network (TF.js)');
    toggle('One per home type');
    choose('Operating threshold (chosen on validation devices)', 'target-recall');
    type('Target recall', '0.9');
    choose('Calibration (fitted on validation devices)', 'isotonic');
    type('Hidden layers (units, comma-separated)', '64, 16');
    type('Seed', '7');
    type('Max epochs', '50');
    type('Bootstrap resamples', '1000');
    type('Negatives per positive (training)', '');
    toggle('Balance classes (weight rare failures up)');
    type('Max boosting rounds', '120');
    type('Trees learning rate (shrinkage)', '0.05');
    train();

    expect(problems()).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.datasetId).toBe('ds-c');
    expect(calls[0]?.name).toBe('Classic 10k · legacy · seed 7');
    expect(calls[0]?.config).toEqual({
      network: {
        hiddenUnits: [64, 16],
        dropout: 0.2,
        learningRate: 0.01,
        epochs: 50,
        batchSize: 256,
        patience: 10,
        classWeights: true,
        seed: 7,
        stopOn: 'log-loss',
        lrPlateau: 4,
        clip: 5,
        encodingBins: 16,
        warmStart: true,
      },
      families: ['trees'],
      trees: { ...DEFAULT_TREES, maxRounds: 120, learningRate: 0.05, seed: 7 },
      backend: 'cpu',
      label: 'legacy',
      split: 'grouped',
      testFraction: 0.2,
      valFraction: 0.1,
      perHomeType: false,
      global: true,
      bootstrapResamples: 1000,
      thresholdRule: { kind: 'target-recall', recall: 0.9 },
      negativesPerPositive: null,
      calibration: 'isotonic',
    });
  });

  it('offers the time split and the alert budget for temporal datasets only, and submits them', () => {
    const { calls } = renderForm();
    expect(screen.getByRole('option', { name: 'Time-blocked: train on earlier, test on later' })).toHaveProperty(
      'disabled',
      false,
    );
    choose('Split', 'time');
    choose('Operating threshold (chosen on validation devices)', 'alert-budget');
    type('False alarms per 100 devices per 30 days', '2.5');
    train();
    expect(calls[0]?.config).toMatchObject({
      split: 'time',
      thresholdRule: { kind: 'alert-budget', falseAlarms: 2.5 },
    });

    choose('Dataset', 'ds-c');
    expect(screen.getByRole('option', { name: 'Time-blocked: train on earlier, test on later' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(screen.getByRole('option', { name: /^Alert budget/ })).toHaveProperty('disabled', true);
  });
});

describe('training form: validation', () => {
  it('lists every problem at once and starts nothing', () => {
    const { calls } = renderForm();
    toggle('Dense network (TF.js)');
    toggle('Gradient-boosted trees');
    toggle('One per home type');
    toggle('One global model');
    type('Bootstrap resamples', '50');
    type('Negatives per positive (training)', '0.5');
    choose('Operating threshold (chosen on validation devices)', 'target-recall');
    type('Target recall', '0');
    train();
    expect(calls).toEqual([]);
    expect(problems()).toEqual([
      'Choose at least one model family: the network, the trees, or both.',
      'Operating threshold: target recall must be above 0',
      'Negatives per positive must be at least 1, or empty to keep every training sample.',
      'Bootstrap resamples must be a whole number from 100 to 5000.',
      'Choose per-home-type models, a global model, or both.',
    ]);
  });

  it.each([
    ['Dropout', '0.95', /^dropout: /],
    ['Max epochs', '0', /^epochs: /],
    ['Batch size', 'big', /^batchSize: /],
    ['Hidden layers (units, comma-separated)', '32, x', /^hiddenUnits\.1: /],
    ['Input encoding bins', '100', /^encodingBins: /],
    ['Leaves per tree', '1', /^trees maxLeaves: /],
  ])('names the bad setting: %s = %s', (label, value, message) => {
    const { calls } = renderForm();
    type(label, value);
    train();
    expect(calls).toEqual([]);
    expect(problems()).toEqual([expect.stringMatching(message)]);
  });

  it('clears the problems once they are fixed and then starts the run', () => {
    const { calls } = renderForm();
    type('Bootstrap resamples', '99');
    train();
    expect(problems()).toEqual(['Bootstrap resamples must be a whole number from 100 to 5000.']);
    type('Bootstrap resamples', '100');
    train();
    expect(problems()).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.config.bootstrapResamples).toBe(100);
  });

  it('cannot start while a run trains, and shows nothing without a dataset', () => {
    const { calls } = renderForm({ busy: true });
    const button = screen.getByRole('button', { name: 'Training…' });
    expect(button).toHaveProperty('disabled', true);
    fireEvent.click(button);
    expect(calls).toEqual([]);
    cleanup();
    const { container } = renderForm({ datasets: [] });
    expect(container.innerHTML).toBe('');
  });
});
