import { DEVICE_TYPES, FAILURE_SCENARIOS } from '../domain/device-types';
import { HOME_TYPES } from '../domain/home-types';
import type { ColumnarTemporalChunk, TemporalChunk } from '../domain/temporal/temporal-types';
import { FEATURE_COUNT, FEATURE_NAMES } from '../domain/temporal/window-features';
import { BlobSink } from './parquet/blob-sink';
import {
  FlatParquetWriter,
  type FlatColumn,
  type FlatColumnData,
  type FloatRange,
} from './parquet/flat-parquet-writer';
import { sampleDeviceId } from './temporal-export';

type StoredChunk = Omit<TemporalChunk, 'progress'>;
type ColumnarChunk = Omit<ColumnarTemporalChunk, 'progress'>;
const isColumnar = (c: StoredChunk | ColumnarChunk): c is ColumnarChunk => 'featureColumns' in c.samples;

/** The key-value metadata key holding the dataset manifest JSON. */
export const PARQUET_MANIFEST_KEY = 'homesynth.manifest';
/** Rows per row group aimed at (engines read row groups in parallel; ~100k rows is their usual size). */
export const SAMPLE_ROW_GROUP_ROWS = 100_000;

const TRANSPOSE_BLOCK = 1000;
/**
 * Column-major rows that fill at least this share of a row group are written as one from the chunk's own
 * columns; smaller pieces are gathered (a row group of a few rows would cost readers more than the copy).
 */
const LEND_FRACTION = 0.25;

/** One-hot and flag features: a handful of distinct values, so dictionary-encoded (a few bytes per page). */
function isIndicatorFeature(name: string): boolean {
  return name.startsWith('device_type_') || name.startsWith('home_type_') || name === 'outdoor';
}

/**
 * Adds the range and NaN count of values [r0, r1) of `col` to slot f of `min`, `max` and `nan`. A plain
 * function of typed arrays: as a method reading row-group fields after its loop, V8 dropped its optimised
 * code at every call (the fields' shapes change as row groups grow) and boxed every value meanwhile.
 */
function addRange(
  col: Float32Array,
  r0: number,
  r1: number,
  f: number,
  min: Float64Array,
  max: Float64Array,
  nans: Float64Array,
): void {
  let mn = Infinity;
  let mx = -Infinity;
  let nan = 0;
  for (let r = r0; r < r1; r++) {
    const v = col[r] ?? Number.NaN;
    // NaN fails both comparisons, so it never becomes a bound; counting it without a branch is faster.
    if (v < mn) mn = v;
    if (v > mx) mx = v;
    nan += +(v !== v);
  }
  if (mn < (min[f] ?? Infinity)) min[f] = mn;
  if (mx > (max[f] ?? -Infinity)) max[f] = mx;
  nans[f] = (nans[f] ?? 0) + nan;
}

/**
 * Sample columns with Parquet types. `layout: 'file'` is one file with the samples CSV's columns in order;
 * `layout: 'partitioned'` drops home_type (the Hive partition key: engines add it from the path and refuse a
 * duplicate) and adds device_index, so the declared sort (home, device, time) is numeric.
 */
export function sampleParquetColumns(layout: 'file' | 'partitioned'): FlatColumn[] {
  const features = FEATURE_NAMES.map((name): FlatColumn => {
    const indicator = isIndicatorFeature(name);
    // A feature with no defined value (NaN, an empty cell in the CSV) is null. Continuous float32 features
    // barely compress, so they stay uncompressed: that keeps the writer as fast as the generator.
    return { name, type: 'float32', nullable: true, dictionary: indicator, compress: indicator };
  });
  return [
    { name: 'device_id', type: 'string', label: sampleDeviceId },
    ...(layout === 'partitioned' ? [{ name: 'device_index', type: 'int32' } as const] : []),
    { name: 'home_index', type: 'int32' },
    ...(layout === 'file'
      ? [{ name: 'home_type', type: 'string', label: (c: number) => HOME_TYPES[c] ?? '' } as const]
      : []),
    { name: 'device_type', type: 'string', label: (c) => DEVICE_TYPES[c] ?? '' },
    {
      name: 'truth_failure_scenario',
      type: 'string',
      label: (c) => (c < 0 ? 'none' : (FAILURE_SCENARIOS[c] ?? 'none')),
    },
    { name: 'time', type: 'timestamp-ms' },
    ...features,
    { name: 'label', type: 'int32' },
    { name: 'legacy_label', type: 'int32' },
  ];
}

