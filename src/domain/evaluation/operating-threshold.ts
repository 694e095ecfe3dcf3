import { z } from 'zod';
import { rankScores, rocCurveRanked } from './ranked-scores';

/**
 * How a model's operating threshold is chosen, always on validation devices (never on test):
 * - `max-f1`: the threshold with the highest F1 (the default);
 * - `target-recall`: the highest threshold that still catches at least `recall` of the positives;
 * - `alert-budget`: the lowest threshold whose false alarms stay within `falseAlarms` per 100 devices per
 *   30 days (needs sample times, i.e. temporal data);
 * - `fixed`: a given threshold (0.5 is what the original used).
 */
export type ThresholdRule =
  | { kind: 'max-f1' }
  | { kind: 'target-recall'; recall: number }
  | { kind: 'alert-budget'; falseAlarms: number }
  | { kind: 'fixed'; threshold: number };

export const thresholdRuleSchema: z.ZodType<ThresholdRule> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('max-f1') }),
  z.object({ kind: z.literal('target-recall'), recall: z.number().gt(0, 'target recall must be above 0').max(1) }),
  z.object({ kind: z.literal('alert-budget'), falseAlarms: z.number().min(0).max(10_000) }),
  z.object({ kind: z.literal('fixed'), threshold: z.number().gt(0).lt(1) }),
]);

export const DEFAULT_THRESHOLD_RULE: ThresholdRule = { kind: 'max-f1' };

/** "max F1 on validation", "recall ≥ 0.80 on validation", … */
export function describeThresholdRule(rule: ThresholdRule): string {
  switch (rule.kind) {
    case 'max-f1':
      return 'highest F1 on validation devices';
    case 'target-recall':
      return `recall ≥ ${rule.recall} on validation devices`;
    case 'alert-budget':
      return `≤ ${rule.falseAlarms} false alarms per 100 devices per 30 days on validation devices`;
    case 'fixed':
      return `fixed at ${rule.threshold}`;
  }
}

/** The chosen threshold with what it achieved on the validation samples it was chosen on. */
export interface ChosenThreshold {
  threshold: number;
  rule: ThresholdRule;
  validation: { precision: number; recall: number; f1: number; falseAlarmsPer100DeviceMonths: number | null };
  /** Why the rule could not be met exactly (e.g. the budget allows no alert at all); null when it was. */
  note: string | null;
}

/** Validation context of the alert-budget rule: how many device-months the validation samples cover. */
export interface ThresholdExposure {
  deviceMonths: number;
}

const DAY_MS = 86_400_000;
const MONTH_DAYS = 30;

/**
 * Device-months observed by a set of samples: per device, its samples times their spacing (the median gap
 * between its consecutive sample times, 1 day when it has a single sample). Sample times in epoch ms.
 */
export function observedDeviceMonths(groups: ArrayLike<number>, times: ArrayLike<number>): number {
  const byGroup = new Map<number, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] ?? 0;
    const list = byGroup.get(g);
    if (list) list.push(times[i] ?? 0);
    else byGroup.set(g, [times[i] ?? 0]);
  }
  let days = 0;
  for (const list of byGroup.values()) {
    list.sort((a, b) => a - b);
    const gaps: number[] = [];
    for (let k = 1; k < list.length; k++) gaps.push((list[k] ?? 0) - (list[k - 1] ?? 0));
    gaps.sort((a, b) => a - b);
    const spacing = gaps.length > 0 ? (gaps[Math.floor(gaps.length / 2)] ?? DAY_MS) / DAY_MS : 1;
    days += list.length * (spacing > 0 ? spacing : 1);
  }
  return days / MONTH_DAYS;
}

/** One candidate cut: everything scoring at or above `threshold` is an alert. */
interface Cut {
  threshold: number;
  tp: number;
  fp: number;
}

/**
 * Every distinct cut of the scores, from the strictest (no alert) to the loosest (all alerts). A cut's
 * threshold sits halfway between the lowest score it includes and the next lower score, so a slightly
 * different score on new data falls on the side its neighbours fell on.
 */
