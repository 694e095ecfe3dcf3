/**
 * The original failure label (§2): a rule over three of the model's own inputs. A model trained on it just
 * relearns three thresholds, so it is offered only as the clearly marked legacy option and as a baseline.
 */
export const LEGACY_LABEL_WARNING =
  'Legacy rule label: error_rate > 0.1 OR battery_level < 20 OR response_time > 2000. It is computed from three of the model inputs, so it leaks: a model scores ~99 % by relearning the rule.';

export function legacyLabel(responseTime: number, errorRate: number, batteryLevel: number): 0 | 1 {
  return errorRate > 0.1 || batteryLevel < 20 || responseTime > 2000 ? 1 : 0;
}
