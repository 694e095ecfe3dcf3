import { LocalTable } from './data-table/LocalTable';
import type { DataTableProps } from './data-table/types';
import { WindowedTable } from './data-table/WindowedTable';

export type { Cell, DataColumn, DataTableProps, TableRow, WindowedRows } from './data-table/types';

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
  return props.windowed ? (
    <WindowedTable {...props} windowed={props.windowed} />
  ) : (
    <LocalTable {...props} rows={props.rows} />
  );
}
