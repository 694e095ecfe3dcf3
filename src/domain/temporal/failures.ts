import { FAILURE_SCENARIOS, type FailureScenario } from '../device-types';
import type { Rng } from '../random';
import { DAY_MS, type TemporalCalendar } from './calendar';
import type { TemporalSpec } from './spec';

/**
 * How `difficulty` shapes the task. `strength` scales every precursor effect, `length` stretches the
 * precursor (a longer one is fainter per day and starts well before the horizon, so more negatives look
 * like positives), `nuisance` scales benign episodes on all devices that mimic precursors.
 */
export const DIFFICULTY: Readonly<
  Record<TemporalSpec['difficulty'], { strength: number; length: number; nuisance: number }>
> = {
  easy: { strength: 1.8, length: 1, nuisance: 0.5 },
  normal: { strength: 1, length: 1, nuisance: 1 },
  hard: { strength: 0.55, length: 1.5, nuisance: 1.6 },
};

/** Precursor length in days (before the difficulty factor): long for wear-out, hours for "sudden". */
export const PRECURSOR_DAYS: Readonly<Record<FailureScenario, readonly [number, number]>> = {
  progressive: [6, 16],
  sudden: [0.1, 0.5],
  intermittent: [4, 12],
  battery_depletion: [6, 14],
  network_issues: [3, 10],
};

/**
 * What each precursor does at full intensity. Intensity = severity · shape(progress), progress going
 * 0 → 1 from precursorStart to failureTime; shapes are progress^1.5 (slow start: progressive,
 * intermittent, network) or linear (battery, sudden). Gains multiply a rate or a level (+gain · I),
 * adds are absolute (error rate is a fraction), losses are in dBm or fractions. Every effect is
 * gradual and stays within the range healthy devices reach during glitches and benign episodes.
 * Battery depletion is the battery running out: besides these effects, the battery is not replaced
 * from precursorStart on and drains steadily from its level there to 0 % at failureTime (simulate.ts).
 */
export const PRECURSOR_EFFECTS = {
  progressive: { responseGain: 1.2, errorAdd: 0.08, restartGain: 3, transferLoss: 0.25 },
  intermittent: {
    burstsPerHour: 0.3,
    burstErrorAdd: 0.08,
    responseGain: 0.5,
    errorAdd: 0.01,
    dropGain: 2,
    restartGain: 2,
  },
  battery_depletion: { readingNoiseGain: 6, responseGain: 0.4, errorAdd: 0.04 },
  network_issues: { signalLoss: 16, dropGain: 10, errorAdd: 0.03, responseGain: 0.4, transferLoss: 0.4 },
  sudden: { responseGain: 0.1, errorAdd: 0.01 },
} as const;

/** Index of each scenario in FAILURE_SCENARIOS (the DeviceColumns.scenario code). */
export const SCENARIO_INDEX: Readonly<Record<FailureScenario, number>> = {
  progressive: 0,
  sudden: 1,
  intermittent: 2,
  battery_depletion: 3,
  network_issues: 4,
};

/** A device's latent failure: always drawn (so a device's noise does not depend on its status). */
export interface FailurePlan {
  /** Index into FAILURE_SCENARIOS. */
  scenario: number;
  failureTime: number;
  precursorStart: number;
  /** Per-device strength, 0.6–1.4 times the difficulty's. */
  severity: number;
}

function pickScenario(rng: Rng, mix: Readonly<Record<FailureScenario, number>>, battery: boolean): number {
  // Mains devices cannot deplete a battery: their draw excludes that scenario (progressive if nothing else is left).
  const weights = FAILURE_SCENARIOS.map((s) => (s === 'battery_depletion' && !battery ? 0 : mix[s]));
  const total = weights.reduce((a, b) => a + b, 0);
  const x = rng.next() * total;
  if (total <= 0) return SCENARIO_INDEX.progressive;
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i] ?? 0;
    if (x < acc) return i;
  }
  return SCENARIO_INDEX.progressive;
}

/**
 * Draws the failure plan: scenario from the mix, failure time uniform over [start + W days, end) so
 * at least one sample can precede it, precursor starting `PRECURSOR_DAYS · difficulty.length` before.
 */
export function drawFailurePlan(rng: Rng, spec: TemporalSpec, cal: TemporalCalendar, battery: boolean): FailurePlan {
  const scenario = pickScenario(rng, spec.scenarioMix, battery);
  const name = FAILURE_SCENARIOS[scenario] ?? 'progressive';
  const [lo, hi] = PRECURSOR_DAYS[name];
  const lengthDays = rng.uniform(lo, hi) * DIFFICULTY[spec.difficulty].length;
  const first = cal.dayStartTime[Math.min(spec.windowDays, cal.days - 1)] ?? cal.startTime;
  const end = cal.dayStartTime[cal.days] ?? first;
  const failureTime = Math.floor(first + rng.next() * (end - first));
  const severity = rng.uniform(0.6, 1.4) * DIFFICULTY[spec.difficulty].strength;
  return { scenario, failureTime, precursorStart: failureTime - Math.round(lengthDays * DAY_MS), severity };
}
