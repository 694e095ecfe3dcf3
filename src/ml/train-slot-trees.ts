import { fitGbdt, predictGbdt, type GbdtConfig } from '../domain/evaluation/gbdt';
import { epochEvent, type FamilyFit, type FamilyHooks } from './family-fit';
import { rawRows, type SlotData } from './slot-data';
import type { EpochReport } from './train-loop';

/**
 * Trains the slot's gradient-boosted trees on the raw features of the same training rows as the network
 * (missing values stay NaN and are routed by the trees), with early stopping on the validation rows, and
 * scores the validation rows and the run's whole test set.
 */
export async function fitTreesFamily(data: SlotData, config: GbdtConfig, hooks: FamilyHooks): Promise<FamilyFit> {
  const { table, plan } = data;
  const x = rawRows(table, data.trainRows);
  const valX = rawRows(table, plan.val);
  const history: EpochReport[] = [];
  const t0 = hooks.clock?.() ?? 0;
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
    ...(hooks.yieldNow ? { yieldNow: hooks.yieldNow } : {}),
    ...(hooks.clock ? { clock: hooks.clock } : {}),
  });
  const base: FamilyFit = {
    family: 'trees',
    status: result.cancelled ? 'stopped' : 'done',
    reason: null,
    history,
    bestEpoch: result.bestRound,
    trainMs: hooks.clock ? hooks.clock() - t0 : (history.at(-1)?.elapsedMs ?? 0),
    valScores: null,
    testScores: null,
    network: null,
    trees: result.model,
    note: null,
  };
  if (result.model.trees.length === 0) {
    return { ...base, status: result.cancelled ? 'stopped' : 'failed', reason: result.cancelled ? 'Stopped before the first tree.' : 'No tree could be grown.', trees: null };
  }
  const testX = rawRows(table, data.split.test);
  return {
    ...base,
    valScores: predictGbdt(result.model, valX, plan.val.length, table.d),
    testScores: predictGbdt(result.model, testX, data.split.test.length, table.d),
  };
}
