import { useEffect, useState } from 'react';
import { formatBytes } from '../../ui/format-bytes';
import { useWorkbench } from '../../state/use-workbench';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { EmptyState } from '../../ui/EmptyState';
import { ProgressBar } from '../../ui/ProgressBar';

export function StoragePanel() {
  const storage = useWorkbench((s) => s.storage);
  const load = useWorkbench((s) => s.loadStorage);
  const request = useWorkbench((s) => s.requestPersistence);
  const deleteItem = useWorkbench((s) => s.deleteStoredItem);
  const deleteAll = useWorkbench((s) => s.deleteAllData);
  const datasetsCount = useWorkbench((s) => s.datasets.length);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load, datasetsCount]);

  if (!storage) return <p role="status">Reading storage…</p>;
  const total = storage.items.reduce((s, i) => s + i.sizeBytes, 0);
  return (
    <section className="panel" aria-labelledby="storage-title">
      <h2 id="storage-title">Storage</h2>
      {storage.usage !== null && storage.quota !== null ? (
        <>
          <p>
            This site uses <strong>{formatBytes(storage.usage)}</strong> of{' '}
            <strong>{formatBytes(storage.quota)}</strong> the browser allows.
          </p>
          <ProgressBar fraction={storage.usage / Math.max(1, storage.quota)} label="Storage used" />
        </>
      ) : (
        <p>This browser does not report storage usage.</p>
      )}
      <p>
        Persistent storage:{' '}
        <strong>
          {storage.persisted === null
            ? 'not supported'
            : storage.persisted
              ? 'granted — the browser will not evict your data'
              : 'not granted — the browser may evict data when space runs low'}
        </strong>
      </p>
      {storage.persisted === false ? (
        <button
          type="button"
          onClick={() =>
            void request().then((g) =>
              setMessage(
                g
                  ? 'Persistent storage granted.'
                  : 'The browser declined; it may grant it after you use the app more or bookmark it.',
              ),
            )
          }
        >
          Ask for persistent storage
        </button>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
      <h3>Stored items ({formatBytes(total)})</h3>
      {storage.items.length === 0 ? (
        <EmptyState title="Nothing stored yet">
          Datasets, homes, models and runs you create appear here with their sizes.
        </EmptyState>
      ) : (
        <table className="list-table" aria-label="Stored items">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Name</th>
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
            {storage.items.map((item) => (
              <tr key={`${item.store}:${item.id}`}>
                <td>{item.store.replace(/s$/, '')}</td>
                <td>{item.name}</td>
                <td className="num">{formatBytes(item.sizeBytes)}</td>
                <td>{new Date(item.createdAt).toLocaleString()}</td>
                <td>
                  <ConfirmButton
                    label={`Delete ${item.name}`}
                    title={`Delete "${item.name}"?`}
                    confirmLabel="Delete"
                    className="danger small"
                    onConfirm={() => deleteItem(item)}
                  >
                    It is removed from this browser ({formatBytes(item.sizeBytes)}). This cannot be undone.
                  </ConfirmButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmButton
        label="Delete everything"
        title="Delete everything?"
        confirmLabel="Delete everything"
        disabled={storage.items.length === 0}
        onConfirm={deleteAll}
      >
        All {storage.items.length} datasets, homes, models and runs ({formatBytes(total)}) and the job history are
        removed from this browser. Your settings stay. This cannot be undone.
      </ConfirmButton>
    </section>
  );
}
