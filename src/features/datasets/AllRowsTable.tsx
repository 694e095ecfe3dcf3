import { useCallback, useEffect, useRef, useState } from 'react';
import { estimateEtaMs, formatDuration } from '../../domain/jobs/eta';
import { viewKey, type TableFilter, type TableSort, type TableView } from '../../domain/explore/table-view';
import { useDatasetCalls } from '../../state/use-service-calls';
import type { DatasetRecord } from '../../storage/records';
import { DataTable, type DataColumn, type TableRow } from '../../ui/DataTable';
import type { DatasetTableInfo } from '../../workers/dataset-query.api';
import { isCancelled } from '../../workers/job-types';
import { downloadBlob } from '../../ui/download';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/common/ErrorAlert';

/** Temporal samples have ~90 columns: show a readable few, the rest one click away. */
const VISIBLE_TEMPORAL = [
  'device_id',
  'home_type',
  'device_type',
  'truth_failure_scenario',
  'time',
  'label',
  'legacy_label',
  'error_rate_mean',
  'response_time_mean',
  'battery_level_last',
  'signal_strength_mean',
  'connection_drops_mean',
];
/** Rows per request to the table worker; the table asks for the windows it shows. */
const TABLE_PAGE = 200;
/** Pages kept in memory while scrolling (the farthest from the view are dropped). */
const MAX_PAGES = 40;

/** What the table shows: one view's result, the pages of it fetched so far. */
interface TableResult {
  key: string;
  view: TableView;
  total: number;
  pages: Map<number, TableRow[]>;
  ms: number;
}

const NO_VIEW: TableView = { sort: null, filters: [], search: '' };

function describeView(info: DatasetTableInfo, result: TableResult | null, busy: boolean): string {
  const parts = [`All ${info.rowCount.toLocaleString('en-US')} rows`];
  const v = result?.view ?? NO_VIEW;
  parts.push(
    v.sort
      ? `sorted by ${v.sort.column} (${v.sort.direction === 'asc' ? 'ascending' : 'descending'})`
      : 'in stored order',
  );
  if (v.filters.length > 0 || v.search.trim() !== '')
    parts.push(`${(result?.total ?? 0).toLocaleString('en-US')} match the filters`);
  else parts.push('no filters');
  if (result) parts.push(`computed over every row in ${Math.max(1, Math.round(result.ms)).toLocaleString('en-US')} ms`);
  if (busy) parts.push('updating…');
  return parts.join(' · ');
}

/**
 * Every row of the dataset: the query worker holds its columns and sorts and filters all of them; this
 * table shows windows of the result and asks for more as it scrolls.
 */
