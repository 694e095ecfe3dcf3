import { describe, expect, it } from 'vitest';
import { FAILURE_SCENARIOS, type FailureScenario, type Metric } from '../device-types';
import { DAY_MS } from './calendar';
import { createDatasetContext } from './dataset-context';
import { generateTemporal } from './generate';
import { regenerateDevice, type RegeneratedDevice } from './regenerate';
import { DEFAULT_SCENARIO_MIX, defaultTemporalSpec, type TemporalSpec } from './spec';
import { FEATURE_COUNT, featureIndex } from './window-features';

const onlyScenario = (s: FailureScenario): Record<FailureScenario, number> =>
  Object.fromEntries(FAILURE_SCENARIOS.map((x) => [x, x === s ? 1 : 0])) as Record<FailureScenario, number>;

function failingSeries(spec: TemporalSpec): RegeneratedDevice[] {
  const ctx = createDatasetContext(spec);
  const out: RegeneratedDevice[] = [];
  for (let d = 0; d < ctx.dir.totalDevices; d++) {
    if (ctx.failures.isFailing(d)) out.push(regenerateDevice(spec, d, ctx));
  }
  return out;
}

/** Mean of a metric over [from, to) (ms), skipping missing steps; NaN when empty. */
function meanBetween(s: RegeneratedDevice, m: Metric, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  s.time.forEach((t, i) => {
    const x = s.metrics[m][i] ?? Number.NaN;
    if (t >= from && t < to && !Number.isNaN(x)) {
      sum += x;
      n++;
    }
  });
  return n > 0 ? sum / n : Number.NaN;
}

const average = (xs: readonly number[]): number => {
  const ok = xs.filter((x) => !Number.isNaN(x));
  return ok.reduce((a, b) => a + b, 0) / ok.length;
};

/** Per-device means before the precursor, over its first and second halves, and in the last day. */
function phases(series: readonly RegeneratedDevice[], m: Metric) {
  const before: number[] = [];
  const early: number[] = [];
  const late: number[] = [];
  const lastDay: number[] = [];
  for (const s of series) {
    const { precursorStart: p, failureTime: f } = s.truth;
    const start = s.time[0] ?? 0;
    if (p - 3 * DAY_MS < start) continue;
    const mid = (p + f) / 2;
    before.push(meanBetween(s, m, p - 3 * DAY_MS, p));
    early.push(meanBetween(s, m, p, mid));
    late.push(meanBetween(s, m, mid, f));
    lastDay.push(meanBetween(s, m, f - DAY_MS, f));
  }
  return {
    n: before.length,
    before: average(before),
    early: average(early),
    late: average(late),
    lastDay: average(lastDay),
  };
}

/** True when the battery jumps up (a new battery) between the last reading before the precursor and the failure. */
function replacedInPrecursor(s: RegeneratedDevice): boolean {
  let prev = Number.NaN;
  let replaced = false;
  s.time.forEach((t, i) => {
    const x = s.metrics.battery_level[i] ?? Number.NaN;
    if (t >= s.truth.failureTime || Number.isNaN(x)) return;
    if (t >= s.truth.precursorStart && x > prev + 20) replaced = true;
    prev = x;
  });
  return replaced;
}

/** The last battery reading before the failure. */
function lastBatteryBeforeFailure(s: RegeneratedDevice): number {
  let last = Number.NaN;
  s.time.forEach((t, i) => {
    const x = s.metrics.battery_level[i] ?? Number.NaN;
    if (t < s.truth.failureTime && !Number.isNaN(x)) last = x;
  });
  return last;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
};

const scenarioSpec = (s: FailureScenario, over: Partial<TemporalSpec> = {}): TemporalSpec =>
  defaultTemporalSpec({ seed: 11, homes: 4, days: 60, failureRate: 1, scenarioMix: onlyScenario(s), ...over });

