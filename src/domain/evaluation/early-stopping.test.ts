import { describe, expect, it } from 'vitest';
import { createEarlyStopping } from './early-stopping';

function run(values: number[], patience: number, minDelta = 0, mode: 'min' | 'max' = 'min') {
  const es = createEarlyStopping({ patience, minDelta, mode });
  const steps = [];
  for (const [epoch, v] of values.entries()) {
    const step = es.update(epoch, v);
    steps.push(step);
    if (step.stop) break;
  }
  return steps;
}

describe('createEarlyStopping', () => {
  it('stops after `patience` epochs without improvement and points at the best epoch', () => {
    const steps = run([1.0, 0.8, 0.7, 0.72, 0.71, 0.75, 0.6], 3);
    expect(steps.map((s) => s.improved)).toEqual([true, true, true, false, false, false]);
    expect(steps.map((s) => s.stop)).toEqual([false, false, false, false, false, true]);
    expect(steps.at(-1)).toMatchObject({ bestEpoch: 2, bestValue: 0.7 });
  });

  it('resets the wait on improvement', () => {
    const steps = run([1, 1.1, 0.9, 1.0, 0.8, 0.85, 0.86], 2);
    expect(steps.map((s) => s.stop)).toEqual([false, false, false, false, false, false, true]);
    expect(steps.at(-1)?.bestEpoch).toBe(4);
  });

  it('requires improvements larger than minDelta', () => {
    const steps = run([1, 0.995, 0.99, 0.98], 2, 0.01);
    expect(steps.map((s) => s.improved)).toEqual([true, false, false]);
    expect(steps.at(-1)).toMatchObject({ stop: true, bestEpoch: 0 });
  });

  it('stops at the first non-improving epoch with patience 0', () => {
    const steps = run([0.5, 0.4, 0.45], 0);
    expect(steps.map((s) => s.stop)).toEqual([false, false, true]);
  });

  it('maximises in max mode and never improves on NaN', () => {
    expect(run([0.6, 0.7, 0.65, 0.66], 2, 0, 'max').at(-1)).toMatchObject({ stop: true, bestEpoch: 1, bestValue: 0.7 });
    const nan = run([Number.NaN, Number.NaN], 1);
    expect(nan[0]).toMatchObject({ improved: false, stop: true, bestEpoch: -1 });
  });

  it('refuses updates after it has signalled stop and rejects bad options', () => {
    const es = createEarlyStopping({ patience: 0 });
    es.update(0, 1);
    expect(es.update(1, 2).stop).toBe(true);
    expect(() => es.update(2, 0.5)).toThrow(/already/);
    expect(() => createEarlyStopping({ patience: -1 })).toThrow(/patience/);
    expect(() => createEarlyStopping({ patience: 1, minDelta: -0.1 })).toThrow(/minDelta/);
  });
});
