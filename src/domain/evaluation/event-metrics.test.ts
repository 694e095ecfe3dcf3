import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { quantileSorted } from './bootstrap';
import { bootstrapEventMetrics } from './event-bootstrap';
import { eventMetrics } from './event-metrics';
import { type EventSamples, prepareEvents } from './event-prepare';
import { observedDeviceMonths } from './operating-threshold';

const DAY = 86_400_000;
const H = 3 * DAY;
const T0 = Date.UTC(2024, 0, 1);

interface Device {
  home: number;
  device: number;
  days: number[];
  /** NaN for a healthy device. */
  failureDay: number;
  scenario: number;
  /** Days whose sample scores 0.9 (the others score 0.1). */
  alerts: number[];
}

const range = (from: number, to: number, step = 1): number[] => {
  const out: number[] = [];
  for (let d = from; d < to; d += step) out.push(d);
  return out;
};

function build(devices: Device[]): { samples: EventSamples; scores: number[] } {
  const device: number[] = [];
  const home: number[] = [];
  const time: number[] = [];
  const failureTime: number[] = [];
  const scenario: number[] = [];
  const scores: number[] = [];
  for (const d of devices) {
    for (const day of d.days) {
      device.push(d.device);
      home.push(d.home);
      time.push(T0 + day * DAY);
      failureTime.push(Number.isNaN(d.failureDay) ? Number.NaN : T0 + d.failureDay * DAY);
      scenario.push(d.scenario);
      scores.push(d.alerts.includes(day) ? 0.9 : 0.1);
    }
  }
  return { samples: { device, home, time, failureTime, scenario }, scores };
}

/*
 * H = 3 days, threshold 0.5, failure windows [F − 3 d, F): days 7, 8, 9 for a failure on day 10.
 * Device 1: alerts 2 | 5 6 7 | 9 → 3 episodes; {2} false, {5,6,7} catches (starts day 5: lead 5 d > H), {9} true.
 * Device 2 (healthy, daily, 10 days = 1/3 month): alerts 3 4 | 8 → 2 false alarms.
 * Device 3: alerts only on days 11, 12, after its failure → 1 false episode, missed.
 * Device 4: fails on day 20 but is sampled on days 0–9 only → unobserved, its alert on day 5 counts nowhere.
 * Device 5 (healthy, every 2 days, 10 samples = 20 days = 2/3 month): alerts 0 2 | 10 → 2 false alarms.
 * Device 6: alerts 8 9 → caught, lead 2 d.
 */
const FIXTURE: Device[] = [
  { home: 10, device: 1, days: range(0, 10), failureDay: 10, scenario: 2, alerts: [2, 5, 6, 7, 9] },
  { home: 10, device: 2, days: range(0, 10), failureDay: Number.NaN, scenario: -1, alerts: [3, 4, 8] },
  { home: 20, device: 3, days: range(0, 13), failureDay: 10, scenario: 0, alerts: [11, 12] },
  { home: 20, device: 4, days: range(0, 10), failureDay: 20, scenario: 1, alerts: [5] },
  { home: 20, device: 5, days: range(0, 20, 2), failureDay: Number.NaN, scenario: -1, alerts: [0, 2, 10] },
  { home: 30, device: 6, days: range(0, 10), failureDay: 10, scenario: 2, alerts: [8, 9] },
];