describe('failure precursors', () => {
  it('progressive: error rate and response time rise gradually over days', () => {
    const series = failingSeries(scenarioSpec('progressive'));
    expect(series.every((s) => s.truth.scenario === 'progressive')).toBe(true);
    for (const m of ['error_rate', 'response_time'] as const) {
      const ph = phases(series, m);
      expect(ph.n).toBeGreaterThan(30);
      expect(ph.early).toBeGreaterThan(ph.before);
      expect(ph.late).toBeGreaterThan(ph.early * 1.1);
      expect(ph.lastDay).toBeGreaterThan(ph.late);
    }
    const lengths = series.map((s) => (s.truth.failureTime - s.truth.precursorStart) / DAY_MS);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(16);
  });

  it('intermittent: bursts of drops and errors that grow more frequent', () => {
    const series = failingSeries(scenarioSpec('intermittent'));
    const drops = phases(series, 'connection_drops');
    expect(drops.early).toBeGreaterThan(drops.before);
    expect(drops.late).toBeGreaterThan(drops.early * 1.3);
    const errors = phases(series, 'error_rate');
    expect(errors.late).toBeGreaterThan(errors.before * 1.3);
  });

  it('battery_depletion: only battery devices, draining faster, running out at the failure', () => {
    const series = failingSeries(scenarioSpec('battery_depletion'));
    expect(series.filter((s) => s.truth.scenario === 'battery_depletion').every((s) => s.batteryPowered)).toBe(true);
    // Mains devices cannot deplete a battery: they get another scenario (progressive when none is left).
    expect(series.filter((s) => !s.batteryPowered).every((s) => s.truth.scenario === 'progressive')).toBe(true);
    const battery = series.filter((s) => s.truth.scenario === 'battery_depletion' && s.deviceType !== 'vacuum');
    const drainPerDay = (s: RegeneratedDevice, from: number, to: number): number => {
      // Sum of the decreases only, so replacements (jumps up) do not hide the drain.
      let drop = 0;
      let prev = Number.NaN;
      s.time.forEach((t, i) => {
        const x = s.metrics.battery_level[i] ?? Number.NaN;
        if (t < from || t >= to || Number.isNaN(x)) return;
        if (!Number.isNaN(prev) && x < prev) drop += prev - x;
        prev = x;
      });
      return drop / ((to - from) / DAY_MS);
    };
    const usable = battery.filter((s) => s.truth.precursorStart - 5 * DAY_MS > (s.time[0] ?? 0));
    expect(usable.length).toBeGreaterThan(5);
    const before = average(
      usable.map((s) => drainPerDay(s, s.truth.precursorStart - 5 * DAY_MS, s.truth.precursorStart)),
    );
    const late = average(usable.map((s) => drainPerDay(s, s.truth.failureTime - 2 * DAY_MS, s.truth.failureTime)));
    expect(late).toBeGreaterThan(2 * before);
    expect(battery.filter(replacedInPrecursor)).toEqual([]);
    const lastBattery = battery.map(lastBatteryBeforeFailure);
    expect(Math.max(...lastBattery)).toBeLessThan(5);
  });

  it('network_issues: the signal weakens over days and drops come in bursts', () => {
    const series = failingSeries(scenarioSpec('network_issues'));
    const signal = phases(series, 'signal_strength');
    expect(signal.early).toBeLessThan(signal.before);
    expect(signal.late).toBeLessThan(signal.early - 2);
    expect(signal.lastDay).toBeLessThan(signal.before - 8);
    const drops = phases(series, 'connection_drops');
    expect(drops.late).toBeGreaterThan(drops.before * 2);
  });

  it('sudden: at most half a day of faint precursor, nothing days before', () => {
    const series = failingSeries(scenarioSpec('sudden'));
    for (const s of series) expect(s.truth.failureTime - s.truth.precursorStart).toBeLessThanOrEqual(0.5 * DAY_MS);
    const before: number[] = [];
    const justBefore: number[] = [];
    for (const s of series) {
      const f = s.truth.failureTime;
      before.push(meanBetween(s, 'error_rate', f - 4 * DAY_MS, f - 2 * DAY_MS));
      justBefore.push(meanBetween(s, 'error_rate', f - 2 * DAY_MS, f - DAY_MS));
    }
    expect(Math.abs(average(justBefore) / average(before) - 1)).toBeLessThan(0.15);
  });

  it('scales precursor strength with difficulty', () => {
    const rise = (difficulty: TemporalSpec['difficulty']): number => {
      const ph = phases(failingSeries(scenarioSpec('progressive', { difficulty, homes: 3 })), 'response_time');
      return ph.lastDay / ph.before;
    };
    expect(rise('easy')).toBeGreaterThan(rise('normal'));
    expect(rise('normal')).toBeGreaterThan(rise('hard'));
  });
});

