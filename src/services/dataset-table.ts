import {
  classicRecordWithTruth,
  CLASSIC_CSV_COLUMNS,
  deviceId,
  homeTypeName,
  metricValue,
} from '../domain/classic/classic-format';
import { allocateClassicColumns, copyClassicRows, METRIC_COUNT } from '../domain/classic/classic-generator';
import { csvLine } from '../domain/csv';
import { DEVICE_TYPES, FAILURE_SCENARIOS, METRICS } from '../domain/device-types';
import type { CodeValues, NumericValues, QueryColumn, QueryTable } from '../domain/explore/table-query';
import { HOME_TYPES } from '../domain/home-types';
import { FEATURE_COUNT, FEATURE_NAMES } from '../domain/temporal/window-features';
import { columnsToClassic } from '../storage/classic-chunks';
import type { DatasetChunkRecord, DatasetRecord } from '../storage/records';
import { columnsToTemporal } from '../storage/temporal-chunks';
import type { TableColumnInfo, TableRowData } from '../workers/dataset-query.api';
import { sampleDeviceId, TEMPORAL_CSV_COLUMNS } from './temporal-export';

/** A dataset's rows as columns the query engine reads, plus how a row is shown and exported. */
export interface LoadedTable {
  query: QueryTable;
  columns: TableColumnInfo[];
  note: string | null;
  bytes: number;
  /** A row as the page shows it. */
  row(r: number): TableRowData;
  /** Null when not every column is held (the export format needs them all). */
  csv: { header: readonly string[]; line(r: number): string; fileSuffix: string } | null;
}

/** Builds a LoadedTable chunk by chunk, so a load can report progress and stop between chunks. */
export interface TableBuilder {
  add(chunk: DatasetChunkRecord): void;
  /** Rows added so far. */
  readonly rows: number;
  finish(): LoadedTable;
}

export interface BuildOptions {
  /** The most bytes of columns to hold. */
  budgetBytes: number;
  priorityColumns: readonly string[];
}

const MB = 1024 * 1024;

function tooLarge(rec: DatasetRecord, bytes: number, budget: number): Error {
  return new Error(
    `"${rec.name}" has ${rec.rowCount.toLocaleString('en-US')} rows: its table needs about ${Math.round(bytes / MB)} MB, more than the ${Math.round(budget / MB)} MB this page may hold. Export the dataset and open it in a data tool.`,
  );
}

function damaged(rec: DatasetRecord): Error {
  return new Error(`"${rec.name}" is damaged: its chunks hold a different number of rows than its record says.`);
}

/** Codes into a sorted dictionary of the distinct values (few: one per sample time). */
function dictionaryCodes(values: Float64Array): { codes: CodeValues; dict: Float64Array } {
  const dict = Float64Array.from(new Set(values)).sort();
  const index = new Map<number, number>();
  dict.forEach((v, i) => index.set(v, i));
  const codes = dict.length <= 0xffff ? new Uint16Array(values.length) : new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = index.get(values[i] ?? 0) ?? 0;
  return { codes, dict };
}

function cached<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const round3 = (v: number): number | null => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null);
const scenarioName = (code: number): string => (code === 0 ? 'none' : (FAILURE_SCENARIOS[code - 1] ?? 'none'));

