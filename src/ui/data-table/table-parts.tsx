import { useId, type ReactNode, type Ref, type UIEventHandler } from 'react';
import type { Cell, DataColumn, TableRow } from './types';

/**
 * Pieces both DataTable bodies draw (the local one sorting in memory, the windowed one asking a worker), so
 * the two look, read aloud and behave alike: the frame (toolbar and scrolling region), the column chooser,
 * sortable headers, spacer rows and a cell's text.
 */

/** The row height the windowed table's arithmetic assumes, and the local table's estimate before it measures. */
export const ROW_HEIGHT = 30;

/** An empty row standing in for the rows scrolled out of view (virtualised and windowed tables alike). */
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
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

/** A cell's text when the column draws none of its own: `format`, else the raw value ('' for missing). */
export function cellText(column: DataColumn, v: Cell, row: TableRow): string {
  if (column.format) return column.format(v, row);
  return v === null ? '' : String(v);
}

export type AriaSort = 'ascending' | 'descending' | 'none';

/**
 * A column header. Sortable headers are buttons (keyboard users sort with Enter or Space). `shown` is the
 * order the rows on screen have (what `aria-sort` announces); `asked` is the order the mark shows, which
 * runs ahead of `shown` while a windowed table waits for its re-sorted rows.
 */
export function ColumnHeader({
  numeric,
  sort,
  children,
}: {
  numeric: boolean;
  /** null: not sortable (a column of row actions), so no button and no `aria-sort`. */
  sort: { shown: AriaSort; asked: unknown; onToggle: ((event: unknown) => void) | undefined } | null;
  children: ReactNode;
}) {
  return (
    <th scope="col" aria-sort={sort?.shown} className={numeric ? 'num' : undefined}>
      {sort ? (
        <button type="button" className="sort-button" onClick={sort.onToggle}>
          {children}
          <SortMark direction={sort.asked} />
        </button>
      ) : (
        children
      )}
    </th>
  );
}

/** The column chooser: a native <details> with a checkbox per column. */
export function ColumnChooser({
  columns,
}: {
  columns: readonly { id: string; header: string; visible: boolean; toggle: () => void }[];
}) {
  return (
    <details className="column-chooser">
      <summary>Columns</summary>
      <fieldset>
        <legend>Show columns</legend>
        {columns.map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={c.visible} onChange={() => c.toggle()} />
            {c.header}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

/**
 * A table's frame: the toolbar (the search box, how many of all rows it lets through, announced as it
 * changes, then the table's own `tools`) above the scrolling box, a focusable named region so that keyboard
 * users can scroll it.
 */
export function TableFrame({
  label,
  height,
  scrollRef,
  onScroll,
  search,
  shown,
  total,
  tools,
  children,
}: {
  label: string;
  height: number;
  scrollRef: Ref<HTMLDivElement>;
  onScroll?: UIEventHandler<HTMLDivElement>;
  search: { value: string; onChange: (text: string) => void; placeholder: string };
  shown: number;
  total: number;
  tools: ReactNode;
  children: ReactNode;
}) {
  const searchId = useId();
  return (
    <div className="data-table">
      <div className="table-toolbar">
        <label htmlFor={searchId}>Filter rows</label>
        <input
          id={searchId}
          type="search"
          value={search.value}
          placeholder={search.placeholder}
          onChange={(e) => search.onChange(e.target.value)}
        />
        <span className="muted" aria-live="polite">
          {shown.toLocaleString('en-US')} of {total.toLocaleString('en-US')} rows
        </span>
        {tools}
      </div>
      <div
        ref={scrollRef}
        className="table-scroll"
        style={{ maxHeight: height }}
        tabIndex={0}
        role="region"
        aria-label={`${label} (scrollable)`}
        onScroll={onScroll}
      >
        {children}
      </div>
    </div>
  );
}
