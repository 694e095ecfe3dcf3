import type { ColumnChunk, Encoding, Statistics } from 'hyparquet';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import type { FlatColumn, FlatColumnData } from './flat-columns';
import {
  bitWidthOf,
  bytesOf,
  concat,
  floatRange,
  header,
  plainStrings,
  rle,
  singleRun,
  type FloatRange,
} from './parquet-encoding';

/** A column chunk with more distinct values than this in a float "dictionary" column is written PLAIN. */
const MAX_FLOAT_DICTIONARY = 256;

/** One column chunk's pages and its footer entry. */
export interface EncodedChunk {
  bytes: Uint8Array[];
  meta: ColumnChunk;
  uncompressed: number;
  compressed: number;
}

/** Statistics plus the NaN count the Parquet spec added (hyparquet's type predates it). */
type FullStatistics = Statistics & { nan_count?: bigint };

/** Encodes `rows` values of one column as a column chunk starting at byte `start` of the file. */
export function encodeColumn(
  column: FlatColumn,
  values: FlatColumnData,
  rows: number,
  start: number,
  range: FloatRange | undefined,
): EncodedChunk {
  switch (column.type) {
    case 'float32':
      return encodeFloat(column, values, rows, start, range);
    case 'int32': {
      const v = values instanceof Int32Array ? values.subarray(0, rows) : Int32Array.from(values.subarray(0, rows));
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < rows; i++) {
        const x = v[i] ?? 0;
        if (x < min) min = x;
        if (x > max) max = x;
      }
      return chunk(
        column,
        'INT32',
        start,
        { values: bytesOf(v), encoding: 'PLAIN', rows, defLevels: null },
        null,
        {
          min_value: min,
          max_value: max,
          null_count: 0n,
        },
        column.compress ?? true,
      );
    }
    case 'timestamp-ms': {
      // Whole-number milliseconds below 2^53 split exactly into two 32-bit words.
      const words = new Int32Array(rows * 2);
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < rows; i++) {
        const t = values[i] ?? 0;
        if (t < min) min = t;
        if (t > max) max = t;
        const hi = Math.floor(t / 4294967296);
        words[2 * i] = (t - hi * 4294967296) | 0;
        words[2 * i + 1] = hi | 0;
      }
      return chunk(
        column,
        'INT64',
        start,
        { values: bytesOf(words), encoding: 'PLAIN', rows, defLevels: null },
        null,
        {
          min_value: BigInt(min),
          max_value: BigInt(max),
          null_count: 0n,
        },
        column.compress ?? true,
      );
    }
    case 'string':
      return encodeStrings(column, values, rows, start);
    default: {
      const never: never = column;
      throw new Error(`unknown column type ${JSON.stringify(never)}`);
    }
  }
}

function encodeFloat(
  column: Extract<FlatColumn, { type: 'float32' }>,
  values: FlatColumnData,
  rows: number,
  start: number,
  range: FloatRange | undefined,
): EncodedChunk {
  const v = values instanceof Float32Array ? values.subarray(0, rows) : Float32Array.from(values.subarray(0, rows));
  const { min, max, nan } = range ?? floatRange(v);
  const nullable = column.nullable === true;
  const stats: FullStatistics = {
    null_count: nullable ? BigInt(nan) : 0n,
    ...(nullable ? {} : { nan_count: BigInt(nan) }),
  };
  if (min <= max) {
    // The spec orders −0 before +0: a zero minimum is written −0 and a zero maximum +0.
    stats.min_value = min === 0 ? -0 : min;
    stats.max_value = max === 0 ? 0 : max;
  }
  let present: Float32Array = v;
  let defLevels: Uint8Array | null = null;
  if (nullable && nan === 0) defLevels = singleRun(rows);
  else if (nullable) {
    const levels = new Uint8Array(rows);
    if (nan > 0) present = new Float32Array(rows - nan);
    for (let i = 0, j = 0; i < rows; i++) {
      const x = v[i] ?? Number.NaN;
      if (x === x) {
        levels[i] = 1;
        if (nan > 0) present[j++] = x;
      }
    }
    defLevels = rle(levels, 1);
  }
  if (column.dictionary) {
    const index = new Map<number, number>();
    const codes = new Int32Array(present.length);
    const dict: number[] = [];
    let ok = true;
    let prev = Number.NaN;
    let prevCode = 0;
    for (let i = 0; i < present.length; i++) {
      const x = present[i] ?? 0;
      // Runs of one value are the rule here (a device's one-hot columns): skip the map lookup.
      if (x === prev) {
        codes[i] = prevCode;
        continue;
      }
      let c = index.get(x);
      if (c === undefined) {
        if (dict.length >= MAX_FLOAT_DICTIONARY) {
          ok = false;
          break;
        }
        c = dict.length;
        index.set(x, c);
        dict.push(x);
      }
      codes[i] = c;
      prev = x;
      prevCode = c;
    }
    if (ok) {
      const body = concat([new Uint8Array([bitWidthOf(dict.length - 1)]), rle(codes, bitWidthOf(dict.length - 1))]);
      return chunk(
        column,
        'FLOAT',
        start,
        { values: body, encoding: 'RLE_DICTIONARY', rows, defLevels },
        {
          values: bytesOf(Float32Array.from(dict)),
          count: dict.length,
        },
        stats,
        true,
      );
    }
  }
  return chunk(
    column,
    'FLOAT',
    start,
    { values: bytesOf(present), encoding: 'PLAIN', rows, defLevels },
    null,
    stats,
    column.compress ?? true,
  );
}

