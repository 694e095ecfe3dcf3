import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { judgeCrossSource, summarisePlan, topConfusions, worstHeldOut } from './cross-source-summary';
import { planSourceEvaluation, runSourcePlan, type EvaluationTask } from './source-plan';
import { scorePredictions, type SourceScore } from './source-scores';

const TARGETS = { accuracy: 0.85, macroF1: 0.8, perClassPrecision: 0.75 };

describe('scorePredictions', () => {
  it('accuracy, macro-F1 and the lowest precision by hand, with intervals around them', () => {
    // Precision: class 0 1/2, class 1 2/3, class 2 1/1; F1: 2/4, 4/5, 2/3.
    const s = scorePredictions([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], 3, {
      rng: createRng(1),
      resamples: 200,
      strata: [0, 0, 1, 1, 2, 2],
    });
    expect(s.homes).toBe(6);
    expect(s.accuracy.estimate).toBeCloseTo(4 / 6, 12);
    expect(s.macroF1.estimate).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
    expect(s.lowestPrecision.estimate).toBe(0.5);
    expect(s.lowestPrecisionClass).toBe(0);
    expect(s.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    for (const i of [s.accuracy, s.macroF1, s.lowestPrecision]) {
      expect(i.low).toBeLessThanOrEqual(i.estimate);
      expect(i.high).toBeGreaterThanOrEqual(i.estimate);
      expect(i.valid).toBe(200);
    }
  });

  it('a class that is never predicted has precision 0; perfect predictions have a zero-width interval', () => {
    expect(
      scorePredictions([0, 1], [0, 0], 2, { rng: createRng(1), resamples: 20, strata: [0, 1] }).lowestPrecision
        .estimate,
    ).toBe(0);
    const perfect = scorePredictions([0, 1, 1], [0, 1, 1], 2, { rng: createRng(1), resamples: 50, strata: [0, 1, 1] });
    expect([perfect.accuracy.low, perfect.accuracy.high, perfect.lowestPrecision.low]).toEqual([1, 1, 1]);
  });
});

describe('summarisePlan and judgeCrossSource', () => {
  // Sources a (homes 0–3) and b (homes 4–7), classes 0, 1, 0, 1 in each. A fake classifier: right
  // in-source; trained on a it calls everything 0; trained on b it flips every class.
  const y = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]);
  const plan = planSourceEvaluation({
    sources: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'],
    labels: y,
    evaluation: 'kfold',
    folds: 2,
    rng: createRng(1),
  });
  const fake = async (task: EvaluationTask): Promise<Int32Array[]> => {
    const truth = Int32Array.from(task.test, (r) => y[r] ?? 0);
    if (task.id.startsWith('in:')) return [truth, truth.map((c) => 1 - c)];
    if (task.id === 'from:a') return [new Int32Array(task.test.length), truth];
    return [truth.map((c) => 1 - c), truth];
  };

  it('fills the matrix, leave-one-source-out and the pooled figure from the right predictions', async () => {
    const predictions = await runSourcePlan(plan, fake);
    const e = summarisePlan(plan, predictions, { y, k: 2, seed: 1, resamples: 100 });
    const acc = (s: { accuracy: { estimate: number } } | null | undefined): number | null =>
      s?.accuracy.estimate ?? null;
    expect(e.matrix.map((row) => row.map(acc))).toEqual([
      [1, 0.5],
      [0, 1],
    ]);
    expect(acc(e.inSource)).toBe(1);
    expect(e.inSource?.homes).toBe(8);
    // Held out a → the model trained on b (all wrong); held out b → the model trained on a (half right).
    expect(e.leaveOneOut.map(acc)).toEqual([0, 0.5]);
    expect(acc(e.pooled)).toBe(0.25);
    // The same predictions, the same interval: the matrix cell and the leave-one-source-out row.
    expect(e.leaveOneOut[1]).toEqual(e.matrix[0]?.[1]);
    // Trained on a, tested on b: class 0 P 2/4, R 1, F1 2/3; class 1 never predicted.
    expect(e.matrix[0]?.[1]?.macroF1.estimate).toBeCloseTo(1 / 3, 12);
    expect(e.matrix[0]?.[1]?.lowestPrecision.estimate).toBe(0);
    expect(e.pooled?.confusion).toEqual([
      [2, 2],
      [4, 0],
    ]);

    // Variant 1 (a perturbed copy): in-source all wrong, transfers all right.
    const perturbed = summarisePlan(plan, predictions, { y, k: 2, seed: 1, resamples: 50, variant: 1, matrix: false });
    expect(acc(perturbed.inSource)).toBe(0);
    expect(acc(perturbed.pooled)).toBe(1);
    expect(perturbed.matrix[0]?.[1]).toBeNull();

    const verdict = judgeCrossSource(['a', 'b'], e.leaveOneOut, TARGETS);
    expect(verdict?.basis).toBe('worst held-out source');
    expect(verdict?.accuracy).toMatchObject({ target: 0.85, met: false, source: 'a' });
    expect(verdict?.accuracy.score.estimate).toBe(0);
    expect(verdict?.allMet).toBe(false);
  });

  it('with one source: in-source only, no matrix off the diagonal, no verdict', async () => {
    const one = planSourceEvaluation({
      sources: Array(4).fill('template'),
      labels: [0, 1, 0, 1],
      evaluation: 'kfold',
      folds: 2,
      rng: createRng(2),
    });
    const e = summarisePlan(one, await runSourcePlan(one, fake), { y: [0, 1, 0, 1], k: 2, seed: 1, resamples: 20 });
    expect(e.matrix).toHaveLength(1);
    expect(e.matrix[0]?.[0]?.accuracy.estimate).toBe(1);
    expect(e.leaveOneOut).toEqual([null]);
    expect(e.pooled).toBeNull();
    expect(judgeCrossSource(['template'], e.leaveOneOut, TARGETS)).toBeNull();
  });

  it('judges each metric on its own worst source, and says met when every one is', () => {
    const at = (v: number) => ({ estimate: v, low: v - 0.05, high: v + 0.05, level: 0.95, resamples: 100, valid: 100 });
    const s = (accuracy: number, precision: number): SourceScore => ({
      homes: 20,
      accuracy: at(accuracy),
      macroF1: at(accuracy - 0.02),
      lowestPrecision: at(precision),
      lowestPrecisionClass: 1,
      confusion: [],
    });
    const v = judgeCrossSource(['p', 'q'], [s(0.9, 0.7), s(0.88, 0.8)], TARGETS);
    expect(v?.accuracy.source).toBe('q');
    expect(v?.accuracy.met).toBe(true);
    expect(v?.lowestPrecision.source).toBe('p');
    expect(v?.lowestPrecision.met).toBe(false);
    expect(v?.macroF1.met).toBe(true);
    expect(v?.allMet).toBe(false);
  });
});

