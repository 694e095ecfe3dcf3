import { bootstrapEventMetrics, type EventIntervals } from './event-bootstrap';
import type { EventMetrics } from './event-metrics';
import { prepareEvents, type PreparedEvents } from './event-prepare';
import {
  candidateThresholds,
  chooseEventThreshold,
  eventCost,
  eventCurve,
  type EventCurvePoint,
  type EventObjective,
} from './event-threshold';

/** One part (validation or test) of a model's samples, as event-level evaluation reads it. */
export interface EventPart {
  scores: ArrayLike<number>;
  device: ArrayLike<number>;
  home: ArrayLike<number>;
  homeType: ArrayLike<number>;
  scenario: ArrayLike<number>;
  time: ArrayLike<number>;
  failureTime: ArrayLike<number>;
}

/** How the thresholds are set: kept from the run, or chosen on validation by an objective, once or per home type. */
export interface EventEvaluationOptions {
  horizonMs: number;
  /** The run's threshold, used when there is no objective (or it cannot be applied). */
  runThreshold: number;
  objective: EventObjective | null;
  /** `per-home-type`: one threshold per home type, each chosen on that home type's validation samples. */
  scope: 'global' | 'per-home-type';
  seed: number;
  resamples: number;
  /** Thresholds of the test curve; default 32. */
  curvePoints?: number;
}

export interface EventEvaluation {
  /** The single threshold, or NaN when there is one per home type. */
  threshold: number;
  /** Home type → threshold with per-home-type thresholds; null otherwise. */
  thresholds: Record<number, number> | null;
  metrics: EventMetrics;
  intervals: EventIntervals;
  cost: number | null;
  curve: EventCurvePoint[];
  /** What the thresholds achieved on validation (null without an objective). */
  validation: EventCurvePoint | null;
  /** Why the objective could not be met as asked (or was not applied); null when it was. */
  note: string | null;
}

/** Scores the curve's thresholds are quantiles of: a strided sample is as good for 32 quantiles and sorts fast. */
const CURVE_SAMPLE = 20_000;

function strided(values: ArrayLike<number>, max: number): ArrayLike<number> {
  if (values.length <= max) return values;
  const step = values.length / max;
  return Float64Array.from({ length: max }, (_, i) => values[Math.floor(i * step)] ?? Number.NaN);
}

function subset(part: EventPart, keep: (i: number) => boolean): EventPart {
  const rows: number[] = [];
  for (let i = 0; i < part.scores.length; i++) if (keep(i)) rows.push(i);
  const pick = <T extends ArrayLike<number>>(a: T): Float64Array => Float64Array.from(rows, (r) => a[r] ?? Number.NaN);
  return {
    scores: pick(part.scores),
    device: pick(part.device),
    home: pick(part.home),
    homeType: pick(part.homeType),
    scenario: pick(part.scenario),
    time: pick(part.time),
    failureTime: pick(part.failureTime),
  };
}

function prepare(part: EventPart, horizonMs: number): PreparedEvents {
  return prepareEvents(part, horizonMs);
}

/**
 * The decision rule as one score and one threshold: with a threshold per home type, a sample alerts when
 * its score reaches its home type's threshold, which is `score − t[type] + 0.5 ≥ 0.5`.
 */
function decisionScores(part: EventPart, thresholds: Record<number, number>, fallback: number): Float64Array {
  return Float64Array.from({ length: part.scores.length }, (_, i) => {
    const t = thresholds[part.homeType[i] ?? -1] ?? fallback;
    return (part.scores[i] ?? 0) - t + 0.5;
  });
}

/**
 * Event-level evaluation of one model on its test part: thresholds from the run or chosen on the
 * validation part by the objective (a budget on false alarms per 100 device-months, or the cost of false
 * alarms and missed failures), home-clustered intervals, the cost on test and the curve across thresholds.
 * Either part may be prepared once by the caller (`prepared`: sorting by device and time is the costly step)
 * and reused across settings and across the models of one slot, which share their samples.
 */
export function evaluateEvents(
  test: EventPart,
  val: EventPart | null,
  options: EventEvaluationOptions,
  prepared: { test?: PreparedEvents; val?: PreparedEvents } = {},
): EventEvaluation {
  const { objective, horizonMs } = options;
  const testPrep = prepared.test ?? prepare(test, horizonMs);
  const valPrep = (part: EventPart): PreparedEvents => prepared.val ?? prepare(part, horizonMs);
  let threshold = options.runThreshold;
  let thresholds: Record<number, number> | null = null;
  let validation: EventCurvePoint | null = null;
  const notes: string[] = [];
  if (objective !== null && val === null)
    notes.push('This model has no validation samples to choose a threshold on; the run’s threshold is kept.');
  if (objective !== null && val !== null) {
    if (options.scope === 'per-home-type') {
      const types = [...new Set(Array.from(val.homeType))].sort((a, b) => a - b);
      const chosen: Record<number, number> = {};
      for (const t of types) {
        const part = subset(val, (i) => val.homeType[i] === t);
        try {
          const c = chooseEventThreshold(prepare(part, horizonMs), part.scores, objective);
          chosen[t] = c.threshold;
          if (c.note !== null) notes.push(`Home type ${t}: ${c.note}`);
        } catch (e) {
          chosen[t] = options.runThreshold;
          notes.push(`Home type ${t} keeps the run’s threshold: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      thresholds = chosen;
      threshold = Number.NaN;
      validation = eventCurve(valPrep(val), decisionScores(val, chosen, options.runThreshold), [0.5])[0] ?? null;
    } else {
      try {
        const c = chooseEventThreshold(valPrep(val), val.scores, objective);
        threshold = c.threshold;
        validation = c.validation;
        if (c.note !== null) notes.push(c.note);
      } catch (e) {
        notes.push(`The run’s threshold is kept: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  const scores = thresholds === null ? test.scores : decisionScores(test, thresholds, options.runThreshold);
  const at = thresholds === null ? threshold : 0.5;
  const { metrics, intervals } = bootstrapEventMetrics(testPrep, scores, at, {
    seed: options.seed,
    resamples: options.resamples,
  });
  return {
    threshold,
    thresholds,
    metrics,
    intervals,
    cost: objective?.kind === 'cost' ? eventCost(metrics, objective) : null,
    curve: eventCurve(
      testPrep,
      test.scores,
      candidateThresholds(strided(test.scores, CURVE_SAMPLE), options.curvePoints ?? 32),
    ),
    validation,
    note: notes.length > 0 ? notes.join(' ') : null,
  };
}

/**
 * The points of a threshold curve no other point beats: for each false-alarm rate, the highest recall any
 * threshold reaches without exceeding it, by rising rate. Episode counting makes the raw curve fold back
 * (at very low thresholds alerts merge into one long episode per device, so false alarms fall again); what a
 * team can buy with a false-alarm budget is this frontier.
 */
export function recallFrontier<P extends { falseAlarmsPer100DeviceMonths: number; recall: number }>(
  curve: readonly P[],
): P[] {
  const sorted = curve
    .filter((p) => Number.isFinite(p.falseAlarmsPer100DeviceMonths) && Number.isFinite(p.recall))
    .toSorted((a, b) => a.falseAlarmsPer100DeviceMonths - b.falseAlarmsPer100DeviceMonths || b.recall - a.recall);
  const out: P[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || p.recall > last.recall) out.push(p);
  }
  return out;
}
