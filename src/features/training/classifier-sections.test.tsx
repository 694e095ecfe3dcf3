// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrossSourceResult, ModelRow, PerturbationRow } from '../../domain/evaluation/home-type-evaluation';
import type { SourceScore } from '../../domain/evaluation/source-scores';
import { AblationsTable } from './AblationsTable';
import { CrossSourceMatrix } from './CrossSourceMatrix';
import { LeaveOneSourceOut } from './LeaveOneSourceOut';
import { PerturbationTable } from './PerturbationTable';

afterEach(cleanup);

const at = (v: number) => ({ estimate: v, low: v - 0.05, high: v + 0.05, level: 0.95, resamples: 100, valid: 100 });
const score = (accuracy: number, homes = 40): SourceScore => ({
  homes,
  accuracy: at(accuracy),
  macroF1: at(accuracy - 0.01),
  lowestPrecision: at(accuracy - 0.1),
  lowestPrecisionClass: 0,
  confusion: [],
});

const cross: CrossSourceResult = {
  sources: [
    { name: 'survey', homes: 40, evaluated: true },
    { name: 'template', homes: 40, evaluated: true },
    { name: 'imported', homes: 2, evaluated: false },
  ],
  matrix: [
    [score(0.7), score(0.4), null],
    [score(0.35), score(0.9), null],
    [null, null, null],
  ],
  leaveOneOut: [score(0.35), score(0.4), null],
  pooled: score(0.375, 80),
  verdict: null,
  confusions: [{ trueClass: 1, predicted: 2, count: 6, share: 0.6 }],
};

const rowTexts = (name: string): string[] =>
  within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.textContent ?? '');

describe('classifier evaluation tables', () => {
  it('the matrix names the training source per row and the test source per column, with intervals', () => {
    render(<CrossSourceMatrix result={cross} />);
    expect(rowTexts('Cross-source accuracy')).toEqual([
      'survey statistics0.700 [0.650, 0.750]0.400 [0.350, 0.450]—',
      'templates0.350 [0.300, 0.400]0.900 [0.850, 0.950]—',
      'imported files (too few homes)———',
    ]);
  });

  it('leave one source out marks each target met or not, pools, and lists the main confusions', () => {
    render(<LeaveOneSourceOut result={cross} />);
    const rows = rowTexts('Leave one source out');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^survey statistics400\.350 \[0\.300, 0\.400\] not met/);
    expect(rows[2]).toMatch(/^All held-out homes, pooled80/);
    expect(screen.getByRole('list', { name: 'Main confusions across sources' }).textContent).toBe(
      'apartment called condo: 6 homes (60 % of the apartment homes)',
    );
  });

  it('ablations show in-source and the worst held-out source; perturbations the change from the homes as stored', () => {
    const evaluation = {
      inSource: score(0.8, 80),
      matrix: [],
      leaveOneOut: [score(0.3), score(0.5), null],
      pooled: score(0.4, 80),
    };
    const rows: ModelRow[] = [
      {
        id: 'model',
        label: 'Model: softmax regression',
        kind: 'softmax',
        features: 66,
        evaluation,
        picks: [
          { groups: ['structure'], tasks: 11 },
          { groups: ['structure', 'household'], tasks: 1 },
        ],
      },
      {
        id: 'single-feature',
        label: 'Best single feature',
        kind: 'single-feature',
        features: 1,
        detail: 'area_count',
        evaluation,
      },
    ];
    render(<AblationsTable rows={rows} sourceNames={['survey', 'template', 'imported']} />);
    const ablations = rowTexts('Ablations and baselines');
    expect(ablations[0]).toContain('0.300 [0.250, 0.350] (survey statistics)');
    expect(ablations[0]).toContain('groups picked per task: structure (11 of 12), structure + household (1 of 12)');
    expect(ablations[1]).toMatch(/^Best single feature \(area_count\)1/);
    const perturbations: PerturbationRow[] = [
      { id: 'none', label: 'As stored', inSource: score(0.8), crossSource: score(0.4) },
      { id: 'renamed-rooms', label: 'Rooms renamed', inSource: score(0.7), crossSource: null },
    ];
    render(<PerturbationTable rows={perturbations} />);
    expect(rowTexts('Perturbation checks')).toEqual([
      'As stored0.800 [0.750, 0.850]0.400 [0.350, 0.450]',
      'Rooms renamed0.700 [0.650, 0.750]−0.100——',
    ]);
  });
});
