import { csvLine } from '../domain/csv';
import { filterRows, sortRows, windowOf, type RowOrder } from '../domain/explore/table-query';
import { viewKey, type TableExportRequest, type TableQuery, type TableView } from '../domain/explore/table-view';
import type { WorkbenchDb } from '../storage/db';
import { getChunk, getDataset } from '../storage/datasets-repo';
import type { DatasetChunkRecord, DatasetRecord } from '../storage/records';
import type { DatasetTableInfo, OpenTableOptions, TableQueryResult } from '../workers/dataset-query.api';
import { classicTableBuilder, temporalTableBuilder, type LoadedTable } from './dataset-table';
import { cancelledError, type ProgressCallback } from '../workers/job-types';

export interface DatasetQueryDeps {
  openDb: () => Promise<WorkbenchDb>;
  clock: () => number;
  /** The most bytes of columns held for one dataset (the worker holds one dataset at a time). */
  budgetBytes?: number;
  /** Lets other messages (pings, queries) through between pieces of a long export. */
  yieldToEvents: () => Promise<void>;
}

/** 1 GiB: the default dataset (518,651 samples × 82 features) needs about 180 MB. */
export const DEFAULT_TABLE_BUDGET_BYTES = 1024 * 1024 * 1024;
/** Rows per CSV piece: lines are joined per piece and pieces become Blob parts, never one giant string. */
const CSV_PIECE_ROWS = 20_000;

interface Held {
  rec: DatasetRecord;
  table: LoadedTable;
  info: DatasetTableInfo;
  /** The last filter result and the last full order, so paging and re-sorting skip work already done. */
  filtered: { key: string; rows: RowOrder } | null;
  ordered: { key: string; rows: RowOrder; total: number } | null;
}

interface LoadState {
  datasetId: string;
  /** Callers waiting for this load; when none is left, it stops after the current chunk. */
  holders: Set<string>;
  listeners: Map<string, ProgressCallback>;
  stopped: boolean;
}

interface Loading {
  state: LoadState;
  promise: Promise<Held>;
}

/**
 * Sorts, filters and pages through every row of one stored dataset. The dataset's columns are read from
 * IndexedDB once and held (one dataset at a time); a query computes an index order over all rows and keeps
 * the last one, so scrolling through a sorted result costs only the rows of each window.
 */
