import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { FlatParquetWriter, type FlatColumn } from './flat-parquet-writer';

async function write(
  columns: FlatColumn[],
  groups: { data: Record<string, Float32Array | Float64Array | Int32Array | Uint8Array>; rows: number }[],
): Promise<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  const w = new FlatParquetWriter({
    columns,
    sink: (b) => void parts.push(b.slice()),
    keyValueMetadata: [{ key: 'k', value: 'v' }],
    sortedBy: ['id'],
  });
  for (const g of groups) await w.writeRowGroup(g.data, g.rows);
  await w.finish();
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out.buffer;
}

const NAMES = ['alpha', 'beta', 'gamma'];
const columns: FlatColumn[] = [
  { name: 'id', type: 'int32' },
  { name: 'name', type: 'string', label: (c) => NAMES[c] ?? '?' },
  { name: 'at', type: 'timestamp-ms' },
  { name: 'x', type: 'float32', nullable: true, compress: false },
  { name: 'flag', type: 'float32', nullable: true, dictionary: true },
  { name: 'y', type: 'float32' },
];

describe('FlatParquetWriter', () => {
  it('round-trips nulls, dictionaries, large timestamps and several row groups; statistics and sort order are recorded', async () => {
    const t = [Date.UTC(1999, 0, 1), Date.UTC(2025, 5, 1, 12), Date.UTC(2100, 11, 31, 23, 59, 59, 999)];
    const file = await write(columns, [
      {
        rows: 3,
        data: {
          id: Int32Array.from([1, 2, 3]),
          name: Int32Array.from([2, 0, 2]),
          at: Float64Array.from(t),
          x: Float32Array.from([1.5, Number.NaN, -2]),
          flag: Float32Array.from([0, 1, Number.NaN]),
          y: Float32Array.from([Number.NaN, 0, 7]),
        },
      },
      { rows: 0, data: {} },
      {
        rows: 2,
        data: {
          id: Int32Array.from([4, 5, 99]), // a longer array: only `rows` values are written
          name: Uint8Array.from([1, 1]),
          at: Float64Array.from([0, 1]),
          x: Float32Array.from([Number.NaN, Number.NaN]),
          flag: Float32Array.from([1, 1]),
          y: Float32Array.from([-0, 3]),
        },
      },
    ]);
    const rows = await parquetReadObjects({ file });
    expect(rows.map((r) => ({ ...r, at: (r.at as Date).getTime() }))).toEqual([
      { id: 1, name: 'gamma', at: t[0], x: 1.5, flag: 0, y: Number.NaN },
      { id: 2, name: 'alpha', at: t[1], x: null, flag: 1, y: 0 },
      { id: 3, name: 'gamma', at: t[2], x: -2, flag: null, y: 7 },
      { id: 4, name: 'beta', at: 0, x: null, flag: 1, y: -0 },
      { id: 5, name: 'beta', at: 1, x: null, flag: 1, y: 3 },
    ]);
    const meta = parquetMetadata(file);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([3, 2]);
    expect(meta.key_value_metadata).toEqual([{ key: 'k', value: 'v' }]);
    const stats = (g: number, c: number) => meta.row_groups[g]?.columns[c]?.meta_data?.statistics;
    expect(stats(0, 0)).toMatchObject({ min_value: 1, max_value: 3, null_count: 0n });
    expect(stats(0, 1)).toMatchObject({ min_value: 'alpha', max_value: 'gamma' });
    expect(stats(0, 3)).toMatchObject({ min_value: -2, max_value: 1.5, null_count: 1n });
    // A chunk of nulls only has no min or max.
    expect(stats(1, 3)?.min_value).toBeUndefined();
    expect(stats(1, 3)?.null_count).toBe(2n);
    expect(meta.row_groups[0]?.columns[4]?.meta_data?.encodings).toContain('RLE_DICTIONARY');
    expect(meta.row_groups[0]?.columns[3]?.meta_data?.codec).toBe('UNCOMPRESSED');
    expect(meta.row_groups[0]?.sorting_columns).toEqual([{ column_idx: 0, descending: false, nulls_first: false }]);
  });

  it('writes a valid empty file, and refuses short columns and writes after finish', async () => {
    const empty = await write(columns, []);
    expect(Number(parquetMetadata(empty).num_rows)).toBe(0);
    const w = new FlatParquetWriter({ columns: [{ name: 'id', type: 'int32' }], sink: () => undefined });
    await expect(w.writeRowGroup({ id: Int32Array.from([1]) }, 2)).rejects.toThrow('column id has fewer than 2 values');
    await w.finish();
    await expect(w.writeRowGroup({ id: Int32Array.from([1]) }, 1)).rejects.toThrow('already finished');
  });
});
