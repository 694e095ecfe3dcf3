import { groupedStratifiedSplit, type SplitIndices } from '../domain/evaluation/split';
import { timeBlockedSplit } from '../domain/evaluation/time-blocked-split';
import { HOME_TYPES, type HomeType } from '../domain/home-types';
import { createRng, deriveSeed } from '../domain/random';
import type { RunConfig, SampleCounts, SlotKey } from '../domain/training/run-types';
import type { TrainingTable } from './training-table';

/** Below these a slot is `insufficient`: its metrics would be noise, and the original "succeeded" silently. */
export const MIN_TRAIN_SAMPLES = 100;
export const MIN_TRAIN_POSITIVES = 5;

/**
 * The dataset's fixed split. The seed depends only on the dataset's content key (`datasetContentKey`) and
 * the split kind (never on the network seed), so every run on the same data with the same label and
 * fractions tests on the same samples, whichever stored copy of the data it reads.
 */
export function fixedSplit(
  table: TrainingTable,
  labels: Uint8Array,
  config: Pick<RunConfig, 'split' | 'testFraction' | 'valFraction'>,
  dataKey: string,
): SplitIndices {
  const { testFraction, valFraction } = config;
  if (config.split === 'time') {
    if (table.time === null) {
      throw new Error('The time-blocked split needs sample times; classic rows have none. Use the grouped split.');
    }
    // 'disjoint': devices span the whole period, so test gets its own devices and the latest time window,
    // H after the training window ends.
    const timed = timeBlockedSplit({
      times: table.time,
      testFraction,
      gap: table.horizon,
      groups: table.group,
      groupPolicy: 'disjoint',
      labels,
      rng: createRng(deriveSeed(0, 'test-split', dataKey, 'time')),
    });
    // Validation is whole devices held out of the training window, not a third time window: a window
    // between train and test, H away from both, is empty unless the period is long (10 % of 60 days is
    // shorter than H = 7), and early stopping would have nothing to watch. The test part never depends on it.
    const val = groupedStratifiedSplit({
      groups: table.group,
      labels,
      strata: table.homeType,
      testFraction: valFraction / (1 - testFraction),
      rng: createRng(deriveSeed(0, 'val-split', dataKey, 'time')),
      indices: timed.train,
    });
    return { train: val.train, val: val.test, test: timed.test };
  }
  const strata = table.homeType;
  const test = groupedStratifiedSplit({
    groups: table.group,
    labels,
    strata,
    testFraction,
    rng: createRng(deriveSeed(0, 'test-split', dataKey, 'grouped')),
  });
  // Validation is carved from the training groups in a second step, so the test part never depends on it.
  const val = groupedStratifiedSplit({
    groups: table.group,
    labels,
    strata,
    testFraction: valFraction / (1 - testFraction),
    rng: createRng(deriveSeed(0, 'val-split', dataKey, 'grouped')),
    indices: test.train,
  });
  return { train: val.train, val: val.test, test: test.test };
}

/** One model to train: its rows of the fixed split, its counts and, if it cannot train, why. */
export interface SlotPlan {
  slot: SlotKey;
  /** HOME_TYPES index of a per-home-type slot; null for the global model. */
  homeTypeCode: number | null;
  train: Uint32Array;
  val: Uint32Array;
  test: Uint32Array;
  counts: SampleCounts;
  /** Why the slot cannot be trained honestly; null when it can. */
  insufficient: string | null;
}

function pick(rows: Uint32Array, homeType: Uint8Array, code: number | null): Uint32Array {
  if (code === null) return rows;
  return rows.filter((r) => homeType[r] === code);
}

function positives(rows: Uint32Array, labels: Uint8Array): number {
  let p = 0;
  for (const r of rows) p += labels[r] ?? 0;
  return p;
}

function distinctGroups(rows: Uint32Array, group: Uint32Array): number {
  const seen = new Set<number>();
  for (const r of rows) seen.add(group[r] ?? 0);
  return seen.size;
}

function insufficientReason(counts: SampleCounts): string | null {
  if (counts.train < MIN_TRAIN_SAMPLES) {
    return `Only ${counts.train} training samples; at least ${MIN_TRAIN_SAMPLES} are needed to train honestly.`;
  }
  if (counts.trainPositives < MIN_TRAIN_POSITIVES) {
    return `Only ${counts.trainPositives} positive training samples; at least ${MIN_TRAIN_POSITIVES} are needed.`;
  }
  if (counts.testPositives === 0) return 'No positive test samples: recall, F1 and the AUCs would be undefined.';
  if (counts.val === 0) return 'No validation samples for early stopping.';
  return null;
}

/** The slots of a run in training order: the global model first, then each home type present (HOME_TYPES order). */
export function planSlots(
  table: TrainingTable,
  labels: Uint8Array,
  split: SplitIndices,
  config: Pick<RunConfig, 'global' | 'perHomeType'>,
): SlotPlan[] {
  const keys: { slot: SlotKey; code: number | null }[] = [];
  if (config.global) keys.push({ slot: 'global', code: null });
  if (config.perHomeType) {
    const present = new Set(table.homeType);
    HOME_TYPES.forEach((type: HomeType, code) => {
      if (present.has(code)) keys.push({ slot: type, code });
    });
  }
  return keys.map(({ slot, code }) => {
    const train = pick(split.train, table.homeType, code);
    const val = pick(split.val, table.homeType, code);
    const test = pick(split.test, table.homeType, code);
    const counts: SampleCounts = {
      train: train.length,
      val: val.length,
      test: test.length,
      trainPositives: positives(train, labels),
      testPositives: positives(test, labels),
      trainGroups: distinctGroups(train, table.group),
      testGroups: distinctGroups(test, table.group),
    };
    return { slot, homeTypeCode: code, train, val, test, counts, insufficient: insufficientReason(counts) };
  });
}
