import type { HomeEvents } from '../domain/homes/event-buffer';
import { homeId, homeIndexFromId } from '../domain/homes/home-export';
import type { WorkbenchDb } from './db';
import { HOMES_RUN_KEY, eventsToChunks, homeBytes, parseStoredHomesRun } from './homes-repo';
import type { HomeRecord } from './records';

/**
 * Stores a batch of imported homes with their events in one transaction: every home of the batch lands,
 * or none does. Homes get new numbers after every stored home and after every number the stored
 * synthesis run has reserved (its plan may still be resumed), so an import never takes a number a run
 * will write later, and never overwrites a home.
 */

/** One imported home as the importer hands it over: the record without the fields the batch assigns. */
export interface ImportedHomeRecord {
  home: Omit<HomeRecord, 'id' | 'chunkCount' | 'sizeBytes' | 'planIndex'>;
  events: HomeEvents;
}

function numberOf(id: string): number {
  try {
    return homeIndexFromId(id);
  } catch {
    return 0;
  }
}

/** Saves `batch` in order as new homes; resolves with their ids. */
export async function saveImportedHomes(db: WorkbenchDb, batch: readonly ImportedHomeRecord[]): Promise<string[]> {
  const tx = db.transaction(['homes', 'homeEvents', 'settings'], 'readwrite');
  // On a failed request the transaction aborts and `done` rejects too; the first error is the one to report.
  tx.done.catch(() => undefined);
  try {
    let last = 0;
    for (const id of await tx.objectStore('homes').getAllKeys()) last = Math.max(last, numberOf(id));
    const run = parseStoredHomesRun((await tx.objectStore('settings').get(HOMES_RUN_KEY))?.value);
    if (run !== null) last = Math.max(last, run.firstNumber + run.plan.length - 1);
    const ids: string[] = [];
    const homes = tx.objectStore('homes');
    const chunksStore = tx.objectStore('homeEvents');
    for (const [planIndex, item] of batch.entries()) {
      const id = homeId(last + 1 + planIndex);
      const chunks = eventsToChunks(id, item.events);
      const record: Omit<HomeRecord, 'sizeBytes'> = { ...item.home, id, planIndex, chunkCount: chunks.length };
      await homes.add({ ...record, sizeBytes: homeBytes(record, chunks) });
      // Chunks left under this id by an older version without a home must not join the new home's events.
      await chunksStore.delete(IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
      for (const c of chunks) await chunksStore.put(c);
      ids.push(id);
    }
    await tx.done;
    return ids;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    throw error;
  }
}
