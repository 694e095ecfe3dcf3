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
import { measureElement, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ColumnChooser, ColumnHeader, ROW_HEIGHT, SpacerRow, TableFrame, cellText } from './table-parts';
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
              return cellText(c, v, info.row.original);
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
  // Rows are measured as they render (a link over a note makes a row two lines tall), so the scrollbar's
  // length comes from real heights; sizes are kept per row, not per position, so they survive a re-sort.
  // Rows not drawn yet are guessed at the mean height of those measured, so the first screen already gives
  // the scrollbar about its final length (a mean over measurements: a row measured again counts again,
  // which is close enough for a guess).
  const rowKey = useCallback((index: number) => tableRows[index]?.id ?? index, [tableRows]);
  const measured = useRef({ sum: 0, rows: 0 });
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => (measured.current.rows > 0 ? measured.current.sum / measured.current.rows : ROW_HEIGHT),
    getItemKey: rowKey,
    // A row is never shorter than its style's ROW_HEIGHT; a smaller reading means no layout (a test DOM, a
    // detached row), where ROW_HEIGHT is the better guess.
    measureElement: (el, entry, instance) => {
      const height = Math.max(ROW_HEIGHT, measureElement(el, entry, instance));
      measured.current.sum += height;
      measured.current.rows++;
      return height;
    },
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
    <TableFrame
      label={label}
      height={height}
      scrollRef={scrollRef}
      search={{ value: globalFilter, onChange: setGlobalFilter, placeholder: 'Type to filter…' }}
      shown={tableRows.length}
      total={rows.length}
      tools={
        <ColumnChooser
          columns={table.getAllLeafColumns().map((col) => ({
            id: col.id,
            header: byId.get(col.id)?.header ?? col.id,
            visible: col.getIsVisible(),
            toggle: () => col.toggleVisibility(),
          }))}
        />
      }
    >
      <table aria-label={label} aria-rowcount={tableRows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const column = byId.get(header.column.id);
                return (
                  <ColumnHeader
                    key={header.id}
                    numeric={numeric.has(header.column.id)}
                    sort={
                      column?.sortable === false
                        ? null
                        : {
                            shown: sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none',
                            asked: sorted,
                            onToggle: header.column.getToggleSortingHandler(),
                          }
                    }
                  >
                    {column?.hideHeader ? (
                      <span className="visually-hidden">{column.header}</span>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </ColumnHeader>
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
                ref={virtualizer.measureElement}
                data-index={item.index}
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
    </TableFrame>
  );
}
