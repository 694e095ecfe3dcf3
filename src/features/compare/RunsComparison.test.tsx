// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { comparableRun, type ComparableRun, type RunLike } from '../../domain/evaluation/run-comparison';
import { runFixture } from '../../storage/record-fixtures';
import type { RunRecord } from '../../storage/records';
import { metrics, result } from './compare-fixtures';
import { RunsComparison } from './RunsComparison';

afterEach(cleanup);

// A stored run must fit the adapter's structural input as it is (checked by tsc).
const storedRunFits = (r: RunRecord): RunLike => r;

/** A stored run with a global network and a global trees model, built from the shared fixtures. */
function stored(
  id: string,
  over: { seed?: number; networkSeed?: number; learningRate?: number; prAuc?: number; homes?: number } = {},
): ComparableRun {
  const base = runFixture();
  const record = runFixture({
    id,
    name: `Run ${id}`,
    datasetManifest: {
      kind: 'temporal',
      spec: { seed: over.seed ?? 1, homes: over.homes ?? 100 },
      appVersion: '0.1.0',
    },
    config: {
      ...base.config,
      families: ['network', 'trees'],
      network: { ...base.config.network, seed: over.networkSeed ?? 1, learningRate: over.learningRate ?? 0.01 },
    },
    slots: [
      result('global', 'network', { metrics: metrics({ prAuc: over.prAuc ?? 0.6, f1: 0.5 }) }),
      result('global', 'trees', { metrics: metrics({ prAuc: 0.7 }) }),
      result('apartment', 'network', { status: 'insufficient', metrics: null }),
    ],
  });
  return comparableRun(storedRunFits(record));
}

const table = (name: string) => screen.getByRole('table', { name });
const rowTexts = (t: HTMLElement) =>
  within(t)
    .getAllByRole('row')
    .slice(1)
    .map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent));

describe('RunsComparison', () => {
  it('adapts stored runs: done slots only, dataset kind with the generator spec', () => {
    const c = stored('a');
    expect(c.settings.generator).toEqual({ kind: 'temporal', seed: 1, homes: 100 });
    expect(c.settings.training).toMatchObject({ label: 'injected', families: ['network', 'trees'] });
    expect(Object.keys(c.metrics)).toEqual([
      'global · network · PR-AUC',
      'global · network · ROC-AUC',
      'global · network · F1',
      'global · network · Log loss',
      'global · trees · PR-AUC',
      'global · trees · ROC-AUC',
      'global · trees · F1',
      'global · trees · Log loss',
    ]);
  });

  it('shows the differing settings with seed rows marked, the metrics per run, and the seed aggregate', () => {
    const runs = [
      stored('a', { seed: 1, networkSeed: 1, prAuc: 0.5 }),
      stored('b', { seed: 2, networkSeed: 2, prAuc: 0.6 }),
      stored('c', { seed: 3, networkSeed: 3, prAuc: 0.7 }),
      stored('d', { seed: 1, networkSeed: 1, learningRate: 0.001, prAuc: 0.9 }),
    ];
    render(<RunsComparison runs={runs} />);
    expect(screen.getByRole('heading', { name: 'Runs compared' })).toBeTruthy();

    const settings = table('Settings that differ');
    expect(
      within(settings)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Setting', 'Run a', 'Run b', 'Run c', 'Run d']);
    expect(rowTexts(settings)).toEqual([
      ['generator.seed seed', '1', '2', '3', '1'],
      ['training.network.learningRate', '0.01', '0.01', '0.01', '0.001'],
      ['training.network.seed seed', '1', '2', '3', '1'],
    ]);
    expect(within(settings).getByRole('rowheader', { name: 'generator.seed seed' }).closest('tr')?.className).toBe(
      'seed-row',
    );

    const side = table('Metrics side by side');
    expect(within(side).getAllByRole('row')).toHaveLength(1 + 8);
    expect(
      within(within(side).getByRole('rowheader', { name: 'global · network · PR-AUC' }).closest('tr') as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['0.500', '0.600', '0.700', '0.900']);

    // Runs a, b, c differ only in seeds: PR-AUC 0.5, 0.6, 0.7 → 0.600 ± 4.303 · 0.1 / √3 = 0.248.
    const seeds = table('Runs that differ only in seed');
    const rows = rowTexts(seeds);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual([
      'global · network · PR-AUC',
      'training.network.learningRate = 0.01',
      'Run a, Run b, Run c',
      '0.600 ± 0.248 [0.352, 0.848] over 3 runs',
    ]);
    expect(rows[4]).toEqual([
      'global · trees · PR-AUC',
      'training.network.learningRate = 0.01',
      'Run a, Run b, Run c',
      '0.700 ± 0.000 [0.700, 0.700] over 3 runs',
    ]);
  });

  it('says when the runs share every setting and leaves out the seed table when no runs repeat', () => {
    const a = stored('a');
    render(<RunsComparison runs={[a, { ...a, id: 'b', name: 'Copy' }]} />);
    expect(screen.getByText('These runs share every setting.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Settings that differ' })).toBeNull();
    // Identical settings form one group of two runs.
    expect(table('Runs that differ only in seed')).toBeTruthy();
    cleanup();

    render(<RunsComparison runs={[stored('a', { homes: 100 }), stored('b', { homes: 200 })]} />);
    expect(rowTexts(table('Settings that differ'))).toEqual([['generator.homes', '100', '200']]);
    expect(screen.queryByRole('table', { name: 'Runs that differ only in seed' })).toBeNull();
  });

  it('tells runs with the same name apart and shows missing metrics as a dash', () => {
    const runs: ComparableRun[] = [
      { id: 'aaaaaaaa-1', name: 'Same', settings: { generator: { seed: 1 }, training: {} }, metrics: { m: 0.25 } },
      { id: 'bbbbbbbb-2', name: 'Same', settings: { generator: { seed: 2 }, training: {} }, metrics: {} },
    ];
    render(<RunsComparison runs={runs} />);
    const side = table('Metrics side by side');
    expect(
      within(side)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Metric', 'Same (aaaaaaaa)', 'Same (bbbbbbbb)']);
    expect(rowTexts(side)).toEqual([['m', '0.250', '—']]);
    expect(rowTexts(table('Runs that differ only in seed'))).toEqual([
      ['m', 'all runs', 'Same (aaaaaaaa), Same (bbbbbbbb)', '0.250 over 1 run (no interval)'],
    ]);
  });
});
