import { metricValue } from '../domain/classic/classic-format';
import { METRIC_COUNT, NO_HOME_TYPE, type ClassicColumns } from '../domain/classic/classic-generator';
import type { DatasetKind } from '../domain/dataset-manifest';
import { METRICS } from '../domain/device-types';
import { LEGACY_RULE_COLUMNS, type LegacyRuleColumns } from '../domain/evaluation/baselines';
import { legacyLabel } from '../domain/legacy-label';
import { DAY_MS } from '../domain/temporal/calendar';
import type { TemporalChunk } from '../domain/temporal/temporal-types';
import { FEATURE_COUNT, FEATURE_NAMES } from '../domain/temporal/window-features';
import type { LabelChoice } from '../domain/training/run-types';

/** `homeType` of a sample without a home type: it trains only the global model. */
export const TABLE_NO_HOME_TYPE = NO_HOME_TYPE;

/**
 * Everything a training run needs from a dataset, as flat typed arrays (one entry per sample). Loaders
 * (src/services/training-table-reader.ts) build it from stored chunks (classic rows, or temporal samples
 * with `time`, `horizon` and the `horizon` label); `train-run` never looks at the dataset itself.
 */
export interface TrainingTable {
  kind: DatasetKind;
  n: number;
  d: number;
  /** Raw (unstandardised) features, row-major n × d. */
  x: Float32Array;
  /**
   * 0/1 labels per choice; `legacy` is always there (it is also the legacy-rule baseline when the features
   * are not the raw metrics). A missing choice is not available for this kind of dataset.
   */
  labels: { legacy: Uint8Array; injected?: Uint8Array; horizon?: Uint8Array };
  /** Device of each sample: the grouped split keeps a group on one side. Classic rows: one group per row. */
  group: Uint32Array;
  /**
   * Home of each sample: the independent unit of the bootstrap (devices of one home share occupants and
   * weather). Absent when the data does not say (classic rows, sample files): each group is then its own home.
   */
  home?: Uint32Array;
  /** Failure time (epoch ms) of each sample's device, NaN when it never fails; absent when unknown. */
  failureTime?: Float64Array;
  /** Index into HOME_TYPES, or TABLE_NO_HOME_TYPE. */
  homeType: Uint8Array;
  /** Sample time (epoch ms) for the time-blocked split; null when the samples have no time (classic). */
  time: Float64Array | null;
  /** Label horizon in the units of `time`: the embargo gap of the time-blocked split (0 without time). */
  horizon: number;
  /** Failure scenario (index into FAILURE_SCENARIOS), −1 for none or unknown. */
  scenario: Int8Array;
  featureNames: string[];
  /** Where response_time, error_rate and battery_level sit in `x`; null when the features are not the raw metrics. */
  legacyColumns: LegacyRuleColumns | null;
}

const LABEL_NAMES: Record<LabelChoice, string> = {
  horizon: '"fails within H days"',
  injected: '"injected failure scenario"',
  legacy: 'legacy rule',
};

/** The labels a run asked for; a clear error when this dataset cannot provide them. */
export function tableLabels(table: TrainingTable, choice: LabelChoice): Uint8Array {
  const labels = table.labels[choice];
  if (labels !== undefined) return labels;
  if (choice === 'horizon') {
    throw new Error(
      `The ${LABEL_NAMES.horizon} label needs a temporal dataset: ${table.kind} rows are single snapshots without a future. Choose the injected-scenario or the legacy label.`,
    );
  }
  throw new Error(`This ${table.kind} dataset has no ${LABEL_NAMES[choice]} label.`);
}

/** Options of `classicTable`. */
export interface ClassicTableOptions {
  /**
   * Whether `scenario` holds the injected scenario. Rows read from the original JSON format do not carry
   * it, so they get no `injected` label.
   */
  scenarioKnown: boolean;
}

/**
 * A training table from classic columns: the 11 metrics as features, one group per row (a classic row is
 * one device; ids repeat across home types, so they cannot serve as groups).
 */
