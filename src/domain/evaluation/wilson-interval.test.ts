import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-quantile';
import { wilsonInterval } from './wilson-interval';

describe('normalQuantile', () => {
  it('matches tabulated z values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 8);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('handles the ends and rejects the outside', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});

describe('wilsonInterval', () => {
  it('matches the textbook values', () => {
    // 5/10: [0.2366, 0.7634]; 0/10: [0, 0.2775]; 10/10: [0.7225, 1].
    const half = wilsonInterval(5, 10);
    expect(half.estimate).toBe(0.5);
    expect(half.low).toBeCloseTo(0.236593, 5);
    expect(half.high).toBeCloseTo(0.763407, 5);
    const none = wilsonInterval(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.277533, 5);
    const all = wilsonInterval(10, 10);
    expect(all.low).toBeCloseTo(0.722467, 5);
    expect(all.high).toBe(1);
  });

  it('narrows with more trials and widens with the level', () => {
    const small = wilsonInterval(3, 6);
    const large = wilsonInterval(300, 600);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    const w90 = wilsonInterval(3, 6, 0.9);
    const w99 = wilsonInterval(3, 6, 0.99);
    expect(w99.high - w99.low).toBeGreaterThan(w90.high - w90.low);
  });

  it('knows nothing from no trials and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ low: 0, high: 1 });
    expect(wilsonInterval(0, 0).estimate).toBeNaN();
    expect(() => wilsonInterval(4, 3)).toThrow(/successes/);
    expect(() => wilsonInterval(1, 3, 0)).toThrow(/level/);
  });
});
