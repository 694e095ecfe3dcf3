import type { ReactNode } from 'react';
import { formatBytes } from '../format-bytes';
import type { DataColumn, TableRow } from './types';

/** The column kinds the record lists share, so every list shows sizes, times and row actions the same way. */

/** A size in bytes, shown as "1.2 MB" and sorted by bytes. */
export function bytesColumn(id = 'sizeBytes', header = 'Size'): DataColumn {
  return { id, header, numeric: true, format: (v) => formatBytes(Number(v)) };
}

/** An epoch-ms time, shown in the reader's locale and sorted by time. */
export function dateTimeColumn(id = 'createdAt', header = 'Created'): DataColumn {
  return { id, header, format: (v) => new Date(v ?? 0).toLocaleString() };
}

/** The row's buttons (export, delete…): not sortable, its header read aloud but not shown. */
export function actionsColumn(render: (row: TableRow) => ReactNode): DataColumn {
  return { id: 'actions', header: 'Actions', sortable: false, hideHeader: true, render: (_v, row) => render(row) };
}
