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
import { useId, useMemo, useRef, useState } from 'react';
import { ROW_HEIGHT, SortMark, SpacerRow } from './table-parts';
import type { CommonProps, TableRow } from './types';

/** DataTable over rows in memory: TanStack Table sorts and filters them here, the body is virtualised. */

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

export function LocalTable({
  label,
  columns,
  rows,
  height = 420,
  initialHidden = [],
  isCurrent,
}: CommonProps & { rows: readonly TableRow[] }) {
  const filterId = useId();
  const defs = useMemo(
    () =>
      helper.columns(
        columns.map((c) =>
          helper.accessor((row) => row[c.id] ?? null, {
            id: c.id,
            header: c.header,
            sortFn: 'basic',
            sortDescFirst: false,
            enableSorting: c.sortable !== false,
            cell: (info) => {
              const v = info.getValue();
              if (c.render) return c.render(v, info.row.original);
              return c.format ? c.format(v, info.row.original) : v === null ? '' : String(v);
            },
          }),
        ),
      ),
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
    onGlobalFilterChange: (u) =>
      setGlobalFilter((prev) => (typeof u === 'function' ? String(u(prev)) : String(u ?? ''))),
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
  const byId = new Map(columns.map((c) => [c.id, c]));
  const bestValue = new Map<string, number>();
  for (const c of columns) {
    if (!c.best) continue;
    const values = tableRows
      .map((r) => r.original[c.id])
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
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
      <div
        ref={scrollRef}
        className="table-scroll"
        style={{ maxHeight: height }}
        tabIndex={0}
        role="region"
        aria-label={`${label} (scrollable)`}
      >
        <table aria-label={label} aria-rowcount={tableRows.length + 1}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const column = byId.get(header.column.id);
                  const title = column?.hideHeader ? (
                    <span className="visually-hidden">{column.header}</span>
                  ) : (
                    <table.FlexRender header={header} />
                  );
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        column?.sortable === false
                          ? undefined
                          : sorted === 'asc'
                            ? 'ascending'
                            : sorted === 'desc'
                              ? 'descending'
                              : 'none'
                      }
                      className={numeric.has(header.column.id) ? 'num' : undefined}
                    >
                      {column?.sortable === false ? (
                        title
                      ) : (
                        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                          {title}
                          <SortMark direction={sorted} />
                        </button>
                      )}
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
              const current = isCurrent?.(row.original) === true;
              return (
                <tr
                  key={row.id}
                  aria-rowindex={item.index + 2}
                  aria-current={current ? 'true' : undefined}
                  style={current ? { height: ROW_HEIGHT, fontWeight: 600 } : { height: ROW_HEIGHT }}
                >
                  {row.getVisibleCells().map((cell) => {
                    const isBest =
                      bestValue.has(cell.column.id) && row.original[cell.column.id] === bestValue.get(cell.column.id);
                    const cls = [numeric.has(cell.column.id) ? 'num' : '', isBest ? 'best' : '']
                      .filter(Boolean)
                      .join(' ');
                    const content = (
                      <>
                        <table.FlexRender cell={cell} />
                        {isBest ? <span className="visually-hidden"> (best)</span> : null}
                      </>
                    );
                    return byId.get(cell.column.id)?.rowHeader ? (
                      <th key={cell.id} scope="row" className={cls || undefined}>
                        {content}
                      </th>
                    ) : (
                      <td key={cell.id} className={cls || undefined}>
                        {content}
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
