import {
  buildComparisonResults,
  performanceOf,
  type ComparisonResults,
  type HomeTypeResult,
} from '../../domain/evaluation/comparison-format';
import { describeThresholdRule } from '../../domain/evaluation/operating-threshold';
import { isHomeType } from '../../domain/home-types';
import { familyOf, type SlotResult } from '../../domain/training/run-types';
import type { RunRecord } from '../../workers/training.api';
import { ruleOf, runFamilies } from './comparison-rows';

/** Everything one family's model of a home type reports: the threshold, how it was chosen, its metrics and baselines. */
function familyMetadata(s: SlotResult): Record<string, unknown> {
  const rule = ruleOf(s);
  return {
    model_id: s.modelId,
    status: s.status,
    reason: s.reason,
    backend: s.backend,
    threshold: s.metrics ? s.threshold : null,
    threshold_rule: rule,
    threshold_rule_text: describeThresholdRule(rule),
    threshold_validation: s.thresholdValidation ?? null,
    f1_at_0_5: s.f1At05 ?? null,
    metrics: s.metrics,
    baselines: s.baselines
      ? {
          majority: s.baselines.majority,
          legacy_rule: s.baselines.legacyRule,
          logistic: s.baselines.logistic,
          stump: s.baselines.stump ?? null,
          stump_feature: s.baselines.stumpFeature ?? null,
        }
      : null,
  };
}

/**
 * The original `comparison_results.json`: one entry per home type. `model_performance` is the run's first
 * family (the four metrics at its validation-chosen threshold); `model_metadata.families` holds every family's
 * threshold, rule, F1 at 0.5, metrics with intervals and baselines.
 */
export function comparisonResultsOf(run: RunRecord): ComparisonResults {
  const families = runFamilies(run);
  const primaryFamily = families[0] ?? 'network';
  const evaluatedAt = new Date(run.completedAt ?? run.createdAt).toISOString();
  const bySlot = new Map<string, SlotResult[]>();
  for (const s of run.slots) {
    if (!isHomeType(s.slot)) continue;
    bySlot.set(s.slot, [...(bySlot.get(s.slot) ?? []), s]);
  }
  const results: HomeTypeResult[] = [];
  for (const [slot, list] of bySlot) {
    if (!isHomeType(slot)) continue;
    const primary = list.find((s) => familyOf(s) === primaryFamily) ?? list[0];
    if (!primary) continue;
    const m = primary.status === 'done' ? primary.metrics : null;
    results.push({
      homeType: slot,
      sampleCount: primary.counts.train + primary.counts.val + primary.counts.test,
      performance: performanceOf(m, evaluatedAt),
      metadata: {
        version: primary.modelId ?? null,
        training_date: new Date(run.createdAt).toISOString(),
        backend: primary.backend,
        status: primary.status,
        reason: primary.reason,
        model_family: familyOf(primary),
        threshold: m ? primary.threshold : null,
        threshold_rule: describeThresholdRule(ruleOf(primary)),
        families: Object.fromEntries(list.map((s) => [familyOf(s), familyMetadata(s)])),
      },
    });
  }
  return buildComparisonResults(results);
}
