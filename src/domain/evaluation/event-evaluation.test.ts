import { describe, expect, it } from 'vitest';
import { evaluateEvents, recallFrontier, type EventPart } from './event-evaluation';

const DAY = 86_400_000;

/**
 * Two homes of different home types, two devices each, 6 daily samples (days 0–5). Device 1 (home type 0)
 * fails on day 6 and device 3 (home type 1) on day 6; devices 2 and 4 are healthy. H = 2 days, so the
 * failing devices' samples on days 4 and 5 are in their windows.
 */
function part(scores: number[]): EventPart {
  const device: number[] = [];
  const home: number[] = [];
  const homeType: number[] = [];
  const time: number[] = [];
  const failureTime: number[] = [];
  for (const [d, h, t, fails] of [
    [1, 10, 0, true],
    [2, 10, 0, false],
    [3, 11, 1, true],
    [4, 11, 1, false],
  ] as const) {
    for (let day = 0; day < 6; day++) {
      device.push(d);
      home.push(h);
      homeType.push(t);
      time.push(day * DAY);
      failureTime.push(fails ? 6 * DAY : Number.NaN);
    }
  }
  return { scores, device, home, homeType, scenario: device.map((d) => (d % 2 === 1 ? 0 : -1)), time, failureTime };
}

// Type 0 scores low (0.2–0.3 before its failure), type 1 high (0.7–0.8); each healthy device has one spike.
const SCORES = [
  0.1,
  0.1,
  0.1,
  0.1,
  0.3,
  0.3, // device 1: window days 4–5 at 0.3
  0.1,
  0.25,
  0.1,
  0.1,
  0.1,
  0.1, // device 2: spike 0.25 on day 1
  0.5,
  0.5,
  0.5,
  0.5,
  0.8,
  0.8, // device 3: window at 0.8
  0.5,
  0.75,
  0.5,
  0.5,
  0.5,
  0.5, // device 4: spike 0.75 on day 1
];

describe('evaluateEvents', () => {
  const options = { horizonMs: 2 * DAY, runThreshold: 0.5, seed: 1, resamples: 50 } as const;

  it('keeps the run threshold without an objective', () => {
    const e = evaluateEvents(part(SCORES), null, { ...options, objective: null, scope: 'global' });
    // At 0.5: device 1 is missed; device 3 alerts on every day (one episode, lead 6 days); device 4 alerts every day too.
    expect(e.threshold).toBe(0.5);
    expect(e.metrics.caught).toBe(1);
    expect(e.metrics.leadTimesDays).toEqual([6]);
    expect(e.metrics.falseAlarms).toBe(1);
    expect(e.validation).toBeNull();
    expect(e.curve.length).toBeGreaterThan(3);
  });

  it('one threshold per home type catches both failures with no false alarm where one threshold cannot', () => {
    const val = part(SCORES);
    const zero = { kind: 'budget', falseAlarmsPer100DeviceMonths: 0 } as const;
    const one = evaluateEvents(part(SCORES), val, { ...options, objective: zero, scope: 'global' });
    // One threshold with no false alarm must sit above 0.75 (device 4's spike): only device 3 is caught.
    expect(one.threshold).toBeGreaterThan(0.75);
    expect(one.metrics.caught).toBe(1);
    const per = evaluateEvents(part(SCORES), val, { ...options, objective: zero, scope: 'per-home-type' });
    expect(Number.isNaN(per.threshold)).toBe(true);
    // Type 0 above 0.25 and at most 0.3; type 1 above 0.75 and at most 0.8.
    expect(per.thresholds?.[0]).toBeGreaterThan(0.25);
    expect(per.thresholds?.[0]).toBeLessThanOrEqual(0.3);
    expect(per.thresholds?.[1]).toBeGreaterThan(0.75);
    expect(per.thresholds?.[1]).toBeLessThanOrEqual(0.8);
    expect(per.metrics.caught).toBe(2);
    expect(per.metrics.falseAlarms).toBe(0);
    // Both windowed episodes start on day 4: 2 days before the failure.
    expect(per.metrics.leadTimesDays).toEqual([2, 2]);
    expect(per.validation?.recall).toBe(1);
  });

  it('costs: a dear miss buys recall with false alarms, and the cost is counted on test', () => {
    const val = part(SCORES);
    const cheapMiss = evaluateEvents(part(SCORES), val, {
      ...options,
      objective: { kind: 'cost', falseAlarmCost: 10, missCost: 1 },
      scope: 'global',
    });
    const dearMiss = evaluateEvents(part(SCORES), val, {
      ...options,
      objective: { kind: 'cost', falseAlarmCost: 1, missCost: 10 },
      scope: 'global',
    });
    expect(dearMiss.metrics.caught).toBe(2);
    expect(cheapMiss.metrics.caught).toBeLessThan(2);
    expect(dearMiss.cost).toBe(dearMiss.metrics.falseEpisodesAll * 1 + dearMiss.metrics.missed * 10);
  });

  it('says so and keeps the run threshold when there are no validation samples', () => {
    const e = evaluateEvents(part(SCORES), null, {
      ...options,
      objective: { kind: 'budget', falseAlarmsPer100DeviceMonths: 1 },
      scope: 'global',
    });
    expect(e.threshold).toBe(0.5);
    expect(e.note).toMatch(/no validation samples/);
  });
});

describe('recallFrontier', () => {
  it('keeps, by rising false-alarm rate, only points that raise recall', () => {
    const p = (falseAlarmsPer100DeviceMonths: number, recall: number) => ({ falseAlarmsPer100DeviceMonths, recall });
    // The fold-back (rate falls again at the lowest thresholds) and dominated points disappear.
    expect(recallFrontier([p(0, 0), p(2, 0.5), p(1, 0.5), p(5, 0.4), p(8, 0.9), p(3, 1), p(Number.NaN, 1)])).toEqual([
      p(0, 0),
      p(1, 0.5),
      p(3, 1),
    ]);
  });
});
