import { memo } from 'react';
import { formatDuration } from '../../domain/jobs/eta';
import type { RunRecord } from '../../workers/training.api';
import { ConfirmButton } from '../../ui/ConfirmButton';
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
  return (
    <table className="list-table" aria-label="Training runs">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Dataset</th>
          <th scope="col">Label</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Models
          </th>
          <th scope="col">Backend</th>
          <th scope="col" className="num">
            Time
          </th>
          <th scope="col">Created</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            <td>
              <Link href={`/compare?run=${encodeURIComponent(r.id)}`}>{r.name}</Link>
            </td>
            <td>{r.datasetName}</td>
            <td>{r.config.label}</td>
            <td>{r.status}</td>
            <td className="num">{r.slots.filter((s) => s.status === 'done').length}</td>
            <td>{r.backend?.active ?? '—'}</td>
            <td className="num">{formatDuration(r.totalMs)}</td>
            <td>{new Date(r.createdAt).toLocaleString()}</td>
            <td>
              <ConfirmButton
                label={`Delete run ${r.name}`}
                title={`Delete run "${r.name}"?`}
                confirmLabel="Delete run"
                className="danger small"
                onConfirm={() => onDelete(r.id)}
              >
                The run and its {r.slots.filter((s) => s.modelId).length} models are removed. This cannot be undone.
              </ConfirmButton>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
