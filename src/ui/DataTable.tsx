import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { TableFilter, TableSort } from '../domain/explore/table-view';

export type Cell = string | number | null;
export type TableRow = Record<string, Cell>;

export interface DataColumn {
  id: string;
  header: string;
  /** Right-aligned, sorted numerically. */
  numeric?: boolean;
  /** Display text (may use other fields of the row); sorting and filtering use the raw value. */
  format?: (v: Cell, row: TableRow) => string;
  /** Marks the best value of the column among the shown rows. */
  best?: 'max' | 'min';
}

const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  columnVisibilityFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  filterFns: { includesString: filterFn_includesString },
  sortFns: { basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, TableRow>();

const ROW_HEIGHT = 30;

/**
 * A sortable, filterable table whose body is virtualised, so tens of thousands of rows scroll smoothly.
 * Keyboard: headers are buttons (Enter/Space sorts), the filter is a labelled search box, and the
 * column chooser is a native <details> with checkboxes.
 *
 * Windowed mode (`windowed` instead of `rows`): the rows live elsewhere (a worker sorting and filtering
 * every row of a dataset); the table shows the result's length in its scrollbar, asks for the rows of the
 * visible window, and turns header clicks, per-column filters and the search box into requests.
 */
export function DataTable(props: DataTableProps) {
  return props.windowed ? <WindowedTable {...props} windowed={props.windowed} /> : <LocalTable {...props} rows={props.rows} />;
}

interface CommonProps {
  label: string;
  columns: readonly DataColumn[];
  height?: number;
  initialHidden?: readonly string[];
}

/** Rows in memory (sorted and filtered here), or a window onto a result computed elsewhere. */
export type DataTableProps = CommonProps & ({ rows: readonly TableRow[]; windowed?: undefined } | { rows?: undefined; windowed: WindowedRows });

function LocalTable({ label, columns, rows, height = 420, initialHidden = [] }: CommonProps & { rows: readonly TableRow[] }) {
  const filterId = useId();
  const defs = useMemo(
    () =>
      helper.columns(columns.map((c) =>
        helper.accessor((row) => row[c.id] ?? null, {
          id: c.id,
          header: c.header,
          sortFn: 'basic',
          sortDescFirst: false,
          cell: (info) => {
            const v = info.getValue();
            return c.format ? c.format(v, info.row.original) : v === null ? '' : String(v);
          },
        }),
      )),
    [columns],
  );
  const data = useMemo(() => [...rows], [rows]);
  const [globalFilter, setGlobalFilter] = useState('');
  const [columnVisibility, setColumnVisibility] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(initialHidden.map((id) => [id, false])),
  );
  const table = useTable({
    features,
    columns: defs,
    data,
    state: { globalFilter, columnVisibility },
    onGlobalFilterChange: (u) => setGlobalFilter((prev) => (typeof u === 'function' ? String(u(prev)) : String(u ?? ''))),
    onColumnVisibilityChange: (u) => setColumnVisibility((prev) => (typeof u === 'function' ? u(prev) : u)),
    globalFilterFn: 'includesString',
  });
  const tableRows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const numeric = new Set(columns.filter((c) => c.numeric).map((c) => c.id));
  const bestValue = new Map<string, number>();
  for (const c of columns) {
    if (!c.best) continue;
    const values = tableRows.map((r) => r.original[c.id]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length > 1) bestValue.set(c.id, c.best === 'max' ? Math.max(...values) : Math.min(...values));
  }
  const visibleCount = table.getVisibleLeafColumns().length;

  return (
    <div className="data-table">
      <div className="table-toolbar">
        <label htmlFor={filterId}>Filter rows</label>
        <input
          id={filterId}
          type="search"
          value={globalFilter}
          placeholder="Type to filter…"
          onChange={(e) => setGlobalFilter(e.target.value)}
        />
        <span className="muted" aria-live="polite">
          {tableRows.length.toLocaleString('en-US')} of {rows.length.toLocaleString('en-US')} rows
        </span>
        <details className="column-chooser">
          <summary>Columns</summary>
          <fieldset>
            <legend>Show columns</legend>
            {table.getAllLeafColumns().map((col) => (
              <label key={col.id}>
                <input type="checkbox" checked={col.getIsVisible()} onChange={() => col.toggleVisibility()} />
                {columns.find((c) => c.id === col.id)?.header ?? col.id}
              </label>
            ))}
          </fieldset>
        </details>
      </div>
      <div ref={scrollRef} className="table-scroll" style={{ maxHeight: height }} tabIndex={0} role="region" aria-label={`${label} (scrollable)`}>
        <table aria-label={label} aria-rowcount={tableRows.length + 1}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                      className={numeric.has(header.column.id) ? 'num' : undefined}
                    >
                      <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                        <table.FlexRender header={header} />
                        <SortMark direction={sorted} />
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            <SpacerRow height={padTop} columns={visibleCount} />
            {items.map((item) => {
              const row = tableRows[item.index];
              if (!row) return null;
              return (
                <tr key={row.id} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                  {row.getVisibleCells().map((cell) => {
                    const isBest = bestValue.has(cell.column.id) && row.original[cell.column.id] === bestValue.get(cell.column.id);
                    const cls = [numeric.has(cell.column.id) ? 'num' : '', isBest ? 'best' : ''].filter(Boolean).join(' ');
                    return (
                      <td key={cell.id} className={cls || undefined}>
                        <table.FlexRender cell={cell} />
                        {isBest ? <span className="visually-hidden"> (best)</span> : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            <SpacerRow height={padBottom} columns={visibleCount} />
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A result computed elsewhere, shown a window at a time. */
export interface WindowedRows {
  /** Rows in the result: the scrollbar's length. */
  count: number;
  /** Every row of the data, for "count of total rows". */
  total: number;
  /** The row at an index of the result, or undefined while its window is being fetched. */
  rowAt(index: number): TableRow | undefined;
  /** The rows [start, end) are on screen (with some overscan): fetch what is missing. */
  onRange(start: number, end: number): void;
  /** Changes with every new result (a new sort or filter): the table scrolls back to its first row. */
  resultKey: string;
  /** The sort asked for (a header click toggles from it)… */
  sort: TableSort | null;
  /** …and the sort the shown rows have (aria-sort tells this one). */
  shownSort: TableSort | null;
  onSort(sort: TableSort | null): void;
  /** Called (debounced) with the filters typed into the per-column inputs. */
  onFilters(filters: TableFilter[]): void;
  /** Called (debounced) with the search box's text. */
  onSearch(text: string): void;
  /** A request is being computed: the shown rows are the previous result's. */
  busy: boolean;
  /** Extra controls for the toolbar (an export button). */
  actions?: ReactNode;
}

/** Browsers cap an element's height (about 17 million px in Firefox): longer results scroll proportionally. */
const MAX_SCROLL_PX = 12_000_000;
const OVERSCAN = 10;
const DEBOUNCE_MS = 250;

interface FilterDraft {
  min: string;
  max: string;
  text: string;
}
const EMPTY_DRAFT: FilterDraft = { min: '', max: '', text: '' };

function parseBound(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

function filtersOf(columns: readonly DataColumn[], drafts: Record<string, FilterDraft>): TableFilter[] {
  const out: TableFilter[] = [];
  for (const c of columns) {
    const d = drafts[c.id];
    if (!d) continue;
    if (c.numeric) {
      const min = parseBound(d.min);
      const max = parseBound(d.max);
      if (min !== null || max !== null) out.push({ column: c.id, kind: 'range', min, max });
    } else if (d.text.trim() !== '') {
      out.push({ column: c.id, kind: 'contains', value: d.text.trim() });
    }
  }
  return out;
}

function nextSort(current: TableSort | null, column: string): TableSort | null {
  if (current?.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : null;
}

/** Calls `fn(value)` once `value` has not changed for DEBOUNCE_MS (not on mount). */
function useDebounced<T>(value: T, fn: (v: T) => void): void {
  const first = useRef(true);
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return undefined;
    }
    const t = setTimeout(() => latest.current(value), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [value]);
}

function WindowedTable({ label, columns, windowed: w, height = 420, initialHidden = [] }: CommonProps & { windowed: WindowedRows }) {
  const searchId = useId();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set(initialHidden));
  const [search, setSearch] = useState('');
  const [drafts, setDrafts] = useState<Record<string, FilterDraft>>({});
  // The scroll offset belongs to one result: a new result starts at its first row.
  const [scroll, setScroll] = useState({ key: w.resultKey, top: 0 });
  const scrollTop = scroll.key === w.resultKey ? scroll.top : 0;
  const [viewport, setViewport] = useState(height);
  const scrollRef = useRef<HTMLDivElement>(null);
  const visible = columns.filter((c) => !hidden.has(c.id));
  const filters = useMemo(() => filtersOf(columns, drafts), [columns, drafts]);
  const filterKey = JSON.stringify(filters);
  useDebounced(search, (v) => w.onSearch(v));
  useDebounced(filterKey, () => w.onFilters(filters));

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [w.resultKey]);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return undefined;
    const measure = (): void => setViewport(el.clientHeight || height);
    measure();
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    ro?.observe(el);
    return () => ro?.disconnect();
  }, [height]);

  // Which rows are on screen: exact up to MAX_SCROLL_PX of rows, proportional beyond.
  const fullPx = w.count * ROW_HEIGHT;
  const scrollPx = Math.min(fullPx, MAX_SCROLL_PX);
  const offset = scrollPx > viewport ? (scrollTop * Math.max(0, fullPx - viewport)) / (scrollPx - viewport) : scrollTop;
  const firstRow = Math.min(Math.max(0, w.count - 1), Math.floor(offset / ROW_HEIGHT));
  const start = Math.max(0, firstRow - OVERSCAN);
  const end = Math.min(w.count, firstRow + Math.ceil(viewport / ROW_HEIGHT) + OVERSCAN);
  const padTop = Math.max(0, Math.min(scrollPx - (end - start) * ROW_HEIGHT, scrollTop - (offset - firstRow * ROW_HEIGHT) - (firstRow - start) * ROW_HEIGHT));
  const padBottom = Math.max(0, scrollPx - padTop - (end - start) * ROW_HEIGHT);
  const onRange = useRef(w.onRange);
  useEffect(() => {
    onRange.current = w.onRange;
  });
  useEffect(() => {
    if (end > start) onRange.current(start, end);
  }, [start, end, w.resultKey]);

  const activeFilters = filters.length;
  const filterColumns = columns.filter((c) => !hidden.has(c.id) || drafts[c.id]);
  const setDraft = (id: string, patch: Partial<FilterDraft>): void =>
    setDrafts((prev) => ({ ...prev, [id]: { ...(prev[id] ?? EMPTY_DRAFT), ...patch } }));
  const ariaSort = (id: string): 'ascending' | 'descending' | 'none' =>
    w.shownSort?.column === id ? (w.shownSort.direction === 'asc' ? 'ascending' : 'descending') : 'none';

  return (
    <div className="data-table">
      <div className="table-toolbar">
        <label htmlFor={searchId}>Filter rows</label>
        <input id={searchId} type="search" value={search} placeholder="Text in any text column…" onChange={(e) => setSearch(e.target.value)} />
        <span className="muted" aria-live="polite">
          {w.count.toLocaleString('en-US')} of {w.total.toLocaleString('en-US')} rows
        </span>
        {w.busy ? (
          <span className="muted" role="status">
            Updating…
          </span>
        ) : null}
        <details className="column-chooser">
          <summary>Column filters{activeFilters > 0 ? ` (${activeFilters} active)` : ''}</summary>
          <fieldset>
            <legend>Filter every row by column</legend>
            {filterColumns.map((c) => {
              const d = drafts[c.id] ?? EMPTY_DRAFT;
              return c.numeric ? (
                <div key={c.id} style={{ display: 'flex', gap: '0.3rem', alignItems: 'center' }}>
                  <span style={{ minWidth: '12em' }}>{c.header}</span>
                  <input
                    type="number"
                    step="any"
                    style={{ width: '7em' }}
                    placeholder="min"
                    aria-label={`${c.header} at least`}
                    value={d.min}
                    onChange={(e) => setDraft(c.id, { min: e.target.value })}
                  />
                  <input
                    type="number"
                    step="any"
                    style={{ width: '7em' }}
                    placeholder="max"
                    aria-label={`${c.header} at most`}
                    value={d.max}
                    onChange={(e) => setDraft(c.id, { max: e.target.value })}
                  />
                </div>
              ) : (
                <div key={c.id} style={{ display: 'flex', gap: '0.3rem', alignItems: 'center' }}>
                  <span style={{ minWidth: '12em' }}>{c.header}</span>
                  <input
                    type="search"
                    style={{ width: '14.3em' }}
                    placeholder="contains"
                    aria-label={`${c.header} contains`}
                    value={d.text}
                    onChange={(e) => setDraft(c.id, { text: e.target.value })}
                  />
                </div>
              );
            })}
            <button type="button" onClick={() => setDrafts({})} disabled={activeFilters === 0}>
              Clear filters
            </button>
          </fieldset>
        </details>
        <details className="column-chooser">
          <summary>Columns</summary>
          <fieldset>
            <legend>Show columns</legend>
            {columns.map((c) => (
              <label key={c.id}>
                <input
                  type="checkbox"
                  checked={!hidden.has(c.id)}
                  onChange={() =>
                    setHidden((prev) => {
                      const next = new Set(prev);
                      if (next.has(c.id)) next.delete(c.id);
                      else next.add(c.id);
                      return next;
                    })
                  }
                />
                {c.header}
              </label>
            ))}
          </fieldset>
        </details>
        {w.actions}
      </div>
      <div
        ref={scrollRef}
        className="table-scroll"
        style={{ maxHeight: height }}
        tabIndex={0}
        role="region"
        aria-label={`${label} (scrollable)`}
        onScroll={(e) => setScroll({ key: w.resultKey, top: e.currentTarget.scrollTop })}
      >
        <table aria-label={label} aria-rowcount={w.count + 1} aria-busy={w.busy}>
          <thead>
            <tr>
              {visible.map((c) => {
                const asked = w.sort?.column === c.id ? w.sort.direction : null;
                return (
                  <th key={c.id} scope="col" aria-sort={ariaSort(c.id)} className={c.numeric ? 'num' : undefined}>
                    <button type="button" className="sort-button" onClick={() => w.onSort(nextSort(w.sort, c.id))}>
                      {c.header}
                      <SortMark direction={asked} />
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            <SpacerRow height={padTop} columns={visible.length} />
            {Array.from({ length: end - start }, (_, k) => {
              const index = start + k;
              const row = w.rowAt(index);
              return (
                <tr key={index} aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }}>
                  {visible.map((c, j) => {
                    const v = row ? (row[c.id] ?? null) : null;
                    const text = row ? (c.format ? c.format(v, row) : v === null ? '' : String(v)) : j === 0 ? '…' : '';
                    return (
                      <td key={c.id} className={c.numeric ? 'num' : undefined}>
                        {text}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            <SpacerRow height={padBottom} columns={visible.length} />
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** An empty row standing in for the rows scrolled out of view (virtualised and windowed tables alike). */
function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  );
}

/** ▲ / ▼ after a sorted column's header (its `aria-sort` says the same to assistive technology). */
function SortMark({ direction }: { direction: unknown }) {
  return <span aria-hidden="true">{direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ''}</span>;
}