/** Temporal samples: device identity and ground truth per sample, time, labels and the window features. */
export function temporalTableBuilder(rec: DatasetRecord, options: BuildOptions): TableBuilder {
  const n = rec.rowCount;
  const fixedBytes = 4 + 8 + 4 + 2 + 3 + 4; // device, time, time code, labels, per-row device codes, home index
  let features = FEATURE_NAMES.map((_, j) => j);
  let note: string | null = null;
  if (n * (fixedBytes + FEATURE_COUNT * 4) > options.budgetBytes) {
    features = FEATURE_NAMES.flatMap((name, j) => (options.priorityColumns.includes(name) ? [j] : []));
    const bytes = n * (fixedBytes + features.length * 4);
    if (bytes > options.budgetBytes) throw tooLarge(rec, bytes, options.budgetBytes);
    note = `This dataset is too large to hold all ${FEATURE_COUNT} feature columns in memory: the table has ${features.length} of them, and the filtered rows cannot be exported from here (export the whole dataset instead).`;
  }
  const k = features.length;
  const device = new Uint32Array(n);
  const time = new Float64Array(n);
  const label = new Uint8Array(n);
  const legacy = new Uint8Array(n);
  // Column-major: feature column c of the loaded ones is values[c * n … (c + 1) * n).
  const values = new Float32Array(n * k);
  const dev = { home: [] as number[], homeType: [] as number[], type: [] as number[], scenario: [] as number[] };
  let at = 0;

  return {
    get rows() {
      return at;
    },
    add(chunk) {
      const t = columnsToTemporal(chunk.columns);
      const d = t.devices;
      for (let i = 0; i < d.deviceIndex.length; i++) {
        const idx = d.deviceIndex[i] ?? 0;
        dev.home[idx] = d.homeIndex[i] ?? 0;
        dev.homeType[idx] = d.homeType[i] ?? 0;
        dev.type[idx] = d.deviceType[i] ?? 0;
        dev.scenario[idx] = (d.scenario[i] ?? -1) + 1;
      }
      const s = t.samples;
      const m = s.deviceIndex.length;
      if (at + m > n) throw damaged(rec);
      device.set(s.deviceIndex, at);
      time.set(s.time, at);
      label.set(s.label, at);
      legacy.set(s.legacyLabel, at);
      const f = s.features;
      for (let c = 0; c < k; c++) {
        const j = features[c] ?? 0;
        const base = c * n + at;
        for (let i = 0; i < m; i++) values[base + i] = f[i * FEATURE_COUNT + j] ?? Number.NaN;
      }
      at += m;
    },
    finish() {
      if (at !== n) throw damaged(rec);
      const homeType = new Uint8Array(n);
      const deviceType = new Uint8Array(n);
      const scenario = new Uint8Array(n);
      const homeIndex = new Uint32Array(n);
      for (let r = 0; r < n; r++) {
        const idx = device[r] ?? 0;
        homeType[r] = dev.homeType[idx] ?? 0;
        deviceType[r] = dev.type[idx] ?? 0;
        scenario[r] = dev.scenario[idx] ?? 0;
        homeIndex[r] = dev.home[idx] ?? 0;
      }
      const { codes: timeCodes, dict } = dictionaryCodes(time);
      const timeLabels: string[] = [];
      const timeLabel = (c: number): string =>
        (timeLabels[c] ??= new Date(dict[c] ?? 0).toISOString().slice(0, 16).replace('T', ' '));
      const deviceCount = dev.type.length;
      const featureColumn = new Map(
        features.map((j, c) => [FEATURE_NAMES[j] ?? '', values.subarray(c * n, (c + 1) * n)]),
      );
      const cols = new Map<string, QueryColumn>([
        ['device_id', { kind: 'text', codes: device, cardinality: deviceCount, label: sampleDeviceId, order: 'code' }],
        ['home_index', { kind: 'number', values: homeIndex }],
        [
          'home_type',
          {
            kind: 'text',
            codes: homeType,
            cardinality: HOME_TYPES.length,
            label: (c) => HOME_TYPES[c] ?? '',
            order: 'label',
          },
        ],
        [
          'device_type',
          {
            kind: 'text',
            codes: deviceType,
            cardinality: DEVICE_TYPES.length,
            label: (c) => DEVICE_TYPES[c] ?? '',
            order: 'label',
          },
        ],
        [
          'truth_failure_scenario',
          {
            kind: 'text',
            codes: scenario,
            cardinality: FAILURE_SCENARIOS.length + 1,
            label: scenarioName,
            order: 'label',
          },
        ],
        ['time', { kind: 'text', codes: timeCodes, cardinality: dict.length, label: timeLabel, order: 'code' }],
        ['label', { kind: 'number', values: label }],
        ['legacy_label', { kind: 'number', values: legacy }],
        ...[...featureColumn].map(([name, v]): [string, QueryColumn] => [name, { kind: 'number', values: v }]),
      ]);
      const ids = [...cols.keys()];
      const all = k === FEATURE_COUNT;
      return {
        query: { rowCount: n, ids, column: (id) => cols.get(id) },
        columns: ids.map((id) => ({ id, kind: cols.get(id)?.kind ?? 'number' })),
        note,
        bytes:
          device.byteLength + time.byteLength + label.byteLength * 2 + values.byteLength + timeCodes.byteLength + n * 7,
        row(r) {
          const out: TableRowData = {
            device_id: sampleDeviceId(device[r] ?? 0),
            home_index: homeIndex[r] ?? 0,
            home_type: HOME_TYPES[homeType[r] ?? 0] ?? '',
            device_type: DEVICE_TYPES[deviceType[r] ?? 0] ?? '',
            truth_failure_scenario: scenarioName(scenario[r] ?? 0),
            time: timeLabel(timeCodes[r] ?? 0),
            label: label[r] ?? 0,
            legacy_label: legacy[r] ?? 0,
          };
          for (const [name, v] of featureColumn) out[name] = round3(v[r] ?? Number.NaN);
          return out;
        },
        // The same cells as temporalCsvPieces writes for the whole dataset (a test holds the two together).
        csv: all
          ? {
              header: TEMPORAL_CSV_COLUMNS,
              fileSuffix: 'samples.csv',
              line(r) {
                const cells: (string | number | null)[] = [
                  sampleDeviceId(device[r] ?? 0),
                  homeIndex[r] ?? 0,
                  HOME_TYPES[homeType[r] ?? 0] ?? '',
                  DEVICE_TYPES[deviceType[r] ?? 0] ?? '',
                  scenarioName(scenario[r] ?? 0),
                  new Date(time[r] ?? 0).toISOString(),
                ];
                for (let j = 0; j < FEATURE_COUNT; j++) {
                  const v = values[j * n + r] ?? Number.NaN;
                  cells.push(Number.isFinite(v) ? v : null);
                }
                cells.push(label[r] ?? 0, legacy[r] ?? 0);
                return csvLine(cells);
              },
            }
          : null,
      };
    },
  };
}

