import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { groupBySource, planSourceEvaluation, planTasks, runSourcePlan } from './source-plan';

const labelsFor = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i % 2);

describe('groupBySource', () => {
  it('takes the source names from the homes, sorted, whatever they are', () => {
    expect(groupBySource(['template', 'llm', 'template', 'survey'])).toEqual({
      names: ['llm', 'survey', 'template'],
      of: Int32Array.from([2, 0, 2, 1]),
    });
    expect(groupBySource(['imported'])).toEqual({ names: ['imported'], of: Int32Array.from([0]) });
  });
});

describe('planSourceEvaluation', () => {
  it('one source: k folds by home, every home tested once, no transfers', () => {
    const plan = planSourceEvaluation({
      sources: Array(10).fill('template'),
      labels: labelsFor(10),
      evaluation: 'kfold',
      folds: 5,
      rng: createRng(1),
    });
    expect(plan.sources.map((s) => [s.name, s.homes.length, s.evaluated])).toEqual([['template', 10, true]]);
    expect(plan.inSource[0]).toHaveLength(5);
    const tested = (plan.inSource[0] ?? []).flatMap((t) => Array.from(t.test)).sort((a, b) => a - b);
    expect(tested).toEqual(Array.from({ length: 10 }, (_, i) => i));
    for (const t of plan.inSource[0] ?? []) expect(Array.from(t.train).some((r) => t.test.includes(r))).toBe(false);
    expect(plan.transfers).toEqual([]);
  });

  it('two sources: in-source folds stay within a source; one model per source serves both the matrix and leave-one-out', () => {
    const sources = [...Array(6).fill('a'), ...Array(6).fill('b'), 'c', 'c'];
    const plan = planSourceEvaluation({
      sources,
      labels: labelsFor(14),
      evaluation: 'kfold',
      folds: 3,
      rng: createRng(2),
    });
    expect(plan.sources.map((s) => s.evaluated)).toEqual([true, true, false]);
    for (const t of plan.inSource[0] ?? []) expect([...t.train, ...t.test].every((r) => r < 6)).toBe(true);
    for (const t of plan.inSource[1] ?? []) expect([...t.train, ...t.test].every((r) => r >= 6 && r < 12)).toBe(true);
    expect(plan.inSource[2]).toEqual([]);
    expect(plan.transfers.map((t) => [t.task.id, t.trainSources])).toEqual([
      ['from:a', [0]],
      ['from:b', [1]],
    ]);
    // Source c has too few homes: neither trained on nor tested.
    expect(Array.from(plan.transfers[0]?.task.test ?? [])).toEqual([6, 7, 8, 9, 10, 11]);
    expect(Array.from(plan.transfers[1]?.task.train ?? [])).toEqual([6, 7, 8, 9, 10, 11]);
  });

  it('three sources: single-source rows of the matrix plus one leave-one-out model per source', () => {
    const sources = ['x', 'y', 'z'].flatMap((s) => Array(4).fill(s));
    const plan = planSourceEvaluation({
      sources,
      labels: labelsFor(12),
      evaluation: 'holdout',
      folds: 2,
      rng: createRng(3),
    });
    expect(plan.inSource.map((f) => f.length)).toEqual([1, 1, 1]);
    expect(plan.transfers.map((t) => t.task.id)).toEqual([
      'from:x',
      'from:y',
      'from:z',
      'from:y+z',
      'from:x+z',
      'from:x+y',
    ]);
    const yz = plan.transfers[3]?.task;
    expect(Array.from(yz?.train ?? [])).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(Array.from(yz?.test ?? [])).toEqual([0, 1, 2, 3]);
    expect(Array.from(plan.transfers[0]?.task.test ?? [])).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(planTasks(plan)).toHaveLength(9);
  });

  it('is reproducible for a seed and runs every task once, in order, reporting progress', async () => {
    const options = {
      sources: [...Array(5).fill('a'), ...Array(5).fill('b')],
      labels: labelsFor(10),
      evaluation: 'kfold' as const,
      folds: 5,
    };
    const plan = planSourceEvaluation({ ...options, rng: createRng(4) });
    expect(planSourceEvaluation({ ...options, rng: createRng(4) })).toEqual(plan);
    const seen: string[] = [];
    const progress: number[] = [];
    const predictions = await runSourcePlan(
      plan,
      async (task) => {
        seen.push(task.id);
        return [new Int32Array(task.test.length)];
      },
      (done, total) => progress.push(done / total),
    );
    expect(seen).toEqual(planTasks(plan).map((t) => t.id));
    expect(progress.at(-1)).toBe(1);
    expect(predictions.size).toBe(12);
  });

  it('refuses mismatched inputs', () => {
    expect(() =>
      planSourceEvaluation({ sources: ['a'], labels: [0, 1], evaluation: 'kfold', folds: 2, rng: createRng(1) }),
    ).toThrow(/1 sources for 2 labels/);
  });
});
