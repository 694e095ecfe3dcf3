import type * as tf from '@tensorflow/tfjs';
import { supervisedEdges } from '../domain/evaluation/quantile-edges';
import { applyStandardizer, type Standardizer } from '../domain/evaluation/standardize';
import { deriveSeed } from '../domain/random';
import type { NetworkConfig } from '../domain/training/network-config';
import { createDenseNetwork } from './dense-network';
import { epochEvent, type FamilyFit, type FamilyHooks } from './family-fit';
import type { SlotData } from './slot-data';
import { predictProba, trainNetwork } from './train-loop';

/** The trained global network that per-home-type networks start from (warm start). */
export interface BaseNetwork {
  weights: tf.Tensor[];
  standardizer: Standardizer;
  edges: number[][] | null;
}

/**
 * Label-aware edges added to each feature's quantile edges when inputs are encoded: a threshold rule's cut
 * then falls on a bin edge instead of inside a bin (see docs/model-defaults.md).
 */
export const ENCODING_TARGET_CUTS = 8;
const ENCODING_MIN_LEAF = 20;

/** Fine-tuning from the global network takes smaller steps than training from scratch. */
export const FINE_TUNE_RATE_FACTOR = 0.3;

/** Smaller steps, and less patience: most home types gain little over the global network's start. */
export function fineTuneConfig(network: NetworkConfig): NetworkConfig {
  return {
    ...network,
    learningRate: network.learningRate * FINE_TUNE_RATE_FACTOR,
    patience: Math.max(3, Math.ceil(network.patience / 2)),
  };
}

function allRows(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

/**
 * Trains the slot's dense network (from the global network's weights when `start` is given) and scores the
 * validation rows and the run's whole test set. The caller disposes `fit.network`.
 */
export async function fitNetworkFamily(
  data: SlotData,
  network: NetworkConfig,
  dataKey: string,
  start: BaseNetwork | null,
  hooks: FamilyHooks,
): Promise<{ fit: FamilyFit; edges: number[][] | null }> {
  const { table, plan, train, val } = data;
  const edges = start
    ? start.edges
    : network.encodingBins > 0
      ? supervisedEdges(train.x, table.d, allRows(train.n), data.yTrain, {
          bins: network.encodingBins,
          cuts: ENCODING_TARGET_CUTS,
          minLeaf: ENCODING_MIN_LEAF,
          seed: deriveSeed(0, 'edges', dataKey, plan.slot),
        })
      : null;
  const model = createDenseNetwork(table.d, 1, network, edges);
  if (start) model.setWeights(start.weights);
  const config = start ? fineTuneConfig(network) : network;
  const outcome = await trainNetwork(model, train, val, {
    config,
    outputs: 1,
    warmStart: start !== null,
    onEpoch: (report) => hooks.onEvent?.(epochEvent(plan.slot, 'network', report, config.epochs)),
    shouldStop: hooks.shouldStop,
    ...(hooks.yieldNow ? { yieldNow: hooks.yieldNow } : {}),
    ...(hooks.clock ? { clock: hooks.clock } : {}),
  });
  const base: FamilyFit = {
    family: 'network',
    status: outcome.cancelled ? 'stopped' : 'done',
    reason: null,
    history: outcome.history,
    bestEpoch: outcome.bestEpoch,
    trainMs: outcome.trainMs,
    valScores: null,
    testScores: null,
    network: model,
    trees: null,
    note: outcome.keptInitial
      ? 'No epoch of fine-tuning beat the global network on this home type’s validation devices: its weights were kept.'
      : start
        ? 'Fine-tuned from the global network.'
        : null,
  };
  if (outcome.bestEpoch < 0 && !outcome.keptInitial) {
    model.dispose();
    const reason = outcome.cancelled
      ? 'Stopped before the first epoch ended.'
      : 'The validation criterion was never finite: training diverged.';
    return { fit: { ...base, status: outcome.cancelled ? 'stopped' : 'failed', reason, network: null }, edges };
  }
  const valScores = predictProba(model, val.x, val.n, table.d);
  const allTest = applyStandardizer(table.x, table.d, data.standardizer, data.split.test);
  const testScores = predictProba(model, allTest, data.split.test.length, table.d);
  return { fit: { ...base, valScores, testScores }, edges };
}
