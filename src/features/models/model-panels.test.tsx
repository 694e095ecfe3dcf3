// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GbdtModel } from '../../domain/evaluation/gbdt';
import { summarizeModel } from '../../state/models-slice';
import { modelFixture } from '../../storage/record-fixtures';
import type { ModelSummary } from '../../workers/models.api';
import { ExportPanel } from './ExportPanel';
import { ModelList } from './ModelList';
import { ModelOverview } from './ModelOverview';

afterEach(cleanup);

// happy-dom does no layout: give elements a size, as a browser would, so the list's virtualised body shows its rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 420 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
});

const trees: GbdtModel = {
  format: 'homesynth-gbdt',
  version: 1,
  featureCount: 2,
  baseScore: -1,
  trees: [
    {
      feature: [0, -1, -1],
      threshold: [0.5, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      missingLeft: [true, false, false],
      value: [0, -0.2, 0.3],
    },
  ],
  featureImportance: [1, 0],
};

const treesSummary = (): ModelSummary =>
  summarizeModel({
    ...modelFixture({
      id: 't',
      name: 'Run · apartment · trees',
      family: 'trees',
      artifacts: null,
      trees,
      threshold: 0.31,
      thresholdRule: { kind: 'max-f1' },
    }),
    version: '1.0.0',
  });
const networkSummary = (): ModelSummary =>
  summarizeModel({
    ...modelFixture({ id: 'n', name: 'Run · apartment', standardizer: { mean: [0, 1], std: [1, 2], clip: 5 } }),
    version: '1.0.2',
  });

const noExport = async (): Promise<{ blob: Blob; fileName: string }[]> => [];
const noSnippets = async () => ({ web: '', node: '' });

describe('models page panels', () => {
  it('list the family and threshold of every model', () => {
    render(<ModelList models={[treesSummary(), networkSummary()]} selectedId="t" onDelete={async () => undefined} />);
    const rows = screen.getAllByRole('row');
    expect(rows[1]?.textContent).toContain('Trees');
    expect(rows[1]?.textContent).toContain('0.31');
    expect(rows[2]?.textContent).toContain('Network');
    expect(rows[2]?.textContent).toContain('0.5');
    expect(rows[1]?.getAttribute('aria-current')).toBe('true');
    expect(rows[2]?.getAttribute('aria-current')).toBeNull();
  });

  it('offer the TF.js layers export for networks only, and say why for trees', () => {
    render(<ExportPanel model={treesSummary()} onExport={noExport} loadSnippets={noSnippets} />);
    expect(screen.getByRole('button', { name: 'Export single JSON file' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Export model.json + weights.bin' })).toBeNull();
    expect(screen.getByText(/Trees are not a TF\.js model, so there is no model\.json \+ weights\.bin/)).toBeTruthy();
    cleanup();
    render(<ExportPanel model={networkSummary()} onExport={noExport} loadSnippets={noSnippets} />);
    expect(screen.getByRole('button', { name: 'Export model.json + weights.bin' })).toBeTruthy();
  });

  it('show the family, the trees and the threshold with its rule in the overview', () => {
    render(<ModelOverview model={treesSummary()} />);
    expect(screen.getByText('Trees (gradient-boosted decision trees)')).toBeTruthy();
    expect(screen.getByText('1 tree, 2 leaves, depth ≤ 1')).toBeTruthy();
    expect(
      screen.getByText(
        /^0\.31 \(highest F1 on validation devices\): a device is predicted to fail when P\(failure\) ≥ 0\.31$/,
      ),
    ).toBeTruthy();
    expect(screen.getByText(/The trees read raw values/)).toBeTruthy();
    cleanup();
    render(<ModelOverview model={networkSummary()} />);
    expect(screen.getByText(/then clipped to ±5\./)).toBeTruthy();
    expect(
      screen.getByText(/^0\.5 \(fixed at 0\.5 \(trained before thresholds were chosen on validation\)\)/),
    ).toBeTruthy();
    expect(screen.getByText("none: the threshold applies to the model's output itself")).toBeTruthy();
  });

  it('show the calibration beside the threshold, which then applies to calibrated probabilities', () => {
    const model = summarizeModel({
      ...modelFixture({
        id: 'c',
        name: 'Run · global',
        threshold: 0.42,
        thresholdRule: { kind: 'max-f1' },
        calibration: { method: 'platt', a: 1.25, b: -0.5 },
      }),
      version: '1.0.0',
    });
    render(<ModelOverview model={model} />);
    expect(
      screen.getByText(
        /^0\.42 \(highest F1 on validation devices\): a device is predicted to fail when the calibrated P\(failure\) ≥ 0\.42$/,
      ),
    ).toBeTruthy();
    expect(screen.getByText('Platt scaling (a = 1.25, b = −0.50), fitted on validation devices')).toBeTruthy();
  });
});
