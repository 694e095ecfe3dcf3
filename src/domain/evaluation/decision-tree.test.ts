import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { decisionTreeDepth, fitDecisionTree, predictDecisionTree } from './decision-tree';

// (a, b) → class: 0 where a is low, 1 where a is high and b low, 2 where both are high.
const X = [0, 0, 0, 1, 1, 0, 1, 1];
const y = [0, 0, 1, 2];

describe('fitDecisionTree (CART, Gini)', () => {
  it('splits where the Gini decrease is largest, at the midpoint, and recurses', () => {
    // Root n·Gini = 4 − (4 + 1 + 1)/4 = 2.5. Cutting a at 0.5 leaves 0 + (2 − 2/2) = 1 (gain 1.5); cutting
    // b leaves 1 + 1 (gain 0.5). The right child [0, 1, 1] is then cut on b.
    const tree = fitDecisionTree(X, 2, y, 3, { maxDepth: 4 });
    expect(tree).toEqual({
      feature: [0, -1, 1, -1, -1],
      threshold: [0.5, 0, 0.5, 0, 0],
      left: [1, -1, 3, -1, -1],
      right: [2, -1, 4, -1, -1],
      value: [0, 0, 1, 1, 2],
    });
    expect(Array.from(predictDecisionTree(tree, X, 2))).toEqual(y);
    expect(decisionTreeDepth(tree)).toBe(2);
  });

  it('stops at maxDepth with each leaf predicting its majority (ties to the lower class)', () => {
    const stump = fitDecisionTree(X, 2, y, 3, { maxDepth: 1 });
    expect(stump.feature).toEqual([0, -1, -1]);
    // The right leaf holds one row of class 1 and one of class 2: the tie goes to 1.
    expect(Array.from(predictDecisionTree(stump, X, 2))).toEqual([0, 0, 1, 1]);
    expect(fitDecisionTree(X, 2, y, 3, { maxDepth: 0 }).feature).toEqual([-1]);
  });

  it('uses only the allowed columns and rows, and respects minSamplesLeaf', () => {
    const onB = fitDecisionTree(X, 2, y, 3, { maxDepth: 1, columns: [1] });
    expect(onB.feature[0]).toBe(1);
    // Rows 0 and 2 differ only in a: the tree needs one cut on a.
    const sub = fitDecisionTree(X, 2, y, 3, { maxDepth: 3, rows: [0, 2] });
    expect(sub.feature).toEqual([0, -1, -1]);
    // Children of at least 3 rows cannot come from 4 rows.
    expect(fitDecisionTree(X, 2, y, 3, { maxDepth: 3, minSamplesLeaf: 3 }).feature).toEqual([-1]);
  });

  it('breaks ties between equal splits by the earlier column and puts the cut between distinct values', () => {
    // Two identical columns; values 1 and 3 → cut at 2.
    const twin = fitDecisionTree([1, 1, 1, 1, 3, 3, 3, 3], 2, [0, 0, 1, 1], 2, { maxDepth: 2 });
    expect(twin.feature[0]).toBe(0);
    expect(twin.threshold[0]).toBe(2);
    expect(Array.from(predictDecisionTree(twin, [2, 0, 2.5, 0], 2))).toEqual([0, 1]);
  });

  it('is deterministic, never deeper than asked, and fits better with depth', () => {
    const rng = createRng(9);
    const n = 300;
    const d = 4;
    const data = Float64Array.from({ length: n * d }, () => rng.next());
    const labels = Int32Array.from({ length: n }, (_, i) =>
      Math.min(3, Math.floor((data[i * d] ?? 0) * 3 + (data[i * d + 2] ?? 0))),
    );
    const accuracy = (depth: number): number => {
      const tree = fitDecisionTree(data, d, labels, 4, { maxDepth: depth });
      expect(decisionTreeDepth(tree)).toBeLessThanOrEqual(depth);
      const p = predictDecisionTree(tree, data, d);
      return p.filter((c, i) => c === labels[i]).length / n;
    };
    expect(fitDecisionTree(data, d, labels, 4, { maxDepth: 4 })).toEqual(
      fitDecisionTree(data, d, labels, 4, { maxDepth: 4 }),
    );
    expect(accuracy(4)).toBeGreaterThan(accuracy(2));
    expect(accuracy(2)).toBeGreaterThan(accuracy(1));
  });

  it('rejects bad input', () => {
    expect(() => fitDecisionTree(X, 2, [0, 1], 3, { maxDepth: 2 })).toThrow(/4 rows but y has 2/);
    expect(() => fitDecisionTree(X, 2, y, 3, { maxDepth: 2, columns: [2] })).toThrow(/column 2/);
    expect(() => fitDecisionTree(X, 2, y, 3, { maxDepth: -1 })).toThrow(/maxDepth/);
  });
});
