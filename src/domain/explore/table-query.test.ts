import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { filterRows, runView, sortRows, windowOf, type QueryColumn, type QueryTable } from './table-query';
import { parseTableExport, parseTableQuery, viewKey, type TableView } from './table-view';

function table(columns: Record<string, QueryColumn>, rowCount: number): QueryTable {
  return { rowCount, ids: Object.keys(columns), column: (id) => columns[id] };
}

const COLOURS = ['red', 'green', 'blue', 'Dark Red'];
function colours(codes: number[]): QueryColumn {
  return {
    kind: 'text',
    codes: Uint8Array.from(codes),
    cardinality: COLOURS.length,
    label: (c) => COLOURS[c] ?? '',
    order: 'label',
  };
}

const view = (v: Partial<TableView>): TableView => ({ sort: null, filters: [], search: '', ...v });

/** The reference: a comparator sort of the same rows (stable, NaN last). */
function reference(values: ArrayLike<number>, rows: number[], desc: boolean): number[] {
  return rows.toSorted((a, b) => {
    const x = values[a] ?? Number.NaN;
    const y = values[b] ?? Number.NaN;
    if (Number.isNaN(x) || Number.isNaN(y))
      return Number.isNaN(x) === Number.isNaN(y) ? a - b : Number.isNaN(x) ? 1 : -1;
    return (desc ? y - x : x - y) || a - b;
  });
}

describe('table query: filters', () => {
  const t = table(
    {
      x: { kind: 'number', values: Float32Array.from([3, Number.NaN, -1, 7, 0.5, 7]) },
      colour: colours([0, 1, 2, 3, 0, 1]),
      flag: { kind: 'number', values: Uint8Array.from([1, 0, 0, 1, 1, 0]) },
    },
    6,
  );

  it('a range keeps values within both bounds and never a missing value', () => {
    expect(Array.from(filterRows(t, [{ column: 'x', kind: 'range', min: 0.5, max: 7 }], '') ?? [])).toEqual([
      0, 3, 4, 5,
    ]);
    expect(Array.from(filterRows(t, [{ column: 'x', kind: 'range', min: null, max: 0.5 }], '') ?? [])).toEqual([2, 4]);
    expect(Array.from(filterRows(t, [{ column: 'x', kind: 'range', min: -100, max: null }], '') ?? [])).toEqual([
      0, 2, 3, 4, 5,
    ]);
    // No bounds: no filter at all (missing values stay).
    expect(filterRows(t, [{ column: 'x', kind: 'range', min: null, max: null }], '')).toBeNull();
  });

  it('contains is case-insensitive, equals is exact, and filters combine with AND', () => {
    expect(Array.from(filterRows(t, [{ column: 'colour', kind: 'contains', value: 'RED' }], '') ?? [])).toEqual([
      0, 3, 4,
    ]);
    expect(Array.from(filterRows(t, [{ column: 'colour', kind: 'equals', value: 'red' }], '') ?? [])).toEqual([0, 4]);
    expect(Array.from(filterRows(t, [{ column: 'flag', kind: 'equals', value: 1 }], '') ?? [])).toEqual([0, 3, 4]);
    expect(Array.from(filterRows(t, [{ column: 'flag', kind: 'equals', value: '0' }], '') ?? [])).toEqual([1, 2, 5]);
    const both = filterRows(
      t,
      [
        { column: 'colour', kind: 'contains', value: 'red' },
        { column: 'x', kind: 'range', min: 1, max: null },
      ],
      '',
    );
    expect(Array.from(both ?? [])).toEqual([0, 3]);
  });

  it('the search looks in every text column', () => {
    expect(Array.from(filterRows(t, [], 'ee') ?? [])).toEqual([1, 5]);
    expect(Array.from(filterRows(t, [], 'nothing') ?? [])).toEqual([]);
    expect(filterRows(t, [], '  ')).toBeNull();
  });

  it('a filter that does not fit its column is an error, not an empty result', () => {
    expect(() => filterRows(t, [{ column: 'colour', kind: 'range', min: 0, max: 1 }], '')).toThrow(/holds text/);
    expect(() => filterRows(t, [{ column: 'x', kind: 'contains', value: '3' }], '')).toThrow(/holds numbers/);
    expect(() => filterRows(t, [{ column: 'nope', kind: 'contains', value: '3' }], '')).toThrow(/no column "nope"/);
  });
});