export function createDatasetQueryService(deps: DatasetQueryDeps) {
  const budgetBytes = deps.budgetBytes ?? DEFAULT_TABLE_BUDGET_BYTES;
  const { yieldToEvents } = deps;
  let database: Promise<WorkbenchDb> | null = null;
  let held: Held | null = null;
  let loading: Loading | null = null;
  let internal = 0;

  const db = (): Promise<WorkbenchDb> => (database ??= deps.openDb());

  async function read(load: LoadState, options: OpenTableOptions): Promise<Held> {
    const database = await db();
    const rec = await getDataset(database, load.datasetId);
    if (!rec) throw new Error('This dataset no longer exists: it was deleted, perhaps in another tab.');
    // Free the previous dataset's columns before allocating this one's.
    held = null;
    const start = deps.clock();
    const opts = { budgetBytes, priorityColumns: options.priorityColumns };
    const builder = rec.kind === 'temporal' ? temporalTableBuilder(rec, opts) : classicTableBuilder(rec, opts);
    const fetchChunk = (i: number): Promise<DatasetChunkRecord | undefined> => getChunk(database, rec.id, i);
    let next = rec.chunkCount > 0 ? fetchChunk(0) : null;
    for (let i = 0; i < rec.chunkCount; i++) {
      const chunk = await next;
      if (load.holders.size === 0) {
        load.stopped = true;
        throw cancelledError('Loading the table');
      }
      if (!chunk) throw new Error(`"${rec.name}" is missing chunk ${i}; it may have been damaged.`);
      // Read the next chunk while this one is copied into the columns.
      next = i + 1 < rec.chunkCount ? fetchChunk(i + 1) : null;
      builder.add(chunk);
      const fraction = rec.rowCount > 0 ? builder.rows / rec.rowCount : 1;
      const phase = `Reading rows: ${builder.rows.toLocaleString('en-US')} of ${rec.rowCount.toLocaleString('en-US')}`;
      for (const report of load.listeners.values()) report({ fraction: Math.min(1, fraction * 0.95), phase });
    }
    const table = builder.finish();
    const info: DatasetTableInfo = {
      datasetId: rec.id,
      rowCount: rec.rowCount,
      columns: table.columns,
      note: table.note,
      canExport: table.csv !== null,
      bytes: table.bytes,
      loadMs: deps.clock() - start,
    };
    for (const report of load.listeners.values()) report({ fraction: 1, phase: 'Ready' });
    return { rec, table, info, filtered: null, ordered: null };
  }

  function startLoad(datasetId: string, options: OpenTableOptions): Loading {
    const state: LoadState = { datasetId, holders: new Set(), listeners: new Map(), stopped: false };
    const load: Loading = {
      state,
      promise: read(state, options).then(
        (h) => {
          held = h;
          if (loading === load) loading = null;
          return h;
        },
        (e: unknown) => {
          if (loading === load) loading = null;
          throw e;
        },
      ),
    };
    load.promise.catch(() => undefined);
    return load;
  }

  /** The held dataset, loading it (or joining its load) for `holder`. */
  async function ensure(
    datasetId: string,
    holder: string,
    options: OpenTableOptions,
    onProgress?: ProgressCallback,
  ): Promise<Held> {
    for (;;) {
      if (held?.rec.id === datasetId) return held;
      const current = loading;
      if (current && current.state.datasetId === datasetId && !current.state.stopped) break;
      if (!current) {
        loading = startLoad(datasetId, options);
        break;
      }
      // One dataset at a time: another load stops at its next chunk; wait for it, then look again.
      current.state.holders.clear();
      await current.promise.catch(() => undefined);
      if (loading === current) loading = null;
    }
    const load = loading;
    if (!load) throw new Error('The table could not start loading.');
    const { holders, listeners } = load.state;
    holders.add(holder);
    if (onProgress) listeners.set(holder, onProgress);
    try {
      return await load.promise;
    } finally {
      holders.delete(holder);
      listeners.delete(holder);
    }
  }

  /** Runs `work` on the dataset's columns, loading them first if needed (queries may come before open). */
  async function withTable<T>(datasetId: string, work: (h: Held) => T | Promise<T>): Promise<T> {
    const h = await ensure(datasetId, `internal-${internal++}`, { priorityColumns: [] });
    return work(h);
  }

  /** The view's rows in order, reusing the last filter result and order where the view allows. */
  function orderOf(h: Held, view: TableView): { rows: RowOrder; total: number; reused: boolean } {
    const key = viewKey(view);
    if (h.ordered?.key === key) return { ...h.ordered, reused: true };
    const fKey = viewKey({ sort: null, filters: view.filters, search: view.search });
    let filtered = h.filtered?.key === fKey ? h.filtered.rows : undefined;
    if (filtered === undefined) {
      filtered = filterRows(h.table.query, view.filters, view.search);
      h.filtered = { key: fKey, rows: filtered };
    }
    const rows = view.sort ? sortRows(h.table.query, filtered, view.sort) : filtered;
    const total = rows ? rows.length : h.rec.rowCount;
    h.ordered = { key, rows, total };
    return { rows, total, reused: false };
  }

  return {
    async open(
      datasetId: string,
      requestId: string,
      options: OpenTableOptions,
      onProgress: ProgressCallback,
    ): Promise<DatasetTableInfo> {
      const h = await ensure(datasetId, requestId, options, onProgress);
      return h.info;
    },
    /** The caller with this id no longer waits; a load nobody waits for stops after its current chunk. */
    release(requestId: string): void {
      loading?.state.holders.delete(requestId);
      loading?.state.listeners.delete(requestId);
    },
    async query(q: TableQuery): Promise<TableQueryResult> {
      return withTable(q.datasetId, (h) => {
        const start = deps.clock();
        const { rows, total, reused } = orderOf(h, q);
        const window = windowOf(rows, total, q.offset, q.limit);
        return {
          datasetId: q.datasetId,
          total,
          rowCount: h.rec.rowCount,
          offset: q.offset,
          rows: Array.from(window, (r) => h.table.row(r)),
          ms: deps.clock() - start,
          reused,
        };
      });
    },
    async exportCsv(req: TableExportRequest): Promise<{ blob: Blob; fileName: string; rows: number }> {
      return withTable(req.datasetId, async (h) => {
        const csv = h.table.csv;
        if (!csv) throw new Error(h.table.note ?? 'The filtered rows of this dataset cannot be exported.');
        const { rows, total } = orderOf(h, req);
        const parts: BlobPart[] = [csvLine(csv.header)];
        for (let start = 0; start < total; start += CSV_PIECE_ROWS) {
          const ids = windowOf(rows, total, start, CSV_PIECE_ROWS);
          const lines: string[] = [];
          for (let i = 0; i < ids.length; i++) lines.push(csv.line(ids[i] ?? 0));
          // A Blob per piece lets the browser keep the text out of this worker's heap.
          parts.push(new Blob([lines.join('')]));
          await yieldToEvents();
        }
        const safeName = h.rec.name.replace(/[^A-Za-z0-9._-]+/g, '_');
        return {
          blob: new Blob(parts, { type: 'text/csv' }),
          fileName: `${safeName}.filtered.${csv.fileSuffix}`,
          rows: total,
        };
      });
    },
    forget(datasetId: string): void {
      if (held?.rec.id === datasetId) held = null;
    },
    /** For tests: whether a dataset's columns are held. */
    holds(datasetId: string): boolean {
      return held?.rec.id === datasetId;
    },
  };
}

export type DatasetQueryService = ReturnType<typeof createDatasetQueryService>;
