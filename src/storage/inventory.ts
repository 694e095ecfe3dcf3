import { STORE_NAMES, type WorkbenchDb } from './db';
import { deleteDataset } from './datasets-repo';
import { deleteRun } from './runs-repo';

export interface StoredItem {
  store: 'datasets' | 'homes' | 'models' | 'runs';
  id: string;
  name: string;
  sizeBytes: number;
  createdAt: number;
}

function sizeOf(value: unknown): number {
  if (typeof value === 'object' && value !== null && 'sizeBytes' in value && typeof value.sizeBytes === 'number') {
    return value.sizeBytes;
  }
  return 0;
}

function nameOf(value: { id: string; [k: string]: unknown }): string {
  return typeof value.name === 'string' ? value.name : value.id;
}

/** Everything the user has stored, with sizes, for Settings › Storage. */
export async function storageInventory(db: WorkbenchDb): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  for (const d of await db.getAll('datasets')) {
    if (d.status === 'complete')
      items.push({ store: 'datasets', id: d.id, name: d.name, sizeBytes: d.sizeBytes, createdAt: d.createdAt });
  }
  for (const store of ['homes', 'models', 'runs'] as const) {
    for (const v of await db.getAll(store)) {
      items.push({ store, id: v.id, name: nameOf(v), sizeBytes: sizeOf(v), createdAt: v.createdAt });
    }
  }
  return items.sort((a, b) => b.createdAt - a.createdAt);
}

export async function deleteItem(db: WorkbenchDb, item: Pick<StoredItem, 'store' | 'id'>): Promise<void> {
  if (item.store === 'datasets') return deleteDataset(db, item.id);
  if (item.store === 'homes') {
    const tx = db.transaction(['homes', 'homeEvents'], 'readwrite');
    await Promise.all([
      tx.objectStore('homes').delete(item.id),
      tx.objectStore('homeEvents').delete(IDBKeyRange.bound([item.id, 0], [item.id, Number.MAX_SAFE_INTEGER])),
    ]);
    await tx.done;
    return;
  }
  if (item.store === 'runs') return deleteRun(db, item.id);
  await db.delete(item.store, item.id);
}

/** Deletes every record of every store in one transaction: all or nothing. Settings stay unless asked. */
export async function deleteEverything(db: WorkbenchDb, { keepSettings = true } = {}): Promise<void> {
  const stores = STORE_NAMES.filter((s) => !(keepSettings && s === 'settings'));
  const tx = db.transaction([...stores], 'readwrite');
  await Promise.all(stores.map((s) => tx.objectStore(s).clear()));
  await tx.done;
}
