/**
 * Choosing an alert threshold by event-level objectives (see `event-metrics.ts` for the definitions), always
 * on validation devices:
 * - `budget`: the lowest candidate threshold (highest recall) whose false alarms on healthy devices stay
 *   within the budget per 100 device-months;
 * - `cost`: the candidate minimising falseAlarmCost × false episodes (any device) + missCost × missed
 *   failing devices; ties go to the higher threshold (fewer alerts for the same cost).
 */
import { z } from 'zod';
import { type EventMetrics, eventMetricsAt } from './event-metrics';
import type { PreparedEvents } from './event-prepare';

export type EventObjective =
  | { kind: 'budget'; falseAlarmsPer100DeviceMonths: number }
  | { kind: 'cost'; falseAlarmCost: number; missCost: number };

const nonNegative = (what: string): z.ZodNumber =>
  z.number({ error: `${what} must be a finite number` }).min(0, `${what} must not be negative`);

export const eventObjectiveSchema: z.ZodType<EventObjective> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('budget'), falseAlarmsPer100DeviceMonths: nonNegative('The false-alarm budget') }),
  z
    .object({
      kind: z.literal('cost'),
      falseAlarmCost: nonNegative('The false-alarm cost'),
      missCost: nonNegative('The missed-failure cost'),
    })
    .refine((o) => o.falseAlarmCost > 0 || o.missCost > 0, {
      message: 'The false-alarm cost and the missed-failure cost cannot both be 0',
    }),
]);

/** "≤ 5 false alarms per 100 device-months on validation devices", "lowest cost on validation devices: …". */
export function describeEventObjective(o: EventObjective): string {
  return o.kind === 'budget'
    ? `≤ ${o.falseAlarmsPer100DeviceMonths} false alarms per 100 device-months on validation devices`
    : `lowest cost on validation devices: false alarm ${o.falseAlarmCost}, missed failure ${o.missCost}`;
}

export interface EventCurvePoint {
  threshold: number;
  recall: number;
  falseAlarmsPer100DeviceMonths: number;
  medianLeadTimeDays: number;
  episodePrecision: number;
  falseEpisodesAll: number;
  missed: number;
}

/** Stored models need thresholds strictly inside (0, 1). */
const LOWEST = 1e-6;
const HIGHEST = 1 - 1e-6;

/**
 * Up to `max` distinct thresholds, ascending: scores at evenly spaced quantiles (actual scores, so each
 * candidate changes which samples alert) plus LOWEST and HIGHEST, which make "alert on everything" and
 * "alert on nothing" reachable; everything clamped into [1e-6, 1 − 1e-6]. NaN scores are ignored.
 */
export function candidateThresholds(scores: ArrayLike<number>, max = 256): Float64Array {
  if (!Number.isInteger(max) || max < 2) throw new RangeError('max must be an integer of at least 2');
  const finite: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] ?? Number.NaN;
    if (!Number.isNaN(s)) finite.push(s);
  }
  const sorted = Float64Array.from(finite).sort();
  const m = sorted.length;
  const levels = m === 0 ? 0 : max - 2;
  const picked = new Float64Array(levels + 2);
  picked[0] = LOWEST;
  picked[1] = HIGHEST;
  for (let k = 0; k < levels; k++) {
    const q = levels === 1 ? 0.5 : k / (levels - 1);
    const s = sorted[Math.round(q * (m - 1))] ?? LOWEST;
    picked[k + 2] = Math.min(HIGHEST, Math.max(LOWEST, s));
  }
  picked.sort();
  let w = 0;
  for (let k = 0; k < picked.length; k++) {
    const v = picked[k] ?? 0;
    if (w === 0 || v !== picked[w - 1]) picked[w++] = v;
  }
  return picked.slice(0, w);
}

function curvePoint(threshold: number, m: EventMetrics): EventCurvePoint {
  return {
    threshold,
    recall: m.recall,
    falseAlarmsPer100DeviceMonths: m.falseAlarmsPer100DeviceMonths,
    medianLeadTimeDays: m.medianLeadTimeDays,
    episodePrecision: m.episodePrecision,
    falseEpisodesAll: m.falseEpisodesAll,
    missed: m.missed,
  };
}

/** One {@link eventMetrics} per threshold, in the given order. */
export function eventCurve(
  prep: PreparedEvents,
  scores: ArrayLike<number>,
  thresholds: ArrayLike<number>,
): EventCurvePoint[] {
  return eventMetricsAt(prep, scores, thresholds).map((m, k) => curvePoint(thresholds[k] ?? Number.NaN, m));
}

/** falseAlarmCost × false episodes (any device) + missCost × missed failing devices. */
export function eventCost(
  m: Pick<EventMetrics, 'falseEpisodesAll' | 'missed'>,
  objective: { falseAlarmCost: number; missCost: number },
): number {
  return objective.falseAlarmCost * m.falseEpisodesAll + objective.missCost * m.missed;
}

export interface ChosenEventThreshold {
  threshold: number;
  objective: EventObjective;
  /** What the threshold achieves on the validation samples it was chosen on. */
  validation: EventCurvePoint;
  /** The objective's cost at the threshold; null for a budget. */
  cost: number | null;
  /** Why the objective could not be met as asked; null when it was. */
  note: string | null;
}

/** Rates are ratios of counts: a budget met exactly must not fail on rounding. */
const RATE_TOLERANCE = 1e-9;

/**
 * Chooses the threshold on validation data (the caller passes validation samples and scores) among
 * {@link candidateThresholds}. Throws when the validation devices have no failing device, or when a budget
 * has no healthy device-months to count false alarms against.
 */
export function chooseEventThreshold(
  prep: PreparedEvents,
  scores: ArrayLike<number>,
  objective: EventObjective,
): ChosenEventThreshold {
  if (prep.failingDevices === 0) {
    throw new Error('The validation devices have no observed failure, so no event threshold can be chosen on them.');
  }
  if (objective.kind === 'budget' && !(prep.healthyDeviceMonths > 0)) {
    throw new Error('A false-alarm budget needs healthy validation devices to count false alarms per device-month.');
  }
  const curve = eventCurve(prep, scores, candidateThresholds(scores));
  const last = curve.length - 1;
  let chosen = last;
  let note: string | null = null;
  let cost: number | null = null;
  if (objective.kind === 'budget') {
    const budget = objective.falseAlarmsPer100DeviceMonths;
    const allowed = budget + RATE_TOLERANCE * Math.max(1, budget);
    const found = curve.findIndex((p) => p.falseAlarmsPer100DeviceMonths <= allowed);
    if (found < 0) {
      const rate = curve[last]?.falseAlarmsPer100DeviceMonths ?? Number.NaN;
      note = `No threshold keeps false alarms within ${budget} per 100 device-months on the validation devices: even the highest raises ${rate.toFixed(1)}.`;
    } else {
      chosen = found;
      if ((curve[found]?.recall ?? 0) === 0) note = 'The budget allows no caught failure on the validation devices.';
    }
  } else {
    let best = Number.POSITIVE_INFINITY;
    curve.forEach((p, k) => {
      const c = eventCost(p, objective);
      if (c <= best) {
        best = c;
        chosen = k;
      }
    });
    cost = best;
  }
  const validation = curve[chosen];
  if (validation === undefined) throw new Error('no candidate threshold');
  return { threshold: validation.threshold, objective, validation, cost, note };
}
