import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { EventBuffer, StateTable } from './event-buffer';

describe('StateTable', () => {
  it('interns strings once and formats numbers by their rounded value', () => {
    const t = new StateTable();
    expect(t.intern('on')).toBe(0);
    expect(t.intern('off')).toBe(1);
    expect(t.intern('on')).toBe(0);
    const a = t.number(21.46, 1);
    expect(t.states[a]).toBe('21.5');
    expect(t.number(21.5, 1)).toBe(a);
    expect(t.states[t.number(-3, 1)]).toBe('-3.0');
    expect(t.states[t.number(68, 0)]).toBe('68');
    // "68" as text and 68 as a number are the same state.
    expect(t.intern('68')).toBe(t.number(68, 0));
  });
});

describe('EventBuffer', () => {
  it('grows and returns events sorted by time, ties in insertion order', () => {
    const b = new EventBuffer(16);
    const rng = createRng(5);
    const pushed: [number, number, number][] = [];
    for (let i = 0; i < 500; i++) {
      const t = 1_700_000_000_000 + rng.int(0, 50) * 1000;
      pushed.push([i % 7, t, i]);
      b.push(i % 7, t, i);
    }
    const out = b.finish(new StateTable());
    const expected = [...pushed].sort((x, y) => x[1] - y[1] || x[2] - y[2]);
    expect(Array.from(out.time)).toEqual(expected.map((e) => e[1]));
    expect(Array.from(out.state)).toEqual(expected.map((e) => e[2]));
    expect(Array.from(out.entityIndex)).toEqual(expected.map((e) => e[0]));
  });

  it('sorts a sub-range in place and leaves the rest alone', () => {
    const b = new EventBuffer();
    for (const [e, t] of [
      [0, 5000],
      [1, 9000],
      [2, 3000],
      [3, 3000],
      [4, 1000],
    ] as const)
      b.push(e, t, e);
    b.sortRange(1, 4);
    const out = b.finish(new StateTable());
    // finish sorts the whole buffer; the stable order of the two 3000s is kept.
    expect(Array.from(out.entityIndex)).toEqual([4, 2, 3, 0, 1]);
  });

  it('sorts times that are not whole seconds', () => {
    const b = new EventBuffer();
    b.push(0, 2500.5, 0);
    b.push(1, 1000.25, 1);
    b.push(2, 2500.5, 2);
    expect(Array.from(b.finish(new StateTable()).entityIndex)).toEqual([1, 0, 2]);
  });
});
