import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { timeBlockedSplit } from './time-blocked-split';

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('timeBlockedSplit', () => {
  it('trains on the earliest, validates next and tests on the latest', () => {
    const times = range(0, 100).reverse();
    const s = timeBlockedSplit({ times, testFraction: 0.2, valFraction: 0.1 });
    expect(s.testStart).toBe(80);
    expect(s.valStart).toBe(70);
    expect([...s.test].map((i) => times[i])).toEqual(range(80, 100).reverse());
    expect(s.val).toHaveLength(10);
    expect(s.train).toHaveLength(70);
    expect(s.dropped).toBe(0);
  });

  it('keeps samples sharing the boundary time on the later side', () => {
    const s = timeBlockedSplit({ times: [0, 1, 1, 1, 2], testFraction: 0.4 });
    expect([...s.test]).toEqual([1, 2, 3, 4]);
    expect([...s.train]).toEqual([0]);
  });

  it('drops an embargo gap before each window', () => {
    const s = timeBlockedSplit({ times: range(0, 100), testFraction: 0.2, valFraction: 0.1, gap: 5 });
    expect(s.train).toHaveLength(65);
    expect(s.val).toHaveLength(5);
    expect(s.test).toHaveLength(20);
    expect(s.dropped).toBe(10);
  });

  it("policy 'latest': a straddling device keeps only its later samples", () => {
    // Device 1 lives on days 0–9, device 2 on days 5–14, device 3 on days 12–19.
    const times = [...range(0, 10), ...range(5, 15), ...range(12, 20)];
    const groups = [...times.slice(0, 10).map(() => 1), ...range(0, 10).map(() => 2), ...range(0, 8).map(() => 3)];
    const s = timeBlockedSplit({ times, groups, testFraction: 0.25 });
    // 28 samples, 7 in test: testStart = 14.
    expect(s.testStart).toBe(14);
    const groupsOf = (part: Uint32Array): number[] => [...new Set([...part].map((i) => groups[i] ?? 0))];
    expect(groupsOf(s.train)).toEqual([1]);
    expect(groupsOf(s.test).sort()).toEqual([2, 3]);
    expect([...s.test].filter((i) => groups[i] === 2).map((i) => times[i])).toEqual([14]);
    expect(s.dropped).toBe(9 + 2);
  });

  it("policy 'disjoint': other devices' future is tested, no device on two sides", () => {
    const devices = 20;
    const times = range(0, devices * 50).map((i) => i % 50);
    const groups = range(0, devices * 50).map((i) => Math.floor(i / 50));
    const labels = groups.map((g) => (g % 4 === 0 ? 1 : 0));
    const s = timeBlockedSplit({
      times,
      groups,
      labels,
      testFraction: 0.2,
      groupPolicy: 'disjoint',
      rng: createRng(3),
    });
    const trainDevices = new Set([...s.train].map((i) => groups[i]));
    const testDevices = new Set([...s.test].map((i) => groups[i]));
    for (const d of testDevices) expect(trainDevices.has(d)).toBe(false);
    expect(testDevices.size).toBe(4);
    expect(trainDevices.size).toBe(16);
    expect(Math.min(...[...s.test].map((i) => times[i] ?? 0))).toBe(40);
    expect(Math.max(...[...s.train].map((i) => times[i] ?? 0))).toBe(39);
    expect(s.test).toHaveLength(4 * 10);
    expect(s.train).toHaveLength(16 * 40);
    expect([...testDevices].filter((d) => (d ?? 0) % 4 === 0)).toHaveLength(1);
  });

  it('asks for an rng with the disjoint policy and rejects bad input', () => {
    expect(() =>
      timeBlockedSplit({ times: [1, 2], groups: [1, 2], testFraction: 0.5, groupPolicy: 'disjoint' }),
    ).toThrow(/rng/);
    expect(() => timeBlockedSplit({ times: [1, Number.NaN], testFraction: 0.5 })).toThrow(/NaN/);
    expect(() => timeBlockedSplit({ times: [1, 2], testFraction: 0.5, gap: -1 })).toThrow(/gap/);
  });
});
