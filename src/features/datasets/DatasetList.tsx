import { formatBytes } from '../../ui/format-bytes';
import type { DatasetRecord } from '../../storage/records';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable, type DataColumn, type TableRow } from '../../ui/DataTable';
import { actionsColumn, bytesColumn, dateTimeColumn } from '../../ui/data-table/columns';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';

export function DatasetList({
  datasets,
  onDelete,
}: {
  datasets: DatasetRecord[];
  onDelete: (id: string) => Promise<void>;
}) {
  if (datasets.length === 0) {
    return (
      <EmptyState title="No datasets yet">
        Fill in the form and press Generate. The dataset is generated in the background and stored in this browser.
      </EmptyState>
    );
  }
  const byId = new Map(datasets.map((d) => [d.id, d]));
  const rows: TableRow[] = datasets.map((d) => ({
    id: d.id,
    name: d.name,
    kind: d.kind,
    rowCount: d.rowCount,
    labelRate: d.summary ? d.summary.labelRate : null,
    sizeBytes: d.sizeBytes,
    createdAt: d.createdAt,
    actions: null,
  }));
  const columns: DataColumn[] = [
    {
      id: 'name',
      header: 'Name',
      render: (v, row) => <Link href={`/datasets/${encodeURIComponent(String(row.id))}`}>{v}</Link>,
    },
    { id: 'kind', header: 'Mode' },
    { id: 'rowCount', header: 'Rows', numeric: true, format: (v) => (v === null ? '' : v.toLocaleString('en-US')) },
    {
      id: 'labelRate',
      header: 'Label rate',
      numeric: true,
      format: (v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : '—'),
    },
    bytesColumn(),
    dateTimeColumn(),
    actionsColumn((row) => {
      const d = byId.get(String(row.id));
      if (!d) return null;
      return (
        <ConfirmButton
          label={`Delete ${d.name}`}
          title={`Delete "${d.name}"?`}
          confirmLabel="Delete dataset"
          className="danger small"
          onConfirm={() => onDelete(d.id)}
        >
          Its {d.rowCount.toLocaleString('en-US')} rows ({formatBytes(d.sizeBytes)}) are removed from this browser. This
          cannot be undone; export it first if you need it.
        </ConfirmButton>
      );
    }),
  ];
  return <DataTable label="Datasets" columns={columns} rows={rows} height={360} />;
}