describe('table query: argsort', () => {
  it('sorts numbers both ways with missing values last and ties in row order', () => {
    const values = Float64Array.from([
      2,
      Number.NaN,
      -0,
      5,
      2,
      Number.NaN,
      0,
      -3.5,
      5,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
    const t = table({ v: { kind: 'number', values } }, values.length);
    const asc = Array.from(sortRows(t, null, { column: 'v', direction: 'asc' }));
    const desc = Array.from(sortRows(t, null, { column: 'v', direction: 'desc' }));
    expect(asc).toEqual([9, 7, 2, 6, 0, 4, 3, 8, 10, 1, 5]);
    expect(desc).toEqual([10, 3, 8, 0, 4, 2, 6, 7, 9, 1, 5]);
  });

  it('the radix path (many rows) agrees with a stable comparator sort, for floats and integers', () => {
    const rng = createRng(7);
    const n = 50_000;
    const f32 = new Float32Array(n);
    const ints = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      f32[i] = u < 0.05 ? Number.NaN : Math.round((u - 0.5) * 2000) / 100; // many ties
      ints[i] = Math.floor((rng.next() - 0.5) * 2e9);
    }
    const t = table({ f: { kind: 'number', values: f32 }, i: { kind: 'number', values: ints } }, n);
    const all = Array.from({ length: n }, (_, i) => i);
    for (const direction of ['asc', 'desc'] as const) {
      expect(Array.from(sortRows(t, null, { column: 'f', direction }))).toEqual(
        reference(f32, all, direction === 'desc'),
      );
      expect(Array.from(sortRows(t, null, { column: 'i', direction }))).toEqual(
        reference(ints, all, direction === 'desc'),
      );
    }
    // A subset (after a filter) keeps its own order for ties.
    const subset = all.filter((i) => i % 3 === 0);
    expect(Array.from(sortRows(t, Uint32Array.from(subset), { column: 'f', direction: 'desc' }))).toEqual(
      reference(f32, subset, true),
    );
  });

  it('sorts text by its label or by code order', () => {
    const t = table(
      {
        colour: colours([0, 1, 2, 3, 0, 1]),
        byCode: {
          kind: 'text',
          codes: Uint16Array.from([10, 2, 7, 2]),
          cardinality: 11,
          label: (c) => `device_${c}`,
          order: 'code',
        },
      },
      6,
    );
    // 'Dark Red' < 'blue' < 'green' < 'red' in code-unit order.
    expect(Array.from(sortRows(t, null, { column: 'colour', direction: 'asc' }))).toEqual([3, 2, 1, 5, 0, 4]);
    expect(Array.from(sortRows(t, null, { column: 'colour', direction: 'desc' }))).toEqual([0, 4, 1, 5, 2, 3]);
    const t4 = { ...t, rowCount: 4 };
    expect(Array.from(sortRows(t4, null, { column: 'byCode', direction: 'asc' }))).toEqual([1, 3, 2, 0]);
  });

  it('a view filters, then sorts, and pages through the result', () => {
    const values = Float32Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_007);
    const t = table(
      { v: { kind: 'number', values }, colour: colours(Array.from({ length: 10_000 }, (_, i) => i % 4)) },
      10_000,
    );
    const order = runView(
      t,
      view({
        filters: [{ column: 'colour', kind: 'equals', value: 'blue' }],
        sort: { column: 'v', direction: 'desc' },
      }),
    );
    expect(order?.length).toBe(2500);
    const max = Math.max(...Array.from({ length: 2500 }, (_, k) => values[k * 4 + 2] ?? 0));
    expect(values[order?.[0] ?? 0]).toBe(max);
    const page = windowOf(order, order?.length ?? 0, 2490, 200);
    expect(page.length).toBe(10);
    expect(Array.from(windowOf(null, 10_000, 9_998, 200))).toEqual([9998, 9999]);
    expect(windowOf(null, 10, 20, 5).length).toBe(0);
  });
});

describe('table query: validation at the worker boundary', () => {
  const ok = {
    datasetId: 'd',
    sort: { column: 'x', direction: 'desc' },
    filters: [{ column: 'x', kind: 'range', min: 1, max: null }],
    search: '',
    offset: 0,
    limit: 200,
  };

  it('accepts a well-formed query and rejects a malformed one with a readable error', () => {
    expect(parseTableQuery(ok).sort?.direction).toBe('desc');
    expect(() => parseTableQuery({ ...ok, limit: 1e9 })).toThrow(/Invalid table query/);
    expect(() => parseTableQuery({ ...ok, sort: { column: 'x', direction: 'up' } })).toThrow(/sort/);
    expect(() =>
      parseTableQuery({ ...ok, filters: [{ column: 'x', kind: 'range', min: Number.NaN, max: null }] }),
    ).toThrow(/filters/);
    expect(() => parseTableQuery({ ...ok, offset: -1 })).toThrow(/offset/);
    expect(() => parseTableExport({ ...ok })).toThrow(/Invalid table export/);
  });

  it('equal views have equal keys', () => {
    expect(viewKey(view({ search: 'a' }))).toBe(viewKey(view({ search: 'a' })));
    expect(viewKey(view({ filters: [{ column: 'x', kind: 'equals', value: 1 }] }))).not.toBe(
      viewKey(view({ filters: [{ column: 'x', kind: 'equals', value: '1' }] })),
    );
  });
});
