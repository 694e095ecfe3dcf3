import { z } from 'zod';

/** One sorted column; ties keep the dataset's row order, missing values (NaN) come last either way. */
export interface TableSort {
  column: string;
  direction: 'asc' | 'desc';
}

/**
 * A per-column filter. `range` keeps numbers in [min, max] (either bound may be open; a missing value never
 * matches a bound); `equals` keeps an exact number or text; `contains` keeps text holding the value
 * (case-insensitive).
 */
export type TableFilter =
  | { column: string; kind: 'range'; min: number | null; max: number | null }
  | { column: string; kind: 'equals'; value: string | number }
  | { column: string; kind: 'contains'; value: string };

/** What the table shows: a sort, filters combined with AND, and a search over every text column. */
export interface TableView {
  sort: TableSort | null;
  filters: TableFilter[];
  /** Case-insensitive text that any text column of a row must contain; '' for none. */
  search: string;
}

/** A view of one dataset's rows, and the window of the result to return. */
export interface TableQuery extends TableView {
  datasetId: string;
  offset: number;
  limit: number;
}

export type TableExportRequest = TableView & { datasetId: string };

/** The most rows one query returns: a window for a virtualised table, not the dataset. */
export const MAX_QUERY_ROWS = 5000;

const columnName = z.string().min(1, 'A column name is empty.').max(200);
const text = z.string().max(1000, 'A filter text is longer than 1,000 characters.');

const sortSchema = z.object({ column: columnName, direction: z.enum(['asc', 'desc']) }).strict();

const filterSchema = z.discriminatedUnion('kind', [
  z
    .object({ column: columnName, kind: z.literal('range'), min: z.number().nullable(), max: z.number().nullable() })
    .strict(),
  z.object({ column: columnName, kind: z.literal('equals'), value: z.union([text, z.number()]) }).strict(),
  z.object({ column: columnName, kind: z.literal('contains'), value: text }).strict(),
]);

const viewShape = {
  datasetId: z.string().min(1).max(200),
  sort: sortSchema.nullable(),
  filters: z.array(filterSchema).max(500),
  search: text,
};

const querySchema = z
  .object({
    ...viewShape,
    offset: z.number().int().min(0),
    limit: z.number().int().min(0).max(MAX_QUERY_ROWS),
  })
  .strict();

const exportSchema = z.object(viewShape).strict();

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'query'}: ${i.message}`)
    .join('; ');
}

/** Checks a query that crossed a worker boundary; a bad one is a readable error, never a half-run query. */
export function parseTableQuery(input: unknown): TableQuery {
  const r = querySchema.safeParse(input);
  if (!r.success) throw new TypeError(`Invalid table query (${describe(r.error)}).`);
  return r.data;
}

export function parseTableExport(input: unknown): TableExportRequest {
  const r = exportSchema.safeParse(input);
  if (!r.success) throw new TypeError(`Invalid table export (${describe(r.error)}).`);
  return r.data;
}

/** A stable text key of a view: equal views give equal keys (used to reuse a computed order). */
export function viewKey(view: TableView): string {
  return JSON.stringify([
    view.sort ? [view.sort.column, view.sort.direction] : null,
    view.filters.map(filterKey),
    view.search,
  ]);
}

function filterKey(f: TableFilter): unknown[] {
  if (f.kind === 'range') return [f.column, 'range', f.min, f.max];
  return [f.column, f.kind, typeof f.value, f.value];
}