/** Every row of a dataset, sorted, filtered and paged by the dataset-query worker. */
export function AllRowsTable({ dataset }: { dataset: DatasetRecord }) {
  const {
    openDatasetTable: openTable,
    queryDatasetTable: queryTable,
    exportDatasetTable: exportTable,
  } = useDatasetCalls();
  const [info, setInfo] = useState<DatasetTableInfo | null>(null);
  const [progress, setProgress] = useState<{ fraction: number; phase: string; etaMs: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<TableView>(NO_VIEW);
  const [result, setResult] = useState<TableResult | null>(null);
  const [exporting, setExporting] = useState(false);
  const pending = useRef(new Set<string>());

  // Load the columns once when the page opens, so the first sort does not wait for IndexedDB; leaving the
  // page stops a load still running.
  useEffect(() => {
    const started = performance.now();
    const handle = openTable(dataset.id, VISIBLE_TEMPORAL, (p) =>
      setProgress({
        fraction: p.fraction,
        phase: p.phase,
        etaMs: estimateEtaMs(p.fraction, performance.now() - started),
      }),
    );
    let live = true;
    handle.info.then(
      (i) => live && setInfo(i),
      (e: unknown) => {
        if (live && !isCancelled(e)) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
      handle.close();
    };
  }, [dataset.id, openTable]);

  // A new view (`update` keeps the same object for an equal view): its first page, computed over every row.
  const key = viewKey(view);
  useEffect(() => {
    if (!info) return undefined;
    let live = true;
    const requested = viewKey(view);
    queryTable({ datasetId: dataset.id, ...view, offset: 0, limit: TABLE_PAGE }).then(
      (r) => {
        if (!live) return;
        pending.current.clear();
        setError(null);
        setResult({ key: requested, view, total: r.total, pages: new Map([[0, r.rows]]), ms: r.ms });
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [info, view, dataset.id, queryTable]);

  const onRange = useCallback(
    (start: number, end: number) => {
      if (!result) return;
      const { key: resultKey, view: resultView } = result;
      for (let page = Math.floor(start / TABLE_PAGE); page * TABLE_PAGE < end; page++) {
        const id = `${resultKey}#${page}`;
        if (result.pages.has(page) || pending.current.has(id)) continue;
        pending.current.add(id);
        queryTable({ datasetId: dataset.id, ...resultView, offset: page * TABLE_PAGE, limit: TABLE_PAGE }).then(
          (r) => {
            pending.current.delete(id);
            setResult((prev) => {
              if (prev?.key !== resultKey) return prev;
              const pages = new Map(prev.pages).set(page, r.rows);
              // Keep memory bounded while scrolling far: drop the pages farthest from this one.
              const far = [...pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
              for (const p of far.slice(0, Math.max(0, pages.size - MAX_PAGES))) pages.delete(p);
              return { ...prev, pages };
            });
          },
          (e: unknown) => {
            pending.current.delete(id);
            setError(e instanceof Error ? e.message : String(e));
          },
        );
      }
    },
    [result, dataset.id, queryTable],
  );

  const update = (patch: Partial<TableView>): void =>
    setView((prev) => {
      const next = { ...prev, ...patch };
      return viewKey(next) === viewKey(prev) ? prev : next;
    });

  const doExport = async (): Promise<void> => {
    if (!result) return;
    setExporting(true);
    setError(null);
    try {
      const { blob, fileName } = await exportTable({ datasetId: dataset.id, ...result.view });
      downloadBlob(blob, fileName);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  if (dataset.rowCount === 0) return <EmptyState title="This dataset has no rows" />;
  if (!info) {
    if (error) {
      return (
        <p role="alert" className="error-text">
          {error}
        </p>
      );
    }
    return (
      <div role="status">
        <p>
          Loading all {dataset.rowCount.toLocaleString('en-US')} rows for sorting and filtering
          {progress ? ` · ${progress.phase}` : ''}
          {progress?.etaMs ? ` · about ${formatDuration(progress.etaMs)} left` : ''}…
        </p>
        <progress className="progress" aria-label="Table loading progress" max={1} value={progress?.fraction ?? 0} />
      </div>
    );
  }
  const columns: DataColumn[] = info.columns.map((c) => ({ id: c.id, header: c.id, numeric: c.kind === 'number' }));
  const busy = result === null || result.key !== key;
  return (
    <>
      <p className="muted" aria-live="polite" data-testid="table-caption">
        {describeView(info, result, busy)}
      </p>
      {info.note ? <p className="warning">{info.note}</p> : null}
      <ErrorAlert error={error} />
      <DataTable
        label="Dataset preview"
        columns={columns}
        initialHidden={
          dataset.kind === 'temporal' ? columns.map((c) => c.id).filter((c) => !VISIBLE_TEMPORAL.includes(c)) : []
        }
        windowed={{
          count: result?.total ?? 0,
          total: info.rowCount,
          rowAt: (i) => result?.pages.get(Math.floor(i / TABLE_PAGE))?.[i % TABLE_PAGE],
          onRange,
          resultKey: result?.key ?? '',
          sort: view.sort,
          shownSort: result?.view.sort ?? null,
          onSort: (sort: TableSort | null) => update({ sort }),
          onFilters: (filters: TableFilter[]) => update({ filters }),
          onSearch: (search: string) => update({ search }),
          busy,
          actions: (
            <button
              type="button"
              onClick={() => void doExport()}
              disabled={exporting || !info.canExport || result === null}
            >
              {exporting ? 'Exporting…' : 'Export filtered rows (CSV)'}
            </button>
          ),
        }}
      />
    </>
  );
}
