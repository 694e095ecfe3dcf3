import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import type { Fold } from './grouped-k-fold';
import { groupedKFold } from './grouped-k-fold';
import type { SplitIndices } from './split';
import { groupedStratifiedSplit } from './split';

interface Dataset {
  groups: number[];
  labels: number[];
}

/** Random groups of 1–maxSize samples whose labels are positive with the group's own rate. */
function randomDataset(seed: number, groupCount: number, maxSize: number): Dataset {
  const rng = createRng(seed);
  const groups: number[] = [];
  const labels: number[] = [];
  for (let g = 0; g < groupCount; g++) {
    const size = rng.int(1, maxSize);
    const positiveRate = rng.chance(0.3) ? 0.5 : 0;
    for (let j = 0; j < size; j++) {
      groups.push(g * 7 + 3); // arbitrary, non-dense keys
      labels.push(rng.chance(positiveRate) ? 1 : 0);
    }
  }
  return { groups, labels };
}

function sideOfGroups(split: SplitIndices, groups: number[]): Map<number, Set<string>> {
  const sides = new Map<number, Set<string>>();
  for (const [name, part] of Object.entries(split)) {
    for (const i of part as Uint32Array) {
      const g = groups[i] ?? -1;
      const set = sides.get(g) ?? new Set<string>();
      set.add(name);
      sides.set(g, set);
    }
  }
  return sides;
}

function positiveGroupShare(indices: Uint32Array, data: Dataset): number {
  const anyPositive = new Map<number, boolean>();
  for (const i of indices) {
    const g = data.groups[i] ?? -1;
    anyPositive.set(g, (anyPositive.get(g) ?? false) || data.labels[i] === 1);
  }
  return [...anyPositive.values()].filter(Boolean).length / anyPositive.size;
}

describe('groupedStratifiedSplit', () => {
  it('never puts a group on two sides and covers every sample once (random inputs)', () => {
    const rng = createRng(99);
    for (let trial = 0; trial < 40; trial++) {
      const data = randomDataset(1000 + trial, rng.int(1, 80), rng.int(1, 12));
      const testFraction = rng.uniform(0, 0.5);
      const valFraction = rng.uniform(0, 0.3);
      const split = groupedStratifiedSplit({ ...data, testFraction, valFraction, rng: createRng(trial) });
      for (const sides of sideOfGroups(split, data.groups).values()) expect(sides.size).toBe(1);
      const all = [...split.train, ...split.val, ...split.test].sort((a, b) => a - b);
      expect(all).toEqual(data.groups.map((_, i) => i));
    }
  });

  it('lands near the fractions and keeps the share of positive groups', () => {
    const data = randomDataset(5, 2000, 6);
    const n = data.groups.length;
    const split = groupedStratifiedSplit({ ...data, testFraction: 0.2, valFraction: 0.1, rng: createRng(1) });
    expect(split.test.length / n).toBeGreaterThan(0.19);
    expect(split.test.length / n).toBeLessThan(0.21);
    expect(split.val.length / n).toBeGreaterThan(0.09);
    expect(split.val.length / n).toBeLessThan(0.11);
    const overall = positiveGroupShare(Uint32Array.from(data.groups.keys()), data);
    expect(Math.abs(positiveGroupShare(split.test, data) - overall)).toBeLessThan(0.01);
    expect(Math.abs(positiveGroupShare(split.train, data) - overall)).toBeLessThan(0.01);
  });

  it('is exact with one sample per group (classic rows) and stratifies by label', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => (i % 20 < 3 ? 1 : 0)); // 15 % positive
    const groups = labels.map((_, i) => i);
    const split = groupedStratifiedSplit({ groups, labels, testFraction: 0.2, rng: createRng(42) });
    expect(split.test).toHaveLength(200);
    expect(split.val).toHaveLength(0);
    expect(split.train).toHaveLength(800);
    expect([...split.test].filter((i) => labels[i] === 1)).toHaveLength(30);
  });

  it('stratifies jointly by an extra key such as the home type', () => {
    const rng = createRng(3);
    const homeType = Array.from({ length: 1600 }, (_, i) => i % 8);
    const labels = homeType.map((t) => (rng.chance(t === 0 ? 0.5 : 0.1) ? 1 : 0));
    const groups = labels.map((_, i) => i);
    const split = groupedStratifiedSplit({ groups, labels, strata: homeType, testFraction: 0.25, rng: createRng(4) });
    for (let t = 0; t < 8; t++) {
      const all = homeType.flatMap((v, i) => (v === t ? [i] : []));
      const inTest = [...split.test].filter((i) => homeType[i] === t);
      expect(Math.abs(inTest.length - all.length / 4)).toBeLessThanOrEqual(1);
      const rate = (xs: number[]): number => xs.filter((i) => labels[i] === 1).length / xs.length;
      expect(Math.abs(rate(inTest) - rate(all))).toBeLessThan(0.02);
    }
  });

  it('is deterministic by seed and independent of row order', () => {
    const data = randomDataset(8, 60, 5);
    const a = groupedStratifiedSplit({ ...data, testFraction: 0.3, rng: createRng(7) });
    const b = groupedStratifiedSplit({ ...data, testFraction: 0.3, rng: createRng(7) });
    const c = groupedStratifiedSplit({ ...data, testFraction: 0.3, rng: createRng(8) });
    expect(a).toEqual(b);
    expect(a.test).not.toEqual(c.test);
    // Reverse the rows: the same groups go to test.
    const reversed = { groups: [...data.groups].reverse(), labels: [...data.labels].reverse() };
    const r = groupedStratifiedSplit({ ...reversed, testFraction: 0.3, rng: createRng(7) });
    const testGroups = (s: SplitIndices, g: number[]): number[] =>
      [...new Set([...s.test].map((i) => g[i] ?? -1))].sort();
    expect(testGroups(r, reversed.groups)).toEqual(testGroups(a, data.groups));
  });

  it('splits a subset and returns original indices', () => {
    const groups = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4];
    const labels = Array.from({ length: 10 }, () => 0);
    const subset = [2, 3, 4, 5, 6, 7];
    const split = groupedStratifiedSplit({ groups, labels, testFraction: 0.34, rng: createRng(1), indices: subset });
    const all = [...split.train, ...split.test].sort((a, b) => a - b);
    expect(all).toEqual(subset);
    expect(split.test).toHaveLength(2);
  });

  it('rejects impossible fractions and mismatched lengths', () => {
    const rng = createRng(1);
    expect(() =>
      groupedStratifiedSplit({ groups: [1], labels: [0], testFraction: 0.6, valFraction: 0.4, rng }),
    ).toThrow(/room for training/);
    expect(() => groupedStratifiedSplit({ groups: [1], labels: [0], testFraction: -0.1, rng })).toThrow(/testFraction/);
    expect(() => groupedStratifiedSplit({ groups: [1, 2], labels: [0], testFraction: 0.2, rng })).toThrow(/labels/);
    expect(() =>
      groupedStratifiedSplit({ groups: [1, 1], labels: [0, 0], strata: [0, 1], testFraction: 0.2, rng }),
    ).toThrow(/one stratum/);
  });
});