function encodeStrings(
  column: Extract<FlatColumn, { type: 'string' }>,
  values: FlatColumnData,
  rows: number,
  start: number,
): EncodedChunk {
  const local = new Map<number, number>();
  const codes = new Int32Array(rows);
  const labels: string[] = [];
  let prev = Number.NaN;
  let prevLocal = 0;
  for (let i = 0; i < rows; i++) {
    const code = values[i] ?? 0;
    if (code !== prev) {
      let l = local.get(code);
      if (l === undefined) {
        l = labels.length;
        local.set(code, l);
        labels.push(column.label(code));
      }
      prev = code;
      prevLocal = l;
    }
    codes[i] = prevLocal;
  }
  let min = labels[0] ?? '';
  let max = min;
  for (const s of labels) {
    // Code-point order equals UTF-8 byte order; the labels are ASCII identifiers.
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const width = bitWidthOf(labels.length - 1);
  return chunk(
    column,
    'BYTE_ARRAY',
    start,
    {
      values: concat([new Uint8Array([width]), rle(codes, width)]),
      encoding: 'RLE_DICTIONARY',
      rows,
      defLevels: null,
    },
    { values: plainStrings(labels), count: labels.length },
    { min_value: min, max_value: max, null_count: 0n },
    true,
  );
}

/** Lays out [dictionary page] + data page for one column chunk and describes it for the footer. */
function chunk(
  column: FlatColumn,
  type: 'FLOAT' | 'INT32' | 'INT64' | 'BYTE_ARRAY',
  start: number,
  data: { values: Uint8Array; encoding: Encoding; rows: number; defLevels: Uint8Array | null },
  dictionary: { values: Uint8Array; count: number } | null,
  statistics: FullStatistics,
  compress: boolean,
): EncodedChunk {
  const codec = compress ? 'SNAPPY' : 'UNCOMPRESSED';
  const bytes: Uint8Array[] = [];
  let uncompressed = 0;
  let compressed = 0;
  let dictionaryOffset: bigint | undefined;
  if (dictionary) {
    const body = compress ? snappyCompress(dictionary.values) : dictionary.values;
    const h = header({
      type: 'DICTIONARY_PAGE',
      uncompressed_page_size: dictionary.values.length,
      compressed_page_size: body.length,
      dictionary_page_header: { num_values: dictionary.count, encoding: 'PLAIN' },
    });
    dictionaryOffset = BigInt(start);
    bytes.push(h, body);
    uncompressed += h.length + dictionary.values.length;
    compressed += h.length + body.length;
  }
  const dataOffset = start + compressed;
  // Uncompressed pages go out as their parts (level header, levels, a view of the values): no copy.
  const rawParts = data.defLevels
    ? [new Uint8Array(new Uint32Array([data.defLevels.length]).buffer), data.defLevels, data.values]
    : [data.values];
  const rawLength = rawParts.reduce((sum, p) => sum + p.length, 0);
  const bodyParts = compress ? [snappyCompress(concat(rawParts))] : rawParts;
  const bodyLength = bodyParts.reduce((sum, p) => sum + p.length, 0);
  const h = header({
    type: 'DATA_PAGE',
    uncompressed_page_size: rawLength,
    compressed_page_size: bodyLength,
    data_page_header: {
      num_values: data.rows,
      encoding: data.encoding,
      definition_level_encoding: 'RLE',
      repetition_level_encoding: 'RLE',
    },
  });
  bytes.push(h, ...bodyParts);
  uncompressed += h.length + rawLength;
  compressed += h.length + bodyLength;
  const encodings: Encoding[] = dictionary ? ['PLAIN', 'RLE', 'RLE_DICTIONARY'] : ['PLAIN', 'RLE'];
  return {
    bytes,
    uncompressed,
    compressed,
    meta: {
      file_offset: BigInt(start + compressed),
      meta_data: {
        type,
        encodings,
        path_in_schema: [column.name],
        codec,
        num_values: BigInt(data.rows),
        total_uncompressed_size: BigInt(uncompressed),
        total_compressed_size: BigInt(compressed),
        data_page_offset: BigInt(dataOffset),
        ...(dictionaryOffset !== undefined ? { dictionary_page_offset: dictionaryOffset } : {}),
        statistics,
      },
    },
  };
}
