import type { TableFilter, TableSort, TableView } from './table-view';

/** Numbers of a column, one per row; NaN is a missing value. */
export type NumericValues =
  Float32Array | Float64Array | Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;
export type CodeValues = Uint8Array | Uint16Array | Uint32Array;

export interface NumberColumn {
  kind: 'number';
  values: NumericValues;
}

/** Text as codes into a dictionary: filters test each distinct text once, then rows by their code. */
export interface TextColumn {
  kind: 'text';
  codes: CodeValues;
  /** Codes are < cardinality. */
  cardinality: number;
  label(code: number): string;
  /** 'code': the codes are already in the column's order (device numbers, times); 'label': order by the text. */
  order: 'code' | 'label';
}

export type QueryColumn = NumberColumn | TextColumn;

/** Columns by id, built lazily where a column is derived (so only the columns a query uses cost memory). */
export interface QueryTable {
  rowCount: number;
  ids: readonly string[];
  column(id: string): QueryColumn | undefined;
}

/** Rows of the table in result order; `null` means every row in dataset order (nothing to compute). */
export type RowOrder = Uint32Array | null;

function columnOf(table: QueryTable, id: string): QueryColumn {
  const c = table.column(id);
  if (!c) throw new RangeError(`This table has no column "${id}".`);
  return c;
}

/** Which codes of a text column pass a test, evaluated once per distinct text. */
function codeMask(col: TextColumn, test: (text: string) => boolean): Uint8Array {
  const mask = new Uint8Array(col.cardinality);
  for (let c = 0; c < col.cardinality; c++) mask[c] = test(col.label(c)) ? 1 : 0;
  return mask;
}

function keep(rows: RowOrder, n: number, pass: (row: number) => boolean): Uint32Array {
  const out = new Uint32Array(rows ? rows.length : n);
  let k = 0;
  if (rows) {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] ?? 0;
      if (pass(r)) out[k++] = r;
    }
  } else {
    for (let r = 0; r < n; r++) if (pass(r)) out[k++] = r;
  }
  return out.slice(0, k);
}

function asNumber(value: string | number): number {
  if (typeof value === 'number') return value;
  const t = value.trim();
  return t === '' ? Number.NaN : Number(t);
}

/** One filter applied to the rows still in (dataset order in, dataset order out). */
export function applyFilter(table: QueryTable, rows: RowOrder, f: TableFilter): RowOrder {
  const col = columnOf(table, f.column);
  const n = table.rowCount;
  if (f.kind === 'range') {
    if (col.kind !== 'number')
      throw new RangeError(`Column "${f.column}" holds text: filter it by text, not by a range.`);
    if (f.min === null && f.max === null) return rows;
    const v = col.values;
    const lo = f.min ?? Number.NEGATIVE_INFINITY;
    const hi = f.max ?? Number.POSITIVE_INFINITY;
    // NaN fails both comparisons, so a missing value never matches a range.
    return keep(rows, n, (r) => {
      const x = v[r] ?? Number.NaN;
      return x >= lo && x <= hi;
    });
  }
  if (col.kind === 'number') {
    if (f.kind === 'contains') throw new RangeError(`Column "${f.column}" holds numbers: filter it by a range.`);
    const target = asNumber(f.value);
    const v = col.values;
    if (Number.isNaN(target)) return keep(rows, n, (r) => Number.isNaN(v[r] ?? Number.NaN));
    return keep(rows, n, (r) => v[r] === target);
  }
  const needle = String(f.value).toLowerCase();
  if (f.kind === 'contains' && needle === '') return rows;
  const mask = codeMask(
    col,
    f.kind === 'contains' ? (t) => t.toLowerCase().includes(needle) : (t) => t === String(f.value),
  );
  const codes = col.codes;
  return keep(rows, n, (r) => mask[codes[r] ?? 0] === 1);
}

/** Rows where any text column contains `search` (case-insensitive). */
export function applySearch(table: QueryTable, rows: RowOrder, search: string): RowOrder {
  const needle = search.trim().toLowerCase();
  if (needle === '') return rows;
  const tests: { codes: CodeValues; mask: Uint8Array }[] = [];
  for (const id of table.ids) {
    const col = table.column(id);
    if (col?.kind !== 'text') continue;
    const mask = codeMask(col, (t) => t.toLowerCase().includes(needle));
    if (mask.includes(1)) tests.push({ codes: col.codes, mask });
  }
  return keep(rows, table.rowCount, (r) => tests.some((t) => t.mask[t.codes[r] ?? 0] === 1));
}

/** Filters, then the search: the matching rows in dataset order. */
export function filterRows(table: QueryTable, filters: readonly TableFilter[], search: string): RowOrder {
  let rows: RowOrder = null;
  for (const f of filters) rows = applyFilter(table, rows, f);
  return applySearch(table, rows, search);
}

// Float64 bits through a shared buffer (little-endian on every platform browsers run on; checked below).
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1;
const HI = u32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;
/** Fewer rows than this sort with a comparator: a radix pass costs its 65,536-bucket histograms. */
const RADIX_MIN_ROWS = 2048;
const MAX32 = 0xffffffff;