function cuts(labels: ArrayLike<number>, scores: ArrayLike<number>): { list: Cut[]; positives: number } {
  const ranked = rankScores(labels, scores);
  // Point g + 1 of the ROC curve holds the counts of alerting on the g + 1 highest distinct scores.
  const curve = rocCurveRanked(ranked);
  const distinct = curve.thresholds.length - 1;
  const score = (g: number): number => curve.thresholds[g + 1] ?? 0;
  const top = distinct > 0 ? score(0) : 1;
  // The strictest cut alerts on nothing: halfway between the top score and 1.
  const list: Cut[] = [{ threshold: top < 1 ? (top + 1) / 2 : 1, tp: 0, fp: 0 }];
  for (let g = 0; g < distinct; g++) {
    const here = score(g);
    list.push({
      threshold: g + 1 < distinct ? (here + score(g + 1)) / 2 : here,
      tp: curve.tp[g + 1] ?? 0,
      fp: curve.fp[g + 1] ?? 0,
    });
  }
  return { list, positives: ranked.positives };
}

function f1Of(tp: number, fp: number, positives: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + (positives - tp));
}

/**
 * Chooses the operating threshold on validation labels and scores by `rule`. Deterministic; O(n log n).
 * Throws when the validation part has no positive (no threshold can be chosen honestly then), or when the
 * alert-budget rule has no exposure.
 */
export function chooseThreshold(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  rule: ThresholdRule,
  exposure?: ThresholdExposure,
): ChosenThreshold {
  if (rule.kind === 'fixed') return withValidation(labels, scores, rule, rule.threshold, null, exposure);
  const { list, positives } = cuts(labels, scores);
  if (positives === 0)
    throw new Error('The validation devices have no positive sample, so no threshold can be chosen on them.');
  let best: Cut = list[0] ?? { threshold: 0.5, tp: 0, fp: 0 };
  let note: string | null = null;
  if (rule.kind === 'max-f1') {
    let bestF1 = -1;
    for (const c of list) {
      const f = f1Of(c.tp, c.fp, positives);
      if (f > bestF1) {
        bestF1 = f;
        best = c;
      }
    }
  } else if (rule.kind === 'target-recall') {
    const found = list.find((c) => c.tp / positives >= rule.recall - 1e-12);
    best = found ?? list[list.length - 1] ?? best;
  } else {
    const months = exposure?.deviceMonths ?? 0;
    if (!(months > 0))
      throw new Error('An alert budget needs sample times (temporal data) to count false alarms per device-month.');
    const allowed = (rule.falseAlarms * months) / 100;
    for (const c of list) if (c.fp <= allowed + 1e-9) best = c;
    if (best.tp === 0 && best.fp === 0)
      note = 'The budget allows no alert on the validation devices: the model never alerts.';
  }
  return withValidation(labels, scores, rule, clampThreshold(best.threshold), note, exposure);
}

/** Chosen thresholds stay strictly inside (0, 1), as stored models require. */
export const THRESHOLD_MARGIN = 1e-7;

/**
 * A score of exactly 0 or 1 (a saturated sigmoid) puts the loosest or strictest cut on the boundary; the
 * margin moves it inside at the cost of the samples scoring exactly that.
 */
function clampThreshold(t: number): number {
  return Math.min(1 - THRESHOLD_MARGIN, Math.max(THRESHOLD_MARGIN, t));
}

function withValidation(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  rule: ThresholdRule,
  threshold: number,
  note: string | null,
  exposure: ThresholdExposure | undefined,
): ChosenThreshold {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] === 1;
    if (y) positives++;
    if ((scores[i] ?? 0) >= threshold) {
      if (y) tp++;
      else fp++;
    }
  }
  const months = exposure?.deviceMonths ?? 0;
  return {
    threshold,
    rule,
    validation: {
      precision: tp + fp > 0 ? tp / (tp + fp) : Number.NaN,
      recall: positives > 0 ? tp / positives : Number.NaN,
      f1: f1Of(tp, fp, positives),
      falseAlarmsPer100DeviceMonths: months > 0 ? (100 * fp) / months : null,
    },
    note,
  };
}
