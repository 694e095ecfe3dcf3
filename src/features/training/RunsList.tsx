import { memo } from 'react';
import { formatDuration } from '../../domain/jobs/eta';
import type { RunRecord } from '../../workers/training.api';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable, type DataColumn, type TableRow } from '../../ui/DataTable';
import { actionsColumn, dateTimeColumn } from '../../ui/data-table/columns';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';

export const RunsList = memo(function RunsList({
  runs,
  onDelete,
}: {
  runs: RunRecord[];
  onDelete: (id: string) => Promise<void>;
}) {
  if (runs.length === 0)
    return (
      <EmptyState title="No training runs yet">Choose a dataset above and press Train. Runs are kept here.</EmptyState>
    );
  const byId = new Map(runs.map((r) => [r.id, r]));
  const rows: TableRow[] = runs.map((r) => ({
    id: r.id,
    name: r.name,
    datasetName: r.datasetName,
    label: r.config.label,
    status: r.status,
    models: r.slots.filter((s) => s.status === 'done').length,
    backend: r.backend?.active ?? '—',
    totalMs: r.totalMs,
    createdAt: r.createdAt,
    actions: null,
  }));
  const columns: DataColumn[] = [
    {
      id: 'name',
      header: 'Run',
      render: (v, row) => <Link href={`/compare?run=${encodeURIComponent(String(row.id))}`}>{v}</Link>,
    },
    { id: 'datasetName', header: 'Dataset' },
    { id: 'label', header: 'Label' },
    { id: 'status', header: 'Status' },
    { id: 'models', header: 'Models', numeric: true },
    { id: 'backend', header: 'Backend' },
    { id: 'totalMs', header: 'Time', numeric: true, format: (v) => formatDuration(Number(v)) },
    dateTimeColumn(),
    actionsColumn((row) => {
      const r = byId.get(String(row.id));
      if (!r) return null;
      return (
        <ConfirmButton
          label={`Delete run ${r.name}`}
          title={`Delete run "${r.name}"?`}
          confirmLabel="Delete run"
          className="danger small"
          onConfirm={() => onDelete(r.id)}
        >
          The run and its {r.slots.filter((s) => s.modelId).length} models are removed. This cannot be undone.
        </ConfirmButton>
      );
    }),
  ];
  return <DataTable label="Training runs" columns={columns} rows={rows} height={360} />;
});
