import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, pickCumulative } from './random';

describe('Rng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    const sb = Array.from({ length: 20 }, () => b.next());
    const sc = Array.from({ length: 20 }, () => c.next());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('stays in [0, 1) with a mean near 0.5', () => {
    const r = createRng(1);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('int covers both ends inclusively', () => {
    const r = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(0, 5));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('normal has mean 0 and sd 1', () => {
    const r = createRng(9);
    const xs = Array.from({ length: 50_000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
  });

  it('shuffle is a seeded permutation', () => {
    const x = createRng(3).shuffle([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...x].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(createRng(3).shuffle([1, 2, 3, 4, 5, 6, 7, 8])).toEqual(x);
  });
});

describe('deriveSeed', () => {
  it('is stable and separates keys', () => {
    expect(deriveSeed(42, 'home', 3)).toBe(deriveSeed(42, 'home', 3));
    expect(deriveSeed(42, 'home', 3)).not.toBe(deriveSeed(42, 'home', 4));
    expect(deriveSeed(42, 'home', 3)).not.toBe(deriveSeed(43, 'home', 3));
    expect(deriveSeed(42, 'a', 'b')).not.toBe(deriveSeed(42, 'ab'));
  });
});

describe('pickCumulative', () => {
  it('follows the weights', () => {
    const r = createRng(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) {
      const k = pickCumulative(r, [1, 3, 6]);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect((counts[0] ?? 0) / 30_000).toBeCloseTo(1 / 6, 1);
    expect((counts[2] ?? 0) / 30_000).toBeCloseTo(0.5, 1);
  });
});
