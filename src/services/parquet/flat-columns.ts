import type { SchemaElement } from 'hyparquet';

/** A column of a flat Parquet table and how it is written. */
export type FlatColumn =
  /** NaN is written as null when `nullable`; `dictionary` suits columns of a few distinct values (one-hot…). */
  | { name: string; type: 'float32'; nullable?: boolean; dictionary?: boolean; compress?: boolean }
  | { name: string; type: 'int32'; compress?: boolean }
  /** Epoch milliseconds (a Float64Array holding whole numbers), written as a UTC TIMESTAMP(MILLIS). */
  | { name: string; type: 'timestamp-ms'; compress?: boolean }
  /** Categorical strings: the column holds codes; `label(code)` is the string (a dictionary per row group). */
  | { name: string; type: 'string'; label: (code: number) => string };

export type FlatColumnData =
  Float32Array | Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array;

function schemaElement(c: FlatColumn): SchemaElement {
  switch (c.type) {
    case 'float32':
      return { name: c.name, type: 'FLOAT', repetition_type: c.nullable ? 'OPTIONAL' : 'REQUIRED' };
    case 'int32':
      return { name: c.name, type: 'INT32', repetition_type: 'REQUIRED' };
    case 'timestamp-ms':
      return {
        name: c.name,
        type: 'INT64',
        repetition_type: 'REQUIRED',
        converted_type: 'TIMESTAMP_MILLIS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
      };
    case 'string':
      return {
        name: c.name,
        type: 'BYTE_ARRAY',
        repetition_type: 'REQUIRED',
        converted_type: 'UTF8',
        logical_type: { type: 'STRING' },
      };
    default: {
      const never: never = c;
      throw new Error(`unknown column type ${JSON.stringify(never)}`);
    }
  }
}

export function flatParquetSchema(columns: readonly FlatColumn[]): SchemaElement[] {
  return [{ name: 'root', num_children: columns.length }, ...columns.map(schemaElement)];
}
