import { useEffect, useMemo, useRef, useState } from 'react';
import { ColumnFilters } from './ColumnFilters';
import { ColumnChooser, ColumnHeader, ROW_HEIGHT, SpacerRow, TableFrame, cellText, type AriaSort } from './table-parts';
import type { CommonProps, WindowedRows } from './types';
import { EMPTY_DRAFT, filtersOf, nextSort, type FilterDraft } from './windowed-requests';

/**
 * DataTable over a result computed elsewhere (a worker sorting and filtering every row of a dataset): the
 * scrollbar has the result's length, the visible window is fetched, and sort and filters become requests.
 */

/** Browsers cap an element's height (about 17 million px in Firefox): longer results scroll proportionally. */
const MAX_SCROLL_PX = 12_000_000;
const OVERSCAN = 10;
const DEBOUNCE_MS = 250;

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

export function WindowedTable({
  label,
  columns,
  windowed: w,
  height = 420,
  initialHidden = [],
}: CommonProps & { windowed: WindowedRows }) {
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
  const padTop = Math.max(
    0,
    Math.min(
      scrollPx - (end - start) * ROW_HEIGHT,
      scrollTop - (offset - firstRow * ROW_HEIGHT) - (firstRow - start) * ROW_HEIGHT,
    ),
  );
  const padBottom = Math.max(0, scrollPx - padTop - (end - start) * ROW_HEIGHT);
  const onRange = useRef(w.onRange);
  useEffect(() => {
    onRange.current = w.onRange;
  });
  useEffect(() => {
    if (end > start) onRange.current(start, end);
  }, [start, end, w.resultKey]);

  const filterColumns = columns.filter((c) => !hidden.has(c.id) || drafts[c.id]);
  const setDraft = (id: string, patch: Partial<FilterDraft>): void =>
    setDrafts((prev) => ({ ...prev, [id]: { ...(prev[id] ?? EMPTY_DRAFT), ...patch } }));
  const ariaSort = (id: string): AriaSort =>
    w.shownSort?.column === id ? (w.shownSort.direction === 'asc' ? 'ascending' : 'descending') : 'none';

  return (
    <TableFrame
      label={label}
      height={height}
      scrollRef={scrollRef}
      onScroll={(e) => setScroll({ key: w.resultKey, top: e.currentTarget.scrollTop })}
      search={{ value: search, onChange: setSearch, placeholder: 'Text in any text column…' }}
      shown={w.count}
      total={w.total}
      tools={
        <>
          {w.busy ? (
            <span className="muted" role="status">
              Updating…
            </span>
          ) : null}
          <ColumnFilters
            columns={filterColumns}
            drafts={drafts}
            onDraft={setDraft}
            active={filters.length}
            onClear={() => setDrafts({})}
          />
          <ColumnChooser
            columns={columns.map((c) => ({
              id: c.id,
              header: c.header,
              visible: !hidden.has(c.id),
              toggle: () =>
                setHidden((prev) => {
                  const next = new Set(prev);
                  if (next.has(c.id)) next.delete(c.id);
                  else next.add(c.id);
                  return next;
                }),
            }))}
          />
          {w.actions}
        </>
      }
    >
      <table aria-label={label} aria-rowcount={w.count + 1} aria-busy={w.busy}>
        <thead>
          <tr>
            {visible.map((c) => (
              <ColumnHeader
                key={c.id}
                numeric={c.numeric === true}
                sort={{
                  shown: ariaSort(c.id),
                  asked: w.sort?.column === c.id ? w.sort.direction : null,
                  onToggle: () => w.onSort(nextSort(w.sort, c.id)),
                }}
              >
                {c.header}
              </ColumnHeader>
            ))}
          </tr>
        </thead>
        <tbody>
          <SpacerRow height={padTop} columns={visible.length} />
          {Array.from({ length: end - start }, (_, k) => {
            const index = start + k;
            const row = w.rowAt(index);
            return (
              <tr key={index} aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }}>
                {visible.map((c, j) => (
                  <td key={c.id} className={c.numeric ? 'num' : undefined}>
                    {row ? cellText(c, row[c.id] ?? null, row) : j === 0 ? '…' : ''}
                  </td>
                ))}
              </tr>
            );
          })}
          <SpacerRow height={padBottom} columns={visible.length} />
        </tbody>
      </table>
    </TableFrame>
  );
}