describe('topConfusions', () => {
  it('lists off-diagonal cells, largest first, with the share of the true class', () => {
    expect(
      topConfusions(
        [
          [5, 3, 0],
          [1, 6, 3],
          [0, 0, 9],
        ],
        2,
      ),
    ).toEqual([
      { trueClass: 0, predicted: 1, count: 3, share: 3 / 8 },
      { trueClass: 1, predicted: 2, count: 3, share: 3 / 10 },
    ]);
    expect(topConfusions([[4]], 3)).toEqual([]);
  });
});

describe('worstHeldOut', () => {
  it('picks the lowest scored source and skips the unscored ones', () => {
    const at = (v: number) => ({ estimate: v, low: v, high: v, level: 0.95, resamples: 1, valid: 1 });
    const s = (a: number): SourceScore => ({
      homes: 1,
      accuracy: at(a),
      macroF1: at(1 - a),
      lowestPrecision: at(a),
      lowestPrecisionClass: 0,
      confusion: [],
    });
    expect(worstHeldOut([s(0.7), null, s(0.4)], 'accuracy')).toBe(2);
    expect(worstHeldOut([s(0.7), null, s(0.4)], 'macroF1')).toBe(0);
    expect(worstHeldOut([null], 'accuracy')).toBe(-1);
  });
});
