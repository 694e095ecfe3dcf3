import type { TableExportRequest, TableQuery } from '../domain/explore/table-view';
import type { ProgressCallback } from './job-types';

/** One cell of a table row as the page shows it (numbers rounded for reading; exports keep full values). */
export type TableCell = string | number | null;
export type TableRowData = Record<string, TableCell>;

export interface TableColumnInfo {
  id: string;
  /** number: sorted by value, filtered by a range; text: sorted by its text (or natural order), filtered by text. */
  kind: 'number' | 'text';
}

/** A dataset's rows held by the query worker, ready to sort and filter. */
export interface DatasetTableInfo {
  datasetId: string;
  rowCount: number;
  /** In display order; only the columns that fit the memory budget. */
  columns: TableColumnInfo[];
  /** Why some columns are missing (a dataset too large to hold them all), or null. */
  note: string | null;
  /** Whether the filtered rows can be exported in the dataset's CSV format (every column is held). */
  canExport: boolean;
  /** Memory the worker holds for this dataset. */
  bytes: number;
  /** Time to read the stored chunks and build the columns (0 when they were already held). */
  loadMs: number;
}

export interface TableQueryResult {
  datasetId: string;
  /** Rows matching the filters and search. */
  total: number;
  /** Every row of the dataset. */
  rowCount: number;
  offset: number;
  /** Rows [offset, offset + rows.length) of the result. */
  rows: TableRowData[];
  /** Time the worker spent on this query (filter, sort and building the window). */
  ms: number;
  /** True when the order was computed before (paging through the same view). */
  reused: boolean;
}

export interface OpenTableOptions {
  /** Columns to keep first when a dataset is too large to hold every column. */
  priorityColumns: string[];
}

/** The dataset-query worker's contract: types only. */
export interface DatasetQueryApi {
  /**
   * Reads a dataset's stored chunks into columns (once: the last dataset stays held) and reports progress.
   * `requestId` names this caller; `release(requestId)` drops its interest, and a load nobody waits for
   * any more stops after its current chunk (rejecting with a CancelledError).
   */
  open(
    datasetId: string,
    requestId: string,
    options: OpenTableOptions,
    onProgress: ProgressCallback,
  ): Promise<DatasetTableInfo>;
  release(requestId: string): void;
  /** Filters and sorts every row (validated here), and returns one window of the result. */
  query(query: TableQuery): Promise<TableQueryResult>;
  /** The view's rows, in its order, as CSV in the dataset's export format. */
  exportCsv(request: TableExportRequest): Promise<{ blob: Blob; fileName: string; rows: number }>;
  /** Drops a dataset's columns (it was deleted). */
  forget(datasetId: string): void;
  ping(): Promise<'pong'>;
}
