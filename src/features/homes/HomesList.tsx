import { homeSourceLabel } from '../../domain/homes/home-source-labels';
import type { HomeRecord } from '../../storage/records';
import { useHomeCalls } from '../../state/use-service-calls';
import { useWorkbench } from '../../state/use-workbench';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable, type DataColumn, type TableRow } from '../../ui/DataTable';
import { actionsColumn } from '../../ui/data-table/columns';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';
import { downloadBlob } from '../../ui/download';
import { ExportStatus } from '../../ui/ExportStatus';
import { useFileExport } from '../../state/use-file-export';

const label = (s: string): string => s.replace(/_/g, ' ');
const ALL_HOMES = 'Export all homes (.zip)';
const ALL_EVENTS = 'Export all events (Parquet)';

/** Every stored home with what it is made of, its provenance and cost, and per-home actions. */
export function HomesList({ homes, busy }: { homes: readonly HomeRecord[]; busy: boolean }) {
  const {
    exportHome,
    exportAllHomes: exportAll,
    exportHomesSummary: exportSummary,
    exportHomeEventsParquet: exportEvents,
  } = useHomeCalls();
  const deleteHome = useWorkbench((s) => s.deleteHomeById);
  const deleteAll = useWorkbench((s) => s.deleteAllHomes);
  const ex = useFileExport((f) => downloadBlob(f.blob, f.fileName));
  const busyExporting = ex.running !== null;

  if (homes.length === 0) {
    return (
      <EmptyState title="No homes yet">
        Make some above: template homes need no key and work offline; LLM homes use your OpenAI key. Each home gets its
        areas, devices, household and days of events.
      </EmptyState>
    );
  }
  const events = homes.reduce((s, h) => s + h.eventCount, 0);
  const byId = new Map(homes.map((h) => [h.id, h]));
  const rows: TableRow[] = homes.map((h) => ({
    id: h.id,
    type: label(h.home_type),
    size: label(h.size_category),
    source: homeSourceLabel(h),
    devices: h.devices.length,
    areas: h.areas.length,
    events: h.eventCount,
    tokens: h.llm ? h.llm.input_tokens + h.llm.output_tokens : null,
    cost: h.costUsd,
    actions: null,
  }));
  const columns: DataColumn[] = [
    {
      id: 'id',
      header: 'Home',
      rowHeader: true,
      render: (v) => (
        <>
          <Link href={`/homes?home=${encodeURIComponent(String(v))}`}>{v}</Link>
          <br />
          <small className="muted">{byId.get(String(v))?.name}</small>
        </>
      ),
    },
    { id: 'type', header: 'Type' },
    { id: 'size', header: 'Size' },
    { id: 'source', header: 'Source' },
    { id: 'devices', header: 'Devices', numeric: true },
    { id: 'areas', header: 'Areas', numeric: true },
    { id: 'events', header: 'Events', numeric: true, format: (v) => (v === null ? '' : v.toLocaleString('en-US')) },
    { id: 'tokens', header: 'Tokens', numeric: true, format: (v) => (v === null ? '—' : v.toLocaleString('en-US')) },
    { id: 'cost', header: 'Cost', numeric: true, format: (v) => (typeof v === 'number' ? `$${v.toFixed(4)}` : '—') },
    actionsColumn((row) => {
      const h = byId.get(String(row.id));
      if (!h) return null;
      return (
        <div className="actions">
          <button
            type="button"
            className="small"
            disabled={busyExporting}
            onClick={() => ex.start(`Export ${h.id}`, () => ({ file: exportHome(h.id) }))}
          >
            Export {h.id}
          </button>
          <ConfirmButton
            className="danger small"
            label={`Delete ${h.id}`}
            title={`Delete ${h.id}?`}
            confirmLabel="Delete"
            onConfirm={() => deleteHome(h.id)}
          >
            {h.name} and its {h.eventCount.toLocaleString('en-US')} events are removed from this browser.
          </ConfirmButton>
        </div>
      );
    }),
  ];
  return (
    <>
      <div className="actions">
        <button type="button" disabled={busyExporting} onClick={() => ex.start(ALL_HOMES, exportAll)}>
          {ex.running?.label === ALL_HOMES ? 'Packing…' : ALL_HOMES}
        </button>
        <button
          type="button"
          disabled={busyExporting}
          onClick={() => ex.start('Download summary.json', () => ({ file: exportSummary() }))}
        >
          Download summary.json
        </button>
        <button type="button" disabled={busyExporting} onClick={() => ex.start(ALL_EVENTS, exportEvents)}>
          {ex.running?.label === ALL_EVENTS ? 'Writing…' : ALL_EVENTS}
        </button>
        <ConfirmButton
          label="Delete all homes"
          title="Delete all homes?"
          confirmLabel="Delete all"
          disabled={busy}
          onConfirm={deleteAll}
        >
          All {homes.length} homes and their {events.toLocaleString('en-US')} events are removed from this browser. This
          cannot be undone.
        </ConfirmButton>
      </div>
      <ExportStatus running={ex.running} notice={ex.notice} error={ex.error} />
      <DataTable label="Homes" columns={columns} rows={rows} height={480} />
    </>
  );
}