/**
 * Accumulates sample rows from generated chunks into column arrays (transposing the row-major features)
 * until a row group is full. Memory is one row group's columns, whatever the dataset size.
 */
export class SampleRowGroup {
  private cap: number;
  private readonly target: number;
  private n = 0;
  private deviceIndex: Int32Array;
  private homeIndex: Int32Array;
  private homeType: Int32Array;
  private deviceType: Int32Array;
  private scenario: Int32Array;
  private time: Float64Array;
  private label: Int32Array;
  private legacy: Int32Array;
  private features: Float32Array[];
  private featureCap: number;
  /** Feature columns read from a chunk instead of copied (see `lend`), or null. */
  private borrowed: Float32Array[] | null = null;
  private readonly min = new Float64Array(FEATURE_COUNT).fill(Infinity);
  private readonly max = new Float64Array(FEATURE_COUNT).fill(-Infinity);
  private readonly nan = new Float64Array(FEATURE_COUNT);

  /**
   * The buffers start at `initial` rows (a rare home type's partition stays small) and grow to `target`
   * (a full row group) when more arrive.
   */
  constructor(initial = 4096, target = SAMPLE_ROW_GROUP_ROWS) {
    this.cap = Math.max(1, Math.min(initial, target));
    this.target = Math.max(1, target);
    this.deviceIndex = new Int32Array(this.cap);
    this.homeIndex = new Int32Array(this.cap);
    this.homeType = new Int32Array(this.cap);
    this.deviceType = new Int32Array(this.cap);
    this.scenario = new Int32Array(this.cap);
    this.time = new Float64Array(this.cap);
    this.label = new Int32Array(this.cap);
    this.legacy = new Int32Array(this.cap);
    this.features = FEATURE_NAMES.map(() => new Float32Array(this.cap));
    this.featureCap = this.cap;
  }

  get rows(): number {
    return this.n;
  }

  private grow(need: number): void {
    if (need <= this.cap) return;
    // Straight to a full row group once past the first few thousand rows: doubling would copy every column
    // five times on the way to 100k rows.
    const cap = Math.max(need, this.target);
    const g = <T extends Int32Array | Float64Array | Float32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.deviceIndex = g(this.deviceIndex);
    this.homeIndex = g(this.homeIndex);
    this.homeType = g(this.homeType);
    this.deviceType = g(this.deviceType);
    this.scenario = g(this.scenario);
    this.time = g(this.time);
    this.label = g(this.label);
    this.legacy = g(this.legacy);
    this.cap = cap;
  }

  /** Feature buffers for `cap` rows: only rows that are copied need them (lent rows are read in place). */
  private growFeatures(): void {
    if (this.featureCap >= this.cap) return;
    const cap = this.cap;
    this.features = this.features.map((a) => {
      const b = new Float32Array(cap);
      b.set(a.subarray(0, this.n));
      return b;
    });
    this.featureCap = cap;
  }

  /** Appends rows [start, end) of a chunk (row-major or column-major features). */
  append(c: StoredChunk | ColumnarChunk, start = 0, end = c.samples.deviceIndex.length): void {
    if (end <= start) return;
    if (this.borrowed) throw new Error('a row group of borrowed columns takes no more rows');
    this.grow(this.n + end - start);
    this.growFeatures();
    this.appendIdentity(c, start, end);
    if (isColumnar(c)) this.copyColumns(c.samples.featureColumns, start, end);
    else this.transpose(c.samples.features, start, end);
    this.n += end - start;
  }

  /**
   * Makes rows [start, end) of a column-major chunk the whole row group without copying its features: the
   * group reads the chunk's columns until `clear`, so the caller writes it before the chunk changes.
   */
  lend(c: ColumnarChunk, start: number, end: number): void {
    if (this.n > 0) throw new Error('only an empty row group can borrow columns');
    this.grow(end - start);
    this.appendIdentity(c, start, end);
    const borrowed = c.samples.featureColumns.map((col) => col.subarray(start, end));
    borrowed.forEach((col, f) => addRange(col, 0, end - start, f, this.min, this.max, this.nan));
    this.borrowed = borrowed;
    this.n = end - start;
  }

