import type { RunConfig, SlotResult } from '../domain/training/run-types';
import { buildCrossMatrix, type CrossScores } from './cross-matrix';
import type { FamilyFit, FamilyHooks } from './family-fit';
import { fixedSplit, planSlots, type SlotPlan } from './run-plan';
import { prepareSlot } from './slot-data';
import { fitNetworkFamily } from './train-slot-network';
import { fitTreesFamily } from './train-slot-trees';
import { tableLabels, type TrainingTable } from './training-table';
import { emptyResult, evaluateFamily, slotBaselines, type BaselineOutcome } from './slot-family';
import type { RunOutcome, SlotContext, TrainRunOptions } from './train-run-types';

export { DEFAULT_THRESHOLD, type FinishedModel, type RunOutcome, type TrainRunOptions } from './train-run-types';

/** Scores of a finished per-home-type model on the whole test set, for the cross matrix. */
interface SlotOutput {
  result: SlotResult;
  testScores: Float32Array | null;
}

/**
 * Trains, evaluates and (when done) saves one slot's families, one after the other; reports each model as
 * it finishes. A family that throws is recorded as failed and the next one still runs.
 */
async function runSlot(plan: SlotPlan, ctx: SlotContext, report: (out: SlotOutput) => Promise<void>): Promise<void> {
  const { config, options } = ctx;
  const families = config.families;
  const stop = (): boolean => options.shouldStop?.(plan.slot) ?? false;
  if (plan.insufficient !== null) {
    for (const f of families)
      await report({ result: emptyResult(plan, f, ctx, 'insufficient', plan.insufficient), testScores: null });
    return;
  }
  const start = plan.slot === 'global' ? null : ctx.base.network;
  const data = prepareSlot(
    ctx.table,
    ctx.labels,
    ctx.split,
    plan,
    config,
    options.dataKey,
    start?.standardizer ?? null,
  );
  const warm = plan.slot === 'global' && config.perHomeType && config.network.warmStart;
  let baselines: BaselineOutcome | null = null;
  const hooks: FamilyHooks = { shouldStop: stop };
  if (options.onEvent) hooks.onEvent = options.onEvent;
  if (options.yieldNow) hooks.yieldNow = options.yieldNow;
  if (options.clock) hooks.clock = options.clock;
  for (const family of families) {
    if (stop()) {
      await report({
        result: emptyResult(plan, family, ctx, 'stopped', 'Stopped before it started.'),
        testScores: null,
      });
      continue;
    }
    options.onEvent?.({ type: 'slot-start', slot: plan.slot, family });
    let fit: FamilyFit | null = null;
    try {
      if (family === 'network') {
        const out = await fitNetworkFamily(data, config.network, options.dataKey, start, hooks);
        fit = out.fit;
        if (warm && fit.network && fit.status === 'done') {
          ctx.base.network = {
            weights: fit.network.getWeights().map((t) => t.clone()),
            standardizer: data.standardizer,
            edges: out.edges,
          };
        }
      } else {
        // Only the cross matrix's family needs a home type's model scored on the other home types' test rows.
        fit = await fitTreesFamily(
          data,
          config.trees,
          hooks,
          config.families[0] === 'trees',
          plan.slot === 'global' ? null : ctx.base.trees,
        );
        if (warm && fit.trees && fit.status === 'done') ctx.base.trees = fit.trees;
      }
      baselines ??= slotBaselines(data, ctx);
      const evaluated = await evaluateFamily(data, fit, baselines, ctx);
      await report({
        result: evaluated.result,
        testScores: evaluated.result.status === 'done' ? evaluated.testScores : null,
      });
    } catch (e) {
      await report({
        result: emptyResult(plan, family, ctx, 'failed', e instanceof Error ? e.message : String(e)),
        testScores: null,
      });
    } finally {
      fit?.network?.dispose();
    }
  }
}

/**
 * Trains a run's models one after another on one table: a fixed, leak-free test split; per slot its own
 * training rows (negatives sampled), standardiser, the four baselines, and each asked-for family (network,
 * trees) with early stopping on validation, a threshold chosen on validation devices, metrics with
 * bootstrap intervals and per-scenario recall; then the cross-home-type matrix. Per-home-type networks
 * start from the global network. A model that fails is recorded as `failed` and the run goes on. Same
 * table + config + backend ⇒ same metrics.
 */
export async function trainRun(table: TrainingTable, config: RunConfig, options: TrainRunOptions): Promise<RunOutcome> {
  const labels = tableLabels(table, config.label);
  const split = fixedSplit(table, labels, config, options.dataKey);
  // Warm-started per-home-type models need the global models even when they are not asked for: they are
  // then trained first, kept out of the results and never saved.
  const needBase = config.perHomeType && config.network.warmStart;
  const plans = planSlots(table, labels, split, { perHomeType: config.perHomeType, global: config.global || needBase });
  const hidden = (plan: SlotPlan): boolean => plan.slot === 'global' && !config.global;
  options.onEvent?.({
    type: 'plan',
    slots: plans
      .filter((p) => !hidden(p))
      .flatMap((p) =>
        config.families.map((family) => ({
          slot: p.slot,
          family,
          counts: p.counts,
          status: p.insufficient === null ? ('queued' as const) : ('insufficient' as const),
          reason: p.insufficient,
        })),
      ),
  });
  const ctx: SlotContext = { table, labels, config, options, split, base: { network: null, trees: null } };
  const slots: SlotResult[] = [];
  const cross: CrossScores[] = [];
  try {
    for (const plan of plans) {
      if (hidden(plan)) {
        const quiet: TrainRunOptions = { dataKey: options.dataKey, backend: options.backend };
        if (options.shouldStop) quiet.shouldStop = options.shouldStop;
        if (options.yieldNow) quiet.yieldNow = options.yieldNow;
        if (options.clock) quiet.clock = options.clock;
        await runSlot(plan, { ...ctx, options: quiet }, async () => undefined);
        continue;
      }
      await runSlot(plan, ctx, async ({ result, testScores }) => {
        if (testScores !== null && plan.slot !== 'global' && result.family === config.families[0]) {
          cross.push({
            homeType: plan.slot,
            family: result.family ?? 'network',
            scores: testScores,
            threshold: result.threshold,
          });
        }
        slots.push(result);
        options.onEvent?.({ type: 'slot-done', slot: plan.slot, family: result.family ?? 'network', result });
        await options.onSlotDone?.(result);
      });
    }
  } finally {
    ctx.base.network?.weights.forEach((t) => t.dispose());
  }
  const testLabels = Uint8Array.from(split.test, (r) => labels[r] ?? 0);
  const testHomeType = Uint8Array.from(split.test, (r) => table.homeType[r] ?? 0);
  return {
    slots,
    crossMatrix: buildCrossMatrix(cross, testLabels, testHomeType),
    featureNames: table.featureNames,
    testRows: split.test,
  };
}