export function classicTable(
  chunks: readonly ClassicColumns[],
  options: ClassicTableOptions = { scenarioKnown: true },
): TrainingTable {
  const n = chunks.reduce((s, c) => s + c.length, 0);
  const d = METRIC_COUNT;
  const x = new Float32Array(n * d);
  const legacy = new Uint8Array(n);
  const injected = new Uint8Array(n);
  const group = new Uint32Array(n);
  const homeType = new Uint8Array(n);
  const scenario = new Int8Array(n);
  const { responseTime, errorRate, batteryLevel } = LEGACY_RULE_COLUMNS;
  let at = 0;
  for (const c of chunks) {
    x.set(c.metrics.subarray(0, c.length * d), at * d);
    homeType.set(c.homeType.subarray(0, c.length), at);
    for (let r = 0; r < c.length; r++) {
      const i = at + r;
      group[i] = i;
      const sc = options.scenarioKnown ? (c.scenario[r] ?? -1) : -1;
      scenario[i] = sc;
      injected[i] = sc >= 0 ? 1 : 0;
      // On the printed decimals, as the original (and our exports) computed it: Float32 0.1 is above 0.1.
      legacy[i] = legacyLabel(
        metricValue(c, r, responseTime),
        metricValue(c, r, errorRate),
        metricValue(c, r, batteryLevel),
      );
    }
    at += c.length;
  }
  return {
    kind: 'classic',
    n,
    d,
    x,
    labels: options.scenarioKnown ? { legacy, injected } : { legacy },
    group,
    homeType,
    time: null,
    horizon: 0,
    scenario,
    featureNames: [...METRICS],
    legacyColumns: LEGACY_RULE_COLUMNS,
  };
}

/** The parts of a temporal chunk a training table reads. */
export type TemporalTableChunk = Pick<TemporalChunk, 'devices' | 'samples'>;

/**
 * Fills a temporal training table chunk by chunk into arrays sized once for `n` samples, so a large
 * dataset never holds its chunks and the table at the same time (180,000 samples × 82 features is
 * 59 MB as one Float32Array; per-row objects would be several times that).
 */
export function createTemporalTableBuilder(
  n: number,
  horizonMs: number,
): {
  add(chunk: TemporalTableChunk): void;
  result(): TrainingTable;
} {
  const d = FEATURE_COUNT;
  const x = new Float32Array(n * d);
  const horizon = new Uint8Array(n);
  const legacy = new Uint8Array(n);
  const group = new Uint32Array(n);
  const homeType = new Uint8Array(n);
  const time = new Float64Array(n);
  const scenario = new Int8Array(n);
  const home = new Uint32Array(n);
  const failureTime = new Float64Array(n);
  let at = 0;
  return {
    add({ devices, samples }) {
      const m = samples.deviceIndex.length;
      if (at + m > n)
        throw new Error(`This temporal dataset holds more samples than its record says (${n}); it may be damaged.`);
      // Device index → row of this chunk's device table (a chunk holds whole homes, so all its samples' devices).
      const rowOf = new Map<number, number>();
      devices.deviceIndex.forEach((dev, row) => rowOf.set(dev, row));
      x.set(samples.features.subarray(0, m * d), at * d);
      horizon.set(samples.label.subarray(0, m), at);
      legacy.set(samples.legacyLabel.subarray(0, m), at);
      group.set(samples.deviceIndex.subarray(0, m), at);
      time.set(samples.time.subarray(0, m), at);
      for (let r = 0; r < m; r++) {
        const row = rowOf.get(samples.deviceIndex[r] ?? 0);
        if (row === undefined)
          throw new Error('A stored chunk of this temporal dataset has samples of a device it does not list.');
        homeType[at + r] = devices.homeType[row] ?? TABLE_NO_HOME_TYPE;
        scenario[at + r] = devices.scenario[row] ?? -1;
        home[at + r] = devices.homeIndex[row] ?? 0;
        failureTime[at + r] = devices.failureTime[row] ?? Number.NaN;
      }
      at += m;
    },
    result() {
      if (at !== n)
        throw new Error(`This temporal dataset holds ${at} samples, but its record says ${n}; it may be damaged.`);
      return {
        kind: 'temporal',
        n,
        d,
        x,
        labels: { legacy, horizon },
        group,
        home,
        failureTime,
        homeType,
        time,
        horizon: horizonMs,
        scenario,
        featureNames: [...FEATURE_NAMES],
        // The stored legacy label is the rule on these very float32 "last" cells, so the baseline reads it
        // as stored; re-deriving it via the classic path would round to printed decimals first and could
        // disagree with the label exactly at a threshold.
        legacyColumns: null,
      };
    },
  };
}

/**
 * A training table from temporal chunks: the window features (FEATURE_NAMES order) as x, the stored
 * "fails within H days" label as `horizon` and the stored legacy-rule label as `legacy`, one group per
 * device, the device's home type and scenario, the sample time and H in ms as the split's embargo.
 */
export function temporalTable(chunks: readonly TemporalTableChunk[], horizonDays: number): TrainingTable {
  const n = chunks.reduce((s, c) => s + c.samples.deviceIndex.length, 0);
  const builder = createTemporalTableBuilder(n, horizonDays * DAY_MS);
  for (const c of chunks) builder.add(c);
  return builder.result();
}