  /** The device, time and label columns of rows [start, end). */
  private appendIdentity(c: StoredChunk | ColumnarChunk, start: number, end: number): void {
    const s = c.samples;
    const devices = c.devices.deviceIndex;
    // A device's samples are consecutive rows, in the order of the chunk's device rows (a device with no
    // sample has a row and no samples): one forward walk finds each run's device row.
    let p = 0;
    for (let i = start; i < end;) {
      const d = s.deviceIndex[i] ?? 0;
      let j = i + 1;
      while (j < end && s.deviceIndex[j] === d) j++;
      while (p < devices.length && devices[p] !== d) p++;
      if (p === devices.length) throw new Error(`sample of device ${d}, which the chunk does not list`);
      const r0 = this.n + i - start;
      const r1 = r0 + j - i;
      this.deviceIndex.fill(d, r0, r1);
      this.homeIndex.fill(c.devices.homeIndex[p] ?? 0, r0, r1);
      this.homeType.fill(c.devices.homeType[p] ?? 0, r0, r1);
      this.deviceType.fill(c.devices.deviceType[p] ?? 0, r0, r1);
      this.scenario.fill(c.devices.scenario[p] ?? -1, r0, r1);
      i = j;
    }
    this.time.set(s.time.subarray(start, end), this.n);
    this.label.set(s.label.subarray(start, end), this.n);
    this.legacy.set(s.legacyLabel.subarray(start, end), this.n);
  }

  /** Row-major features: transposed in blocks of rows that stay in cache (a block is 328 KB of features). */
  private transpose(x: Float32Array, start: number, end: number): void {
    const cols = this.features;
    for (let b0 = start; b0 < end; b0 += TRANSPOSE_BLOCK) {
      const b1 = Math.min(end, b0 + TRANSPOSE_BLOCK);
      const r0 = this.n + b0 - start;
      for (let f = 0; f < FEATURE_COUNT; f++) {
        const col = cols[f];
        if (col === undefined) continue;
        // The column statistics are taken here, while the values pass through registers anyway.
        let mn = this.min[f] ?? Infinity;
        let mx = this.max[f] ?? -Infinity;
        let nan = 0;
        for (let i = b0, j = b0 * FEATURE_COUNT + f, r = r0; i < b1; i++, j += FEATURE_COUNT, r++) {
          const v = x[j] ?? Number.NaN;
          col[r] = v;
          // NaN fails both comparisons, so it never becomes a bound; counting it without a branch is faster.
          if (v < mn) mn = v;
          if (v > mx) mx = v;
          nan += +(v !== v);
        }
        this.min[f] = mn;
        this.max[f] = mx;
        this.nan[f] = (this.nan[f] ?? 0) + nan;
      }
    }
  }

  /** Column-major features: one contiguous copy per column, then its statistics over the copied rows. */
  private copyColumns(src: readonly Float32Array[], start: number, end: number): void {
    const r0 = this.n;
    const r1 = r0 + end - start;
    for (let f = 0; f < FEATURE_COUNT; f++) {
      const col = this.features[f];
      const from = src[f];
      if (col === undefined || from === undefined) continue;
      col.set(from.subarray(start, end), r0);
      addRange(col, r0, r1, f, this.min, this.max, this.nan);
    }
  }

  /**
   * The buffered rows as column data by column name: views, valid until the next `append` or `clear` (and
   * lent columns only until their chunk's buffers are overwritten).
   */
  columns(): Record<string, FlatColumnData> {
    const n = this.n;
    const out: Record<string, FlatColumnData> = {
      device_id: this.deviceIndex.subarray(0, n),
      device_index: this.deviceIndex.subarray(0, n),
      home_index: this.homeIndex.subarray(0, n),
      home_type: this.homeType.subarray(0, n),
      device_type: this.deviceType.subarray(0, n),
      truth_failure_scenario: this.scenario.subarray(0, n),
      time: this.time.subarray(0, n),
      label: this.label.subarray(0, n),
      legacy_label: this.legacy.subarray(0, n),
    };
    FEATURE_NAMES.forEach((name, f) => {
      const col = this.borrowed ? this.borrowed[f] : this.features[f];
      if (col) out[name] = col.subarray(0, n);
    });
    return out;
  }

