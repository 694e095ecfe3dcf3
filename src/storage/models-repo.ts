import type { ModelKind } from '../domain/models/model-types';
import { familyOf, type ModelFamily, type SlotKey } from '../domain/training/run-types';
import type { WorkbenchDb } from './db';
import type { ModelRecord } from './records';
import { toStorageError } from './storage-errors';

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/**
 * The version of the next model of one (kind, slot, family): 1.0.0 for the first, then the patch of the
 * highest stored version plus one (as the original bumped "1.0.0" → "1.0.1" on every retrain).
 */
export function nextModelVersion(existing: readonly string[]): string {
  let best: [number, number, number] | null = null;
  for (const v of existing) {
    const m = VERSION.exec(v);
    if (!m) continue;
    const parsed: [number, number, number] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (
      best === null ||
      parsed[0] > best[0] ||
      (parsed[0] === best[0] && (parsed[1] > best[1] || (parsed[1] === best[1] && parsed[2] > best[2])))
    ) {
      best = parsed;
    }
  }
  return best === null ? '1.0.0' : `${best[0]}.${best[1]}.${best[2] + 1}`;
}

/**
 * Stores a model, giving it the next version of its (kind, slot, family) in the same transaction, so two
 * runs finishing together cannot take one version twice. Each family numbers its own versions: training
 * trees does not bump the network's version of the slot. Saving an id again keeps that record's version.
 */
export async function saveModel(db: WorkbenchDb, model: Omit<ModelRecord, 'version'>): Promise<ModelRecord> {
  try {
    const tx = db.transaction('models', 'readwrite');
    const versions: string[] = [];
    let own: string | null = null;
    for await (const cursor of tx.store) {
      const m = cursor.value;
      if (m.id === model.id) own = m.version;
      else if (m.kind === model.kind && m.slot === model.slot && familyOf(m) === familyOf(model))
        versions.push(m.version);
    }
    const record: ModelRecord = { ...model, version: own ?? nextModelVersion(versions) };
    await tx.store.put(record);
    await tx.done;
    return record;
  } catch (e) {
    throw toStorageError(e, `model "${model.name}"`);
  }
}

export async function getModel(db: WorkbenchDb, id: string): Promise<ModelRecord | undefined> {
  return db.get('models', id);
}

/** All models, newest first; `kind`, `slot` and `family` narrow the list (e.g. every version of one slot). */
export async function listModels(
  db: WorkbenchDb,
  filter: { kind?: ModelKind; slot?: SlotKey; family?: ModelFamily; runId?: string } = {},
): Promise<ModelRecord[]> {
  const all = await db.getAllFromIndex('models', 'by-created');
  return all
    .filter(
      (m) =>
        (filter.kind === undefined || m.kind === filter.kind) &&
        (filter.slot === undefined || m.slot === filter.slot) &&
        (filter.family === undefined || familyOf(m) === filter.family) &&
        (filter.runId === undefined || m.runId === filter.runId),
    )
    .reverse();
}

export async function deleteModel(db: WorkbenchDb, id: string): Promise<void> {
  await db.delete('models', id);
}