describe('failures and labels', () => {
  const spec = defaultTemporalSpec({
    seed: 8,
    homes: 10,
    days: 45,
    failureRate: 0.4,
    scenarioMix: { ...DEFAULT_SCENARIO_MIX },
  });
  const chunks = [...generateTemporal(spec)];

  it('fails floor(rate · devices) devices, inside [start + W days, end), after their precursor start', () => {
    const ctx = createDatasetContext(spec);
    const failureTimes = chunks.flatMap((c) => Array.from(c.devices.failureTime).filter((t) => !Number.isNaN(t)));
    const devices = chunks.reduce((a, c) => a + c.devices.deviceIndex.length, 0);
    expect(failureTimes).toHaveLength(Math.floor(0.4 * devices));
    for (const c of chunks) {
      c.devices.scenario.forEach((sc, r) => {
        const f = c.devices.failureTime[r] ?? Number.NaN;
        const p = c.devices.precursorStart[r] ?? Number.NaN;
        if (sc < 0) {
          expect(Number.isNaN(f) && Number.isNaN(p)).toBe(true);
          return;
        }
        expect(f).toBeGreaterThanOrEqual(ctx.cal.dayStartTime[spec.windowDays] ?? 0);
        expect(f).toBeLessThan(ctx.cal.dayStartTime[spec.days] ?? 0);
        expect(p).toBeLessThan(f);
        if (sc === FAILURE_SCENARIOS.indexOf('battery_depletion')) expect(c.devices.batteryPowered[r]).toBe(1);
      });
    }
    const used = new Set(chunks.flatMap((c) => Array.from(c.devices.scenario).filter((s) => s >= 0)));
    expect(used.size).toBe(5);
  });

  it('labels a sample 1 exactly when its device fails within (t, t + H days]', () => {
    let positives = 0;
    for (const c of chunks) {
      const failure = new Map(Array.from(c.devices.deviceIndex, (d, r) => [d, c.devices.failureTime[r] ?? Number.NaN]));
      const bad: number[] = [];
      c.samples.label.forEach((label, i) => {
        const f = failure.get(c.samples.deviceIndex[i] ?? 0) ?? Number.NaN;
        const t = c.samples.time[i] ?? 0;
        const expected = !Number.isNaN(f) && f > t && f <= t + spec.horizonDays * DAY_MS ? 1 : 0;
        if (label !== expected || t >= f) bad.push(i);
        positives += label;
      });
      expect(bad).toEqual([]);
    }
    // Each failure after day W + H has H positive daily samples before it.
    expect(positives).toBeGreaterThan(50);
  });

  it('keeps the legacy rule as a separate, leaky column that disagrees with the ground-truth label', () => {
    let agree = 0;
    let legacyPositives = 0;
    let n = 0;
    for (const c of chunks) {
      c.samples.legacyLabel.forEach((legacy, i) => {
        const f = c.samples.features;
        const o = i * FEATURE_COUNT;
        const rule =
          (f[o + featureIndex(1, 'last')] ?? 0) > 0.1 ||
          (f[o + featureIndex(2, 'last')] ?? 100) < 20 ||
          (f[o + featureIndex(0, 'last')] ?? 0) > 2000;
        expect(legacy).toBe(rule ? 1 : 0);
        legacyPositives += legacy;
        if (legacy === c.samples.label[i]) agree++;
        n++;
      });
    }
    expect(legacyPositives).toBeGreaterThan(0);
    expect(agree / n).toBeLessThan(0.98);
  });
});

describe('failures over a generated dataset (60 homes × 120 days, seed 42, default settings)', () => {
  const spec = defaultTemporalSpec({ seed: 42, homes: 60, days: 120 });
  const ctx = createDatasetContext(spec);
  const battery = FAILURE_SCENARIOS.indexOf('battery_depletion');
  const sudden = FAILURE_SCENARIOS.indexOf('sudden');
  const batteryLast = featureIndex(2, 'last');
  const lastSampleBattery: number[] = [];
  const devices: number[] = [];
  let suddenPositives = 0;
  let suddenWithoutPrecursor = 0;
  for (const c of generateTemporal(spec)) {
    const row = new Map<number, number>();
    c.devices.deviceIndex.forEach((d, r) => row.set(d, r));
    const lastSample = new Map<number, number>();
    c.samples.deviceIndex.forEach((d, i) => {
      lastSample.set(d, i);
      const r = row.get(d) ?? 0;
      if (c.samples.label[i] !== 1 || c.devices.scenario[r] !== sudden) return;
      suddenPositives++;
      // The window is [t − W days, t): it holds no precursor step when the precursor starts at t or later.
      if ((c.devices.precursorStart[r] ?? 0) >= (c.samples.time[i] ?? 0)) suddenWithoutPrecursor++;
    });
    c.devices.deviceIndex.forEach((d, r) => {
      if (c.devices.scenario[r] !== battery) return;
      devices.push(d);
      const i = lastSample.get(d);
      if (i !== undefined) lastSampleBattery.push(c.samples.features[i * FEATURE_COUNT + batteryLast] ?? Number.NaN);
    });
  }
  const series = devices.map((d) => regenerateDevice(spec, d, ctx));

  it('never replaces the battery during the precursor window', () => {
    expect(series.length).toBeGreaterThan(15);
    expect(series.filter(replacedInPrecursor).map((s) => s.deviceIndex)).toEqual([]);
  });

  it('fails when the battery runs out: the battery is low in the last sample and reading before the failure', () => {
    // The last sample is at most one day (the stride) before the failure; its window's last battery reading.
    expect(lastSampleBattery.length).toBeGreaterThan(15);
    expect(median(lastSampleBattery)).toBeLessThanOrEqual(10);
    // The last raw reading, at most a step before the failure, is nearly empty.
    expect(median(series.map(lastBatteryBeforeFailure))).toBeLessThanOrEqual(1);
  });

  it('sudden failures: about 95 % of their positive samples have no precursor inside the window (the UI says so)', () => {
    expect(suddenPositives).toBeGreaterThan(200);
    const share = suddenWithoutPrecursor / suddenPositives;
    expect(share).toBeGreaterThan(0.93);
    expect(share).toBeLessThan(0.98);
  });
});