  /** Each feature column's range and NaN count over the buffered rows. */
  ranges(): Record<string, FloatRange> {
    const out: Record<string, FloatRange> = {};
    FEATURE_NAMES.forEach((name, f) => {
      out[name] = { min: this.min[f] ?? Infinity, max: this.max[f] ?? -Infinity, nan: this.nan[f] ?? 0 };
    });
    return out;
  }

  clear(): void {
    this.n = 0;
    this.borrowed = null;
    this.min.fill(Infinity);
    this.max.fill(-Infinity);
    this.nan.fill(0);
  }
}

/**
 * Writes row groups as rows arrive: full ones of `rowGroupRows` rows, and from column-major chunks also
 * smaller ones of at least a quarter of that; `finish` flushes the rest and the footer.
 */
export class SampleParquetStream {
  private readonly group: SampleRowGroup;
  readonly writer: FlatParquetWriter;
  private timeMin = Infinity;
  private timeMax = -Infinity;

  private readonly rowGroupRows: number;

  constructor(
    layout: 'file' | 'partitioned',
    sink: (bytes: Uint8Array) => void | Promise<void>,
    manifestJson: string,
    rowGroupRows = SAMPLE_ROW_GROUP_ROWS,
  ) {
    this.rowGroupRows = rowGroupRows;
    this.group = new SampleRowGroup(4096, rowGroupRows);
    this.writer = new FlatParquetWriter({
      columns: sampleParquetColumns(layout),
      sink,
      keyValueMetadata: [{ key: PARQUET_MANIFEST_KEY, value: manifestJson }],
      sortedBy: layout === 'partitioned' ? ['home_index', 'device_index', 'time'] : ['home_index'],
      createdBy: 'homesynth',
    });
  }

  /** Rows written so far, and the earliest and latest sample time (epoch ms). */
  get written(): { rows: number; timeMin: number; timeMax: number } {
    return { rows: this.writer.rowCount, timeMin: this.timeMin, timeMax: this.timeMax };
  }

  async append(c: StoredChunk | ColumnarChunk): Promise<void> {
    const end = c.samples.deviceIndex.length;
    for (let i = 0; i < end; i++) {
      const t = c.samples.time[i] ?? 0;
      if (t < this.timeMin) this.timeMin = t;
      if (t > this.timeMax) this.timeMax = t;
    }
    let from = 0;
    // Column-major rows that make a row group of their own are written from the chunk's columns (no copy);
    // the rest are gathered until a row group is full.
    const lendable = isColumnar(c) ? c : null;
    while (lendable && this.group.rows === 0 && end - from >= this.rowGroupRows * LEND_FRACTION) {
      const to = Math.min(end, from + this.rowGroupRows);
      this.group.lend(lendable, from, to);
      from = to;
      await this.flush();
    }
    while (from < end) {
      const to = Math.min(end, from + this.rowGroupRows - this.group.rows);
      this.group.append(c, from, to);
      from = to;
      if (this.group.rows >= this.rowGroupRows) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    if (this.group.rows === 0) return;
    await this.writer.writeRowGroup(this.group.columns(), this.group.rows, this.group.ranges());
    this.group.clear();
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.writer.finish();
  }
}

/**
 * Temporal samples as one Parquet file, written as the chunks arrive in row groups of about 100k rows:
 * only one row group's columns and at most one fold of written bytes are held in the JS heap (the rest
 * is in Blobs). Column statistics are on; the manifest JSON is in the key-value metadata under
 * `homesynth.manifest`.
 */
export async function temporalParquetBlob(
  chunks: AsyncIterable<StoredChunk> | Iterable<StoredChunk>,
  manifestJson: string,
  rowGroupRows = SAMPLE_ROW_GROUP_ROWS,
): Promise<Blob> {
  const sink = new BlobSink();
  const stream = new SampleParquetStream('file', sink.write, manifestJson, rowGroupRows);
  for await (const c of chunks) await stream.append(c);
  await stream.finish();
  return sink.blob();
}