/**
 * Unsigned 64-bit keys (as hi/lo words) that order like the numbers: ascending, or descending when
 * `desc`; NaN gets the largest key, so it sorts last in both directions; -0 counts as 0.
 */
function sortKeys(
  rows: Uint32Array,
  value: (row: number) => number,
  desc: boolean,
): { hi: Uint32Array; lo: Uint32Array } {
  const m = rows.length;
  const hi = new Uint32Array(m);
  const lo = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    const x = value(rows[i] ?? 0);
    if (Number.isNaN(x)) {
      hi[i] = MAX32;
      lo[i] = MAX32;
      continue;
    }
    f64[0] = x + 0; // -0 + 0 is +0
    let h = u32[HI] ?? 0;
    let l = u32[LO] ?? 0;
    if (h & 0x80000000) {
      h = ~h;
      l = ~l;
    } else {
      h ^= 0x80000000;
    }
    if (desc) {
      h = ~h;
      l = ~l;
    }
    hi[i] = h >>> 0;
    lo[i] = l >>> 0;
  }
  return { hi, lo };
}

/** Positions 0…m−1 ordered by (hi, lo), stable: an LSD radix sort on 16-bit digits, skipping constant digits. */
function radixOrder(hi: Uint32Array, lo: Uint32Array): Uint32Array {
  const m = hi.length;
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < m; i++) {
    const l = lo[i] ?? 0;
    const h = hi[i] ?? 0;
    counts[l & 0xffff] = (counts[l & 0xffff] ?? 0) + 1;
    counts[65536 + (l >>> 16)] = (counts[65536 + (l >>> 16)] ?? 0) + 1;
    counts[131072 + (h & 0xffff)] = (counts[131072 + (h & 0xffff)] ?? 0) + 1;
    counts[196608 + (h >>> 16)] = (counts[196608 + (h >>> 16)] ?? 0) + 1;
  }
  let order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  let next = new Uint32Array(m);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    const words = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    // A digit every key shares does not reorder anything.
    let constant = false;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d] ?? 0;
      if (c === m) constant = true;
      if (c !== 0) break;
    }
    if (constant) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d] ?? 0;
      counts[base + d] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const p = order[i] ?? 0;
      const digit = ((words[p] ?? 0) >>> shift) & 0xffff;
      const at = counts[base + digit] ?? 0;
      next[at] = p;
      counts[base + digit] = at + 1;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}

function orderBy(rows: Uint32Array, value: (row: number) => number, desc: boolean): Uint32Array {
  const { hi, lo } = sortKeys(rows, value, desc);
  let order: Uint32Array;
  if (rows.length < RADIX_MIN_ROWS) {
    order = new Uint32Array(rows.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    // Positions break ties, so this is stable too.
    order.sort((a, b) => (hi[a] ?? 0) - (hi[b] ?? 0) || (lo[a] ?? 0) - (lo[b] ?? 0) || a - b);
  } else {
    order = radixOrder(hi, lo);
  }
  const out = new Uint32Array(rows.length);
  for (let i = 0; i < out.length; i++) out[i] = rows[order[i] ?? 0] ?? 0;
  return out;
}

/** Rank of each code when its texts are sorted (by UTF-16 code units, as `<` compares). */
function labelRanks(col: TextColumn): Uint32Array {
  const labels = Array.from({ length: col.cardinality }, (_, c) => col.label(c));
  const byLabel = Array.from({ length: col.cardinality }, (_, c) => c).sort((a, b) => {
    const x = labels[a] ?? '';
    const y = labels[b] ?? '';
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const rank = new Uint32Array(col.cardinality);
  byLabel.forEach((code, i) => {
    rank[code] = i;
  });
  return rank;
}

/**
 * Stable argsort of `rows` (dataset order in) by a column: numbers by value, text by its order; missing
 * numbers last in both directions; equal values keep their order in `rows`.
 */
export function sortRows(table: QueryTable, rows: RowOrder, sort: TableSort): Uint32Array {
  const col = columnOf(table, sort.column);
  const input = rows ?? identity(table.rowCount);
  const desc = sort.direction === 'desc';
  if (col.kind === 'number') {
    const v = col.values;
    return orderBy(input, (r) => v[r] ?? Number.NaN, desc);
  }
  const codes = col.codes;
  if (col.order === 'code') return orderBy(input, (r) => codes[r] ?? 0, desc);
  const rank = labelRanks(col);
  return orderBy(input, (r) => rank[codes[r] ?? 0] ?? 0, desc);
}

export function identity(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** The rows of a view in order: filters and search first, then the sort. */
export function runView(table: QueryTable, view: TableView): RowOrder {
  const rows = filterRows(table, view.filters, view.search);
  return view.sort ? sortRows(table, rows, view.sort) : rows;
}

/** Row numbers of [offset, offset + limit) of an order. */
export function windowOf(order: RowOrder, total: number, offset: number, limit: number): Uint32Array {
  const end = Math.min(total, offset + limit);
  if (offset >= end) return new Uint32Array(0);
  if (order) return order.subarray(offset, end);
  const out = new Uint32Array(end - offset);
  for (let i = 0; i < out.length; i++) out[i] = offset + i;
  return out;
}