describe('eventMetrics', () => {
  const { samples, scores } = build(FIXTURE);
  const prep = prepareEvents(samples, H);

  it('classifies devices into failing, healthy and unobserved', () => {
    expect(prep.failingDevices).toBe(3);
    expect(prep.healthyDevices).toBe(2);
    expect(prep.unobservedFailures).toBe(1);
    expect(prep.homeCount).toBe(3);
    expect(prep.healthyDeviceMonths).toBeCloseTo(1, 12);
  });

  it('counts episodes, catches, lead times and false alarms as worked out by hand', () => {
    const m = eventMetrics(prep, scores, 0.5);
    expect(m.failingDevices).toBe(3);
    expect(m.caught).toBe(2);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.missed).toBe(1);
    expect(m.episodes).toBe(9);
    expect(m.trueEpisodes).toBe(3);
    expect(m.episodePrecision).toBeCloseTo(1 / 3, 12);
    expect(m.falseEpisodesAll).toBe(6);
    expect(m.falseAlarms).toBe(4);
    expect(m.healthyDeviceMonths).toBeCloseTo(1, 12);
    expect(m.falseAlarmsPer100DeviceMonths).toBeCloseTo(400, 9);
    expect(m.leadTimesDays).toEqual([2, 5]);
    expect(m.medianLeadTimeDays).toBe(3.5);
    expect(m.unobservedFailures).toBe(1);
  });

  it('gives recall and lead time per scenario of the failing devices only', () => {
    const m = eventMetrics(prep, scores, 0.5);
    expect(m.byScenario).toEqual([
      { scenario: 0, failing: 1, caught: 0, recall: 0, medianLeadTimeDays: Number.NaN },
      { scenario: 2, failing: 2, caught: 2, recall: 1, medianLeadTimeDays: 3.5 },
    ]);
  });

  it('dates the lead time from the start of the catching episode, even before the window', () => {
    const one = build([
      { home: 1, device: 1, days: range(0, 10), failureDay: 10, scenario: 0, alerts: [1, 2, 3, 4, 5, 6, 7, 8] },
    ]);
    const m = eventMetrics(prepareEvents(one.samples, H), one.scores, 0.5);
    expect(m.episodes).toBe(1);
    expect(m.leadTimesDays).toEqual([9]);
  });

  it('counts an alert standing through the failure as one true episode, and later alerts as false', () => {
    const one = build([
      { home: 1, device: 1, days: range(0, 14), failureDay: 10, scenario: 0, alerts: [9, 10, 11, 13] },
    ]);
    const m = eventMetrics(prepareEvents(one.samples, H), one.scores, 0.5);
    expect(m.episodes).toBe(2);
    expect(m.trueEpisodes).toBe(1);
    expect(m.falseEpisodesAll).toBe(1);
    // False episodes on failing devices are not false alarms: those are counted on healthy exposure only.
    expect(m.falseAlarms).toBe(0);
    expect(m.leadTimesDays).toEqual([1]);
  });

  it('does not count an alert at the failure time itself as a catch', () => {
    // The sample taken at F has label 0 (the failure is not in (F, F + H]): it lies outside the failure window (the window is [F − H, F)).
    const one = build([{ home: 1, device: 1, days: range(0, 12), failureDay: 10, scenario: 0, alerts: [10, 11] }]);
    const m = eventMetrics(prepareEvents(one.samples, H), one.scores, 0.5);
    expect(m.failingDevices).toBe(1);
    expect(m.caught).toBe(0);
    expect(m.falseEpisodesAll).toBe(1);
  });

  it('alerting on everything makes one episode per evaluated device', () => {
    const m = eventMetrics(prep, scores, 0);
    expect(m.episodes).toBe(5);
    expect(m.caught).toBe(3);
    expect(m.falseAlarms).toBe(2);
    expect(m.falseAlarmsPer100DeviceMonths).toBeCloseTo(200, 9);
    // Every failing device's only episode starts at its first sample, on day 0.
    expect(m.leadTimesDays).toEqual([10, 10, 10]);
    const none = eventMetrics(prep, scores, 1);
    expect(none.episodes).toBe(0);
    expect(none.recall).toBe(0);
    expect(none.episodePrecision).toBeNaN();
    expect(none.medianLeadTimeDays).toBeNaN();
    expect(none.missed).toBe(3);
  });

  it('measures healthy exposure exactly as observedDeviceMonths does', () => {
    const healthy = samples.failureTime as number[];
    const keep = healthy.flatMap((f, i) => (Number.isNaN(f) ? [i] : []));
    const groups = keep.map((i) => (samples.device as number[])[i] ?? 0);
    const times = keep.map((i) => (samples.time as number[])[i] ?? 0);
    expect(prep.healthyDeviceMonths).toBeCloseTo(observedDeviceMonths(groups, times), 12);
  });

  it('gives the same result on shuffled input', () => {
    const rng = createRng(7);
    const perm = rng.shuffle(Array.from({ length: scores.length }, (_, i) => i));
    const pick = (col: ArrayLike<number>): number[] => perm.map((i) => col[i] ?? Number.NaN);
    const shuffled: EventSamples = {
      device: pick(samples.device),
      home: pick(samples.home),
      time: pick(samples.time),
      failureTime: pick(samples.failureTime),
      scenario: pick(samples.scenario),
    };
    const m = eventMetrics(prepareEvents(shuffled, H), pick(scores), 0.5);
    expect(m).toEqual(eventMetrics(prep, scores, 0.5));
  });

  it('keeps devices of different homes apart even when their ids coincide', () => {
    const two = build([
      { home: 1, device: 7, days: range(0, 10), failureDay: 10, scenario: 0, alerts: [8] },
      { home: 2, device: 7, days: range(0, 10), failureDay: Number.NaN, scenario: -1, alerts: [8] },
    ]);
    const m = eventMetrics(prepareEvents(two.samples, H), two.scores, 0.5);
    expect(m.failingDevices).toBe(1);
    expect(m.caught).toBe(1);
    expect(m.falseAlarms).toBe(1);
  });

  it('rejects inconsistent input', () => {
    const bad: EventSamples = {
      ...samples,
      failureTime: (samples.failureTime as number[]).map((f, i) => (i === 3 ? f + DAY : f)),
    };
    expect(() => prepareEvents(bad, H)).toThrow(/two failure times/);
    expect(() => prepareEvents({ ...samples, home: [1] }, H)).toThrow(/one entry per sample/);
    expect(() => prepareEvents(samples, 0)).toThrow(/horizonMs/);
    expect(() => eventMetrics(prep, [0.5], 0.5)).toThrow(/one entry per prepared sample/);
  });
});

