import { formatBytes } from '../../ui/format-bytes';
import type { DatasetRecord } from '../../storage/records';
import { ConfirmButton } from '../../ui/ConfirmButton';
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
  return (
    <table className="list-table" aria-label="Datasets">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Mode</th>
          <th scope="col" className="num">
            Rows
          </th>
          <th scope="col" className="num">
            Label rate
          </th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">Created</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {datasets.map((d) => (
          <tr key={d.id}>
            <td>
              <Link href={`/datasets/${encodeURIComponent(d.id)}`}>{d.name}</Link>
            </td>
            <td>{d.kind}</td>
            <td className="num">{d.rowCount.toLocaleString('en-US')}</td>
            <td className="num">{d.summary ? `${(d.summary.labelRate * 100).toFixed(1)} %` : '—'}</td>
            <td className="num">{formatBytes(d.sizeBytes)}</td>
            <td>{new Date(d.createdAt).toLocaleString()}</td>
            <td>
              <ConfirmButton
                label={`Delete ${d.name}`}
                title={`Delete "${d.name}"?`}
                confirmLabel="Delete dataset"
                className="danger small"
                onConfirm={() => onDelete(d.id)}
              >
                Its {d.rowCount.toLocaleString('en-US')} rows ({formatBytes(d.sizeBytes)}) are removed from this
                browser. This cannot be undone; export it first if you need it.
              </ConfirmButton>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