describe('groupedKFold', () => {
  function checkFolds(folds: Fold[], groups: number[]): void {
    const testedIn = new Map<number, number>();
    folds.forEach((fold, f) => {
      expect(fold.train.length + fold.test.length).toBe(groups.length);
      const testSet = new Set(fold.test);
      for (const i of fold.train) expect(testSet.has(i)).toBe(false);
      const trainGroups = new Set([...fold.train].map((i) => groups[i]));
      for (const i of fold.test) {
        const g = groups[i] ?? -1;
        expect(trainGroups.has(g)).toBe(false);
        const prev = testedIn.get(g);
        expect(prev === undefined || prev === f).toBe(true);
        testedIn.set(g, f);
      }
    });
    expect(testedIn.size).toBe(new Set(groups).size);
  }

  it('tests every group in exactly one fold and never trains on it there (random inputs)', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 25; trial++) {
      const data = randomDataset(2000 + trial, rng.int(5, 60), rng.int(1, 9));
      const k = rng.int(2, 5);
      checkFolds(groupedKFold({ ...data, k, rng: createRng(trial) }), data.groups);
    }
  });

  it('balances classes across folds for the 8-class home task', () => {
    const labels = Array.from({ length: 400 }, (_, i) => i % 8);
    const groups = labels.map((_, i) => i);
    const folds = groupedKFold({ groups, labels, k: 5, rng: createRng(11) });
    for (const fold of folds) {
      expect(fold.test).toHaveLength(80);
      for (let c = 0; c < 8; c++) expect([...fold.test].filter((i) => labels[i] === c)).toHaveLength(10);
    }
  });

  it('balances fold sizes with unequal groups', () => {
    const data = randomDataset(17, 300, 10);
    const folds = groupedKFold({ ...data, k: 4, rng: createRng(2) });
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(12);
  });

  it('is deterministic by seed', () => {
    const data = randomDataset(4, 30, 4);
    expect(groupedKFold({ ...data, k: 3, rng: createRng(1) })).toEqual(
      groupedKFold({ ...data, k: 3, rng: createRng(1) }),
    );
    expect(groupedKFold({ ...data, k: 3, rng: createRng(1) })).not.toEqual(
      groupedKFold({ ...data, k: 3, rng: createRng(2) }),
    );
  });

  it('refuses fewer groups than folds with a clear message', () => {
    expect(() => groupedKFold({ groups: [1, 1, 2, 3], labels: [0, 0, 1, 0], k: 4, rng: createRng(1) })).toThrow(
      /3 groups cannot fill 4 folds/,
    );
    expect(() => groupedKFold({ groups: [1, 2], labels: [0, 1], k: 1, rng: createRng(1) })).toThrow(/at least 2/);
  });
});