describe('bootstrapEventMetrics', () => {
  const { samples, scores } = build(FIXTURE);
  const prep = prepareEvents(samples, H);

  it('is reproducible from its seed and reports the full-sample estimates', () => {
    const a = bootstrapEventMetrics(prep, scores, 0.5, { seed: 11, resamples: 200 });
    const b = bootstrapEventMetrics(prep, scores, 0.5, { seed: 11, resamples: 200 });
    expect(a).toEqual(b);
    expect(a.metrics).toEqual(eventMetrics(prep, scores, 0.5));
    expect(a.intervals.recall.estimate).toBeCloseTo(2 / 3, 12);
    expect(a.intervals.medianLeadTimeDays.estimate).toBe(3.5);
    expect(a.intervals.recall.resamples).toBe(200);
  });

  it('collapses to the estimate with a single home', () => {
    const one = build(FIXTURE.filter((d) => d.home === 10));
    const { metrics, intervals } = bootstrapEventMetrics(prepareEvents(one.samples, H), one.scores, 0.5, {
      seed: 1,
      resamples: 100,
    });
    // Home 10: device 1 caught (lead 5), 3 episodes of which 2 true; device 2: 2 false alarms in 1/3 month.
    expect(metrics.recall).toBe(1);
    expect(metrics.episodePrecision).toBeCloseTo(2 / 5, 12);
    expect(metrics.falseAlarmsPer100DeviceMonths).toBeCloseTo(600, 9);
    for (const iv of Object.values(intervals)) {
      expect(iv.valid).toBe(100);
      expect(iv.low).toBeCloseTo(iv.estimate, 9);
      expect(iv.high).toBeCloseTo(iv.estimate, 9);
    }
  });

  it('spans a home where every failure is caught and one where none is', () => {
    const two = build([
      { home: 1, device: 1, days: range(0, 10), failureDay: 10, scenario: 0, alerts: [8] },
      { home: 1, device: 2, days: range(0, 10), failureDay: 10, scenario: 0, alerts: [9] },
      { home: 2, device: 3, days: range(0, 10), failureDay: 10, scenario: 0, alerts: [] },
      { home: 2, device: 4, days: range(0, 10), failureDay: 10, scenario: 0, alerts: [] },
    ]);
    const { intervals } = bootstrapEventMetrics(prepareEvents(two.samples, H), two.scores, 0.5, { seed: 3 });
    expect(intervals.recall.estimate).toBe(0.5);
    expect(intervals.recall.low).toBe(0);
    expect(intervals.recall.high).toBe(1);
    // No healthy device: the false-alarm rate is undefined in every replicate.
    expect(intervals.falseAlarmsPer100DeviceMonths.valid).toBe(0);
    expect(intervals.falseAlarmsPer100DeviceMonths.low).toBeNaN();
    // Replicates drawing only home 2 catch nothing, so they have no lead time.
    expect(intervals.medianLeadTimeDays.valid).toBeLessThan(1000);
    expect(intervals.medianLeadTimeDays.estimate).toBe(1.5);
  });

  // 30 homes of 4 devices with random scores: a realistic spread of outcomes.
  function randomHomes(seed: number): { samples: EventSamples; scores: number[] } {
    const rng = createRng(seed);
    const devices: Device[] = [];
    for (let h = 0; h < 30; h++) {
      for (let k = 0; k < 4; k++) {
        const failing = rng.chance(0.4);
        const failureDay = 20 + rng.int(0, 25);
        const days = range(0, failing ? failureDay + rng.int(0, 3) : 40 + rng.int(0, 20));
        const alerts = days.filter((d) => rng.chance(failing && d >= failureDay - 3 && d < failureDay ? 0.5 : 0.08));
        devices.push({
          home: h,
          device: h * 10 + k,
          days,
          failureDay: failing ? failureDay : Number.NaN,
          scenario: rng.int(0, 2),
          alerts,
        });
      }
    }
    return build(devices);
  }

  it('gives intervals that contain the estimate on a realistic example', () => {
    const data = randomHomes(5);
    const { intervals } = bootstrapEventMetrics(prepareEvents(data.samples, H), data.scores, 0.5, { seed: 9 });
    for (const iv of Object.values(intervals)) {
      expect(iv.valid).toBe(1000);
      expect(iv.low).toBeLessThan(iv.high);
      expect(iv.low).toBeLessThanOrEqual(iv.estimate);
      expect(iv.high).toBeGreaterThanOrEqual(iv.estimate);
    }
  });

  it('matches replicates recomputed from scratch on the drawn homes', () => {
    const data = randomHomes(8);
    const p = prepareEvents(data.samples, H);
    const resamples = 40;
    const level = 0.8;
    const fast = bootstrapEventMetrics(p, data.scores, 0.5, { seed: 21, resamples, level }).intervals;

    // The same draws: one uniform per home per replicate, homes numbered by first appearance.
    const rng = createRng(21);
    const u = new Float64Array(p.homeCount);
    const homeCol = data.samples.home as number[];
    const reps = {
      recall: [] as number[],
      episodePrecision: [] as number[],
      falseAlarmsPer100DeviceMonths: [] as number[],
      medianLeadTimeDays: [] as number[],
    };
    for (let r = 0; r < resamples; r++) {
      rng.fill(u);
      const rows: number[] = [];
      const newHome: number[] = [];
      u.forEach((x, j) => {
        const key = p.homeKey[Math.floor(x * p.homeCount)];
        homeCol.forEach((hk, i) => {
          if (hk === key) {
            rows.push(i);
            newHome.push(j);
          }
        });
      });
      const pick = (col: ArrayLike<number>): number[] => rows.map((i) => col[i] ?? Number.NaN);
      const replicate: EventSamples = {
        device: pick(data.samples.device),
        home: newHome,
        time: pick(data.samples.time),
        failureTime: pick(data.samples.failureTime),
        scenario: pick(data.samples.scenario),
      };
      const m = eventMetrics(prepareEvents(replicate, H), pick(data.scores), 0.5);
      for (const key of Object.keys(reps) as (keyof typeof reps)[]) if (!Number.isNaN(m[key])) reps[key].push(m[key]);
    }
    for (const key of Object.keys(reps) as (keyof typeof reps)[]) {
      const sorted = Float64Array.from(reps[key]).sort();
      expect(fast[key].valid).toBe(sorted.length);
      expect(fast[key].low).toBeCloseTo(quantileSorted(sorted, 0.1), 9);
      expect(fast[key].high).toBeCloseTo(quantileSorted(sorted, 0.9), 9);
    }
  });
});
