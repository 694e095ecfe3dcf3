import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { type EventSamples, prepareEvents } from './event-prepare';
import {
  candidateThresholds,
  chooseEventThreshold,
  describeEventObjective,
  eventCost,
  eventCurve,
  eventObjectiveSchema,
} from './event-threshold';

const DAY = 86_400_000;
const H = 3 * DAY;
const LOWEST = 1e-6;
const HIGHEST = 1 - 1e-6;

interface Device {
  home: number;
  device: number;
  days: number;
  failureDay: number;
  /** Score by day; unlisted days score 0.05. */
  peaks: Record<number, number>;
}

function build(devices: Device[]): { samples: EventSamples; scores: number[] } {
  const cols: EventSamples = { device: [], home: [], time: [], failureTime: [], scenario: [] };
  const push = (col: ArrayLike<number>, v: number): void => {
    (col as number[]).push(v);
  };
  const scores: number[] = [];
  for (const d of devices) {
    for (let day = 0; day < d.days; day++) {
      push(cols.device, d.device);
      push(cols.home, d.home);
      push(cols.time, day * DAY);
      push(cols.failureTime, Number.isNaN(d.failureDay) ? Number.NaN : d.failureDay * DAY);
      push(cols.scenario, Number.isNaN(d.failureDay) ? -1 : 0);
      scores.push(d.peaks[day] ?? 0.05);
    }
  }
  return { samples: cols, scores };
}

/*
 * Two healthy devices observed 30 days each (2 device-months: one false alarm = 50 per 100 device-months)
 * and one device failing on day 10 (window days 7–9). By threshold t:
 *   t ≤ 0.05        everything alerts: 1 episode per device → 2 false alarms (100), caught, lead 10 d
 *   0.05 < t ≤ 0.3  device 1: days 5, 15, 20; device 2: day 10 → 4 false alarms (200), caught
 *   0.3 < t ≤ 0.6   device 1: day 5; device 2: day 10 → 2 (100), caught
 *   0.6 < t ≤ 0.7   device 2: day 10 → 1 (50), caught on day 8 (lead 2 d)
 *   0.7 < t ≤ 0.8   1 (50), missed
 *   t > 0.8         0, missed
 */
const FIXTURE: Device[] = [
  { home: 1, device: 1, days: 30, failureDay: Number.NaN, peaks: { 5: 0.6, 15: 0.3, 20: 0.3 } },
  { home: 1, device: 2, days: 30, failureDay: Number.NaN, peaks: { 10: 0.8 } },
  { home: 2, device: 3, days: 10, failureDay: 10, peaks: { 8: 0.7, 9: 0.5 } },
];

describe('candidateThresholds', () => {
  it('lists every distinct score of a small set plus both extremes, ascending', () => {
    const { scores } = build(FIXTURE);
    expect(Array.from(candidateThresholds(scores))).toEqual([LOWEST, 0.05, 0.3, 0.5, 0.6, 0.7, 0.8, HIGHEST]);
  });

  it('keeps at most `max` distinct values inside (0, 1)', () => {
    const rng = createRng(2);
    const scores = Array.from({ length: 10_000 }, () => rng.next());
    scores.push(0, 1, Number.NaN);
    const c = candidateThresholds(scores, 16);
    expect(c.length).toBeLessThanOrEqual(16);
    expect(c.length).toBeGreaterThan(10);
    expect(c[0]).toBe(LOWEST);
    expect(c[c.length - 1]).toBe(HIGHEST);
    for (let k = 1; k < c.length; k++) expect(c[k] ?? 0).toBeGreaterThan(c[k - 1] ?? 0);
    expect(Array.from(candidateThresholds([]))).toEqual([LOWEST, HIGHEST]);
  });
});

