import { useEffect, useState } from 'react';
import { formatBytes } from '../../ui/format-bytes';
import { useWorkbench } from '../../state/use-workbench';
import type { StoredItem } from '../../storage/inventory';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable, type DataColumn, type TableRow } from '../../ui/DataTable';
import { actionsColumn, bytesColumn, dateTimeColumn } from '../../ui/data-table/columns';
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
        <DataTable
          label="Stored items"
          columns={storedColumns(storage.items, deleteItem)}
          rows={storedRows(storage.items)}
        />
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

const itemKey = (item: StoredItem): string => `${item.store}:${item.id}`;

function storedRows(items: readonly StoredItem[]): TableRow[] {
  return items.map((item) => ({
    key: itemKey(item),
    kind: item.store.replace(/s$/, ''),
    name: item.name,
    sizeBytes: item.sizeBytes,
    createdAt: item.createdAt,
    actions: null,
  }));
}

function storedColumns(items: readonly StoredItem[], deleteItem: (item: StoredItem) => Promise<void>): DataColumn[] {
  const byKey = new Map(items.map((item) => [itemKey(item), item]));
  return [
    { id: 'kind', header: 'Kind' },
    { id: 'name', header: 'Name' },
    bytesColumn(),
    dateTimeColumn(),
    actionsColumn((row) => {
      const item = byKey.get(String(row.key));
      if (!item) return null;
      return (
        <ConfirmButton
          label={`Delete ${item.name}`}
          title={`Delete "${item.name}"?`}
          confirmLabel="Delete"
          className="danger small"
          onConfirm={() => deleteItem(item)}
        >
          It is removed from this browser ({formatBytes(item.sizeBytes)}). This cannot be undone.
        </ConfirmButton>
      );
    }),
  ];
}
