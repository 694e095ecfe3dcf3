import { fitGbdt, predictGbdt, type GbdtConfig, type GbdtModel } from '../domain/evaluation/gbdt';
import type { EpochReport } from '../domain/training/run-types';
import { epochEvent, type FamilyFit, type FamilyHooks } from './family-fit';
import { rawRows, type SlotData } from './slot-data';

/**
 * Scores of the slot's own test rows, at their places in the run's test set (NaN elsewhere): scoring the
 * other home types' rows is only needed for the cross matrix, and trees are slow to score in bulk.
 */
function ownTestScores(data: SlotData, model: GbdtModel): Float32Array {
  const { table, plan, split } = data;
  const own = predictGbdt(model, rawRows(table, plan.test), plan.test.length, table.d);
  if (plan.test === split.test) return own;
  const out = new Float32Array(split.test.length).fill(Number.NaN);
  const position = new Map<number, number>();
  split.test.forEach((r, i) => position.set(r, i));
  plan.test.forEach((r, i) => {
    const at = position.get(r);
    if (at !== undefined) out[at] = own[i] ?? Number.NaN;
  });
  return out;
}

/**
 * Trains the slot's gradient-boosted trees on the raw features of the same training rows as the network
 * (missing values stay NaN and are routed by the trees), with early stopping on the validation rows, and
 * scores the validation rows and the test set (per-home-type trees continue from the global trees when `start` is given): all of it when `wholeTest` (for the cross matrix), else the slot's own rows.
 */
export async function fitTreesFamily(
  data: SlotData,
  config: GbdtConfig,
  hooks: FamilyHooks,
  wholeTest: boolean,
  start: GbdtModel | null,
): Promise<FamilyFit> {
  const { table, plan } = data;
  const x = rawRows(table, data.trainRows);
  const valX = rawRows(table, plan.val);
  const history: EpochReport[] = [];
  // Like the network's training loop, time with the caller's clock or the platform's.
  const clock = hooks.clock ?? (() => performance.now());
  const t0 = clock();
  let last = 0;
  const result = await fitGbdt({
    x,
    n: data.trainRows.length,
    d: table.d,
    y: data.yTrain,
    val: { x: valX, n: plan.val.length, y: data.yVal },
    config,
    onRound: (r) => {
      const report: EpochReport = {
        epoch: r.round,
        loss: r.trainLoss,
        valLoss: r.valLoss,
        samplesPerSecond: r.elapsedMs > last ? (data.trainRows.length / (r.elapsedMs - last)) * 1000 : 0,
        elapsedMs: r.elapsedMs,
        bestEpoch: r.bestRound,
      };
      last = r.elapsedMs;
      history.push(report);
      hooks.onEvent?.(epochEvent(plan.slot, 'trees', report, config.maxRounds));
    },
    shouldStop: hooks.shouldStop,
    ...(start ? { init: start } : {}),
    ...(hooks.yieldNow ? { yieldNow: hooks.yieldNow } : {}),
    clock,
  });
  const base: FamilyFit = {
    family: 'trees',
    status: result.cancelled ? 'stopped' : 'done',
    reason: null,
    history,
    bestEpoch: result.bestRound,
    trainMs: clock() - t0,
    valScores: null,
    testScores: null,
    network: null,
    trees: result.model,
    note: result.keptInitial
      ? 'No boosting round on this home type beat the global trees on its validation devices: the global trees were kept.'
      : start
        ? `Continued from the global trees (${start.trees.length} trees) with this home type's own rounds.`
        : null,
  };
  if (result.model.trees.length === 0) {
    return {
      ...base,
      status: result.cancelled ? 'stopped' : 'failed',
      reason: result.cancelled ? 'Stopped before the first tree.' : 'No tree could be grown.',
      trees: null,
    };
  }
  return {
    ...base,
    valScores: predictGbdt(result.model, valX, plan.val.length, table.d),
    testScores: wholeTest
      ? predictGbdt(result.model, rawRows(table, data.split.test), data.split.test.length, table.d)
      : ownTestScores(data, result.model),
  };
}