describe('eventCurve', () => {
  it('follows the hand-worked table', () => {
    const { samples, scores } = build(FIXTURE);
    const curve = eventCurve(prepareEvents(samples, H), scores, [0.05, 0.3, 0.6, 0.7, 0.8, HIGHEST]);
    expect(curve.map((p) => p.falseAlarmsPer100DeviceMonths)).toEqual([100, 200, 100, 50, 50, 0]);
    expect(curve.map((p) => p.recall)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(curve.map((p) => p.medianLeadTimeDays)).toEqual([10, 2, 2, 2, Number.NaN, Number.NaN]);
    expect(curve.map((p) => p.falseEpisodesAll)).toEqual([2, 4, 2, 1, 1, 0]);
  });

  it('never gains recall as the threshold rises', () => {
    const rng = createRng(4);
    const devices: Device[] = [];
    for (let d = 0; d < 60; d++) {
      const failing = d % 3 === 0;
      const peaks: Record<number, number> = {};
      for (let day = 0; day < 40; day++) peaks[day] = rng.next() * (failing && day >= 27 ? 1 : 0.7);
      devices.push({ home: d % 7, device: d, days: 40, failureDay: failing ? 30 : Number.NaN, peaks });
    }
    const { samples, scores } = build(devices);
    const curve = eventCurve(prepareEvents(samples, H), scores, candidateThresholds(scores, 64));
    expect(curve[0]?.recall).toBe(1);
    expect(curve[curve.length - 1]?.recall).toBe(0);
    for (let k = 1; k < curve.length; k++) expect(curve[k]?.recall ?? 0).toBeLessThanOrEqual(curve[k - 1]?.recall ?? 0);
  });
});

describe('chooseEventThreshold', () => {
  const { samples, scores } = build(FIXTURE);
  const prep = prepareEvents(samples, H);

  it('takes the lowest threshold within the false-alarm budget', () => {
    const c = chooseEventThreshold(prep, scores, { kind: 'budget', falseAlarmsPer100DeviceMonths: 60 });
    expect(c.threshold).toBe(0.7);
    expect(c.validation.recall).toBe(1);
    expect(c.validation.falseAlarmsPer100DeviceMonths).toBe(50);
    expect(c.validation.medianLeadTimeDays).toBe(2);
    expect(c.cost).toBeNull();
    expect(c.note).toBeNull();
  });

  it('counts an always-on alert as one episode, so a generous budget can pick alerting on everything', () => {
    const c = chooseEventThreshold(prep, scores, { kind: 'budget', falseAlarmsPer100DeviceMonths: 100 });
    expect(c.threshold).toBe(LOWEST);
    expect(c.validation.medianLeadTimeDays).toBe(10);
  });

  it('says when the budget allows no caught failure', () => {
    const c = chooseEventThreshold(prep, scores, { kind: 'budget', falseAlarmsPer100DeviceMonths: 0 });
    expect(c.threshold).toBe(HIGHEST);
    expect(c.validation.recall).toBe(0);
    expect(c.note).toMatch(/no caught failure/);
  });

  it('falls back to the highest threshold with a note when no threshold meets the budget', () => {
    const saturated = build(FIXTURE.map((d) => (d.device === 2 ? { ...d, peaks: { 10: 1 } } : d)));
    const c = chooseEventThreshold(prepareEvents(saturated.samples, H), saturated.scores, {
      kind: 'budget',
      falseAlarmsPer100DeviceMonths: 10,
    });
    expect(c.threshold).toBe(HIGHEST);
    expect(c.validation.falseAlarmsPer100DeviceMonths).toBe(50);
    expect(c.note).toMatch(/No threshold keeps false alarms within 10 per 100 device-months/);
  });

  it('minimises cost, and alerts earlier when a missed failure costs more', () => {
    const cheapMiss = chooseEventThreshold(prep, scores, { kind: 'cost', falseAlarmCost: 1, missCost: 0.5 });
    expect(cheapMiss.threshold).toBe(HIGHEST);
    expect(cheapMiss.cost).toBe(0.5);
    const dearMiss = chooseEventThreshold(prep, scores, { kind: 'cost', falseAlarmCost: 1, missCost: 20 });
    expect(dearMiss.threshold).toBe(0.7);
    expect(dearMiss.cost).toBe(1);
    expect(dearMiss.note).toBeNull();
  });

  it('breaks cost ties towards the higher threshold', () => {
    // Cost 1 both at 0.7 (one false alarm) and at the top (one miss).
    const c = chooseEventThreshold(prep, scores, { kind: 'cost', falseAlarmCost: 1, missCost: 1 });
    expect(c.threshold).toBe(HIGHEST);
    expect(c.cost).toBe(1);
  });

  it('refuses validation data without a failure, and budgets without healthy exposure', () => {
    const healthy = build(FIXTURE.filter((d) => Number.isNaN(d.failureDay)));
    expect(() =>
      chooseEventThreshold(prepareEvents(healthy.samples, H), healthy.scores, {
        kind: 'cost',
        falseAlarmCost: 1,
        missCost: 1,
      }),
    ).toThrow(/no observed failure/);
    const failing = build(FIXTURE.filter((d) => !Number.isNaN(d.failureDay)));
    expect(() =>
      chooseEventThreshold(prepareEvents(failing.samples, H), failing.scores, {
        kind: 'budget',
        falseAlarmsPer100DeviceMonths: 5,
      }),
    ).toThrow(/healthy validation devices/);
  });
});

describe('event objectives', () => {
  it('computes the cost of false episodes and misses', () => {
    expect(eventCost({ falseEpisodesAll: 3, missed: 2 }, { falseAlarmCost: 1, missCost: 20 })).toBe(43);
  });

  it('validates objectives with clear messages', () => {
    expect(eventObjectiveSchema.safeParse({ kind: 'budget', falseAlarmsPer100DeviceMonths: 5 }).success).toBe(true);
    expect(eventObjectiveSchema.safeParse({ kind: 'cost', falseAlarmCost: 0, missCost: 3 }).success).toBe(true);
    const message = (v: unknown): string => {
      const r = eventObjectiveSchema.safeParse(v);
      return r.success ? '' : r.error.issues.map((i) => i.message).join('; ');
    };
    expect(message({ kind: 'budget', falseAlarmsPer100DeviceMonths: -1 })).toMatch(/budget must not be negative/);
    expect(message({ kind: 'budget', falseAlarmsPer100DeviceMonths: Number.POSITIVE_INFINITY })).toMatch(
      /finite number/,
    );
    expect(message({ kind: 'budget', falseAlarmsPer100DeviceMonths: Number.NaN })).toMatch(/finite number/);
    expect(message({ kind: 'cost', falseAlarmCost: 0, missCost: 0 })).toMatch(/cannot both be 0/);
    expect(message({ kind: 'cost', falseAlarmCost: 1, missCost: -2 })).toMatch(
      /missed-failure cost must not be negative/,
    );
  });

  it('describes objectives for the UI', () => {
    expect(describeEventObjective({ kind: 'budget', falseAlarmsPer100DeviceMonths: 5 })).toBe(
      '≤ 5 false alarms per 100 device-months on validation devices',
    );
    expect(describeEventObjective({ kind: 'cost', falseAlarmCost: 1, missCost: 20 })).toBe(
      'lowest cost on validation devices: false alarm 1, missed failure 20',
    );
  });
});