/** Classic rows: the original record plus the ground truth, each cell as the preview and CSV export show it. */
export function classicTableBuilder(rec: DatasetRecord, options: BuildOptions): TableBuilder {
  const n = rec.rowCount;
  // Stored columns, plus up to a rounded Float64 copy per metric a query uses.
  const bytes = n * (4 + 3 + METRIC_COUNT * 4 + 4 + 1);
  if (bytes > options.budgetBytes) throw tooLarge(rec, bytes, options.budgetBytes);
  const cols = allocateClassicColumns(n);
  let at = 0;
  return {
    get rows() {
      return at;
    },
    add(chunk) {
      const c = columnsToClassic(chunk.columns, chunk.rows);
      if (at + c.length > n) throw damaged(rec);
      copyClassicRows(cols, c, at);
      at += c.length;
    },
    finish() {
      if (at !== n) throw damaged(rec);
      // Sorting and ranges use the values the table shows (rounded like the original's output).
      const rounded = (value: (r: number) => number): (() => QueryColumn) =>
        cached(() => {
          const out = new Float64Array(n);
          for (let r = 0; r < n; r++) out[r] = value(r);
          return { kind: 'number', values: out };
        });
      let maxDevice = 0;
      for (let r = 0; r < n; r++) maxDevice = Math.max(maxDevice, cols.deviceNumber[r] ?? 0);
      const text = (
        codes: CodeValues,
        cardinality: number,
        label: (c: number) => string,
        order: 'code' | 'label',
      ): (() => QueryColumn) => {
        const c: QueryColumn = { kind: 'text', codes, cardinality, label, order };
        return () => c;
      };
      const number = (values: NumericValues): (() => QueryColumn) => {
        const c: QueryColumn = { kind: 'number', values };
        return () => c;
      };
      const scenarioCodes = cached(() => Uint8Array.from(cols.scenario, (s) => s + 1));
      const scenarioColumn: () => QueryColumn = cached(() => ({
        kind: 'text',
        codes: scenarioCodes(),
        cardinality: FAILURE_SCENARIOS.length + 1,
        label: scenarioName,
        order: 'label',
      }));
      const makers = new Map<string, () => QueryColumn>([
        ['device_id', text(cols.deviceNumber, maxDevice + 1, deviceId, 'code')],
        ['home_type', text(cols.homeType, 256, (c) => homeTypeName(c) ?? '', 'label')],
        ['device_type', text(cols.deviceType, DEVICE_TYPES.length, (c) => DEVICE_TYPES[c] ?? '', 'label')],
        ['failure_scenario', scenarioColumn],
        ...METRICS.map((name, m): [string, () => QueryColumn] => [name, rounded((r) => metricValue(cols, r, m))]),
        [
          'health_score',
          rounded((r) => {
            const h = cols.healthScore[r] ?? Number.NaN;
            return Number.isNaN(h) ? Number.NaN : Math.round(h * 100) / 100;
          }),
        ],
        ['legacy_label', number(cols.legacyLabel)],
      ]);
      const ids = [...CLASSIC_CSV_COLUMNS];
      return {
        query: { rowCount: n, ids, column: (id) => makers.get(id)?.() },
        columns: ids.map((id) => ({
          id,
          kind:
            id === 'device_id' || id === 'home_type' || id === 'device_type' || id === 'failure_scenario'
              ? 'text'
              : 'number',
        })),
        note: null,
        bytes: n * (4 + 3 + METRIC_COUNT * 4 + 4 + 1),
        row: (r) => classicRecordWithTruth(cols, r),
        // The same cells as classicCsvPieces writes for the whole dataset.
        csv: {
          header: CLASSIC_CSV_COLUMNS,
          fileSuffix: 'csv',
          line(r) {
            const row = classicRecordWithTruth(cols, r);
            return csvLine(CLASSIC_CSV_COLUMNS.map((c) => row[c] ?? null));
          },
        },
      };
    },
  };
}
