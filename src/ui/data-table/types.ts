import type { ReactNode } from 'react';
import type { TableFilter, TableSort } from '../../domain/explore/table-view';

/** The props and row shapes of DataTable (../DataTable.tsx), shared by its local and windowed bodies. */

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
  /** Draws the cell (links, buttons) instead of `format`; sorting and filtering still use the raw value. Local tables only. */
  render?: (v: Cell, row: TableRow) => ReactNode;
  /** The cell heads its row (`<th scope="row">`). Local tables only. */
  rowHeader?: boolean;
  /** `false`: the header is not a sort button (a column of row actions). Local tables only. */
  sortable?: boolean;
  /** The header is read by assistive technology but not shown (a column of row actions). Local tables only. */
  hideHeader?: boolean;
}

export interface CommonProps {
  label: string;
  columns: readonly DataColumn[];
  height?: number;
  initialHidden?: readonly string[];
  /** Marks a row as the current one (`aria-current`, shown bold). Local tables only. */
  isCurrent?: (row: TableRow) => boolean;
}

/** Rows in memory (sorted and filtered here), or a window onto a result computed elsewhere. */
export type DataTableProps = CommonProps &
  ({ rows: readonly TableRow[]; windowed?: undefined } | { rows?: undefined; windowed: WindowedRows });

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
