import { z } from 'zod';
import { HOME_TYPES } from '../domain/home-types';
import type { HomeEvents } from '../domain/homes/event-buffer';
import { homeIndexFromId } from '../domain/homes/home-export';
import { SIZE_CATEGORIES, homeSourceSchema } from '../domain/homes/home-schema';
import type { WorkbenchDb } from './db';
import { HomesRunBusyError, liveHomesRunIds, webRunLocks, type RunLocks } from './homes-run-lock';
import { estimateBytes } from './record-size';
import type { HomeEventsChunkRecord, HomeRecord } from './records';
import { chunksToEvents } from './home-event-chunks';

export { chunksToEvents, eventsToChunks, HOME_EVENTS_PER_CHUNK } from './home-event-chunks';

/**
 * Homes, their event chunks and the state of the latest synthesis run. A home and its events are written
 * in one transaction together with the run's progress, so a reload never leaves a home without events
 * or a saved home the run does not know about; chunks left without a home by older versions are swept
 * by removeOrphanHomeEvents. The run record is only replaced or deleted while no tab executes that run
 * (its Web Lock, homes-run-lock.ts), and its executor only writes to it while it is still its own
 * 'running' run, so a stale tab never overwrites a live or finished run.
 */

/** Settings key of the latest synthesis run (plan, progress, outcome): what a resume continues. */
export const HOMES_RUN_KEY = 'homes.run';

export const HOMES_RUN_STATUSES = ['running', 'completed', 'cancelled', 'quota', 'auth', 'model', 'failed'] as const;
export type HomesRunStatus = (typeof HOMES_RUN_STATUSES)[number];

const totalsSchema = z.object({
  requests: z.number(),
  retries: z.number(),
  rateLimitWaits: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number().nullable(),
});
export type HomesRunTotals = z.infer<typeof totalsSchema>;

/** Sources a synthesis run can make homes from: every home source except 'imported' (no run makes those). */
export const runSourceSchema = homeSourceSchema.exclude(['imported']);
export type RunSource = z.infer<typeof runSourceSchema>;

const homesRunSchema = z.object({
  id: z.string(),
  source: runSourceSchema,
  seed: z.number().int(),
  plan: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      homeType: z.enum(HOME_TYPES),
      sizeCategory: z.enum(SIZE_CATEGORIES),
    }),
  ),
  /** Home number of plan index 0: plan index i becomes `home_<firstNumber + i>`. */
  firstNumber: z.number().int().positive(),
  days: z.number().int().positive(),
  startDate: z.string(),
  timeZone: z.string(),
  /** Connection settings of an LLM run (never the key). */
  llm: z.object({ baseUrl: z.string(), model: z.string(), rpm: z.number().positive() }).nullable(),
  status: z.enum(HOMES_RUN_STATUSES),
  /** Why it stopped (redacted), or null. */
  message: z.string().nullable(),
  /** Plan indexes saved, ascending. */
  done: z.array(z.number().int().nonnegative()),
  skipped: z.array(z.object({ index: z.number().int(), reason: z.string(), message: z.string() })),
  totals: totalsSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});

/** The stored state of a synthesis run. */
export type HomesRunRecord = z.infer<typeof homesRunSchema>;

/** Zero totals. */
export function emptyRunTotals(): HomesRunTotals {
  return { requests: 0, retries: 0, rateLimitWaits: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

/** Approximate stored bytes of a home with its chunks (Settings › Storage). */
export function homeBytes(home: Omit<HomeRecord, 'sizeBytes'>, chunks: readonly HomeEventsChunkRecord[]): number {
  return estimateBytes(home) + 8 + chunks.reduce((s, c) => s + estimateBytes(c), 0);
}

/** Every home, in home-number order. */
export async function listHomes(db: WorkbenchDb): Promise<HomeRecord[]> {
  const homes = await db.getAll('homes');
  return homes.sort((a, b) => homeNumber(a.id) - homeNumber(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function homeNumber(id: string): number {
  try {
    return homeIndexFromId(id);
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

export async function getHome(db: WorkbenchDb, id: string): Promise<HomeRecord | undefined> {
  return db.get('homes', id);
}

/** Every chunk key of one home: [id, any index]. */
function chunkRange(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
}

/** A home's events from its chunks, or null when the home has none stored. */
export async function readHomeEvents(db: WorkbenchDb, id: string): Promise<HomeEvents | null> {
  const chunks = await db.getAll('homeEvents', chunkRange(id));
  return chunks.length === 0 ? null : chunksToEvents(chunks);
}

/** The number the next new home gets: one past the highest stored (1 when there are none). */
export async function nextHomeNumber(db: WorkbenchDb): Promise<number> {
  const ids = await db.getAllKeys('homes');
  let max = 0;
  for (const id of ids) {
    const n = homeNumber(id);
    if (n !== Number.MAX_SAFE_INTEGER && n > max) max = n;
  }
  return max + 1;
}

/**
 * Writes a new home and its event chunks, and (when given) updates the run record, in one transaction:
 * all of it lands or none does (a tab closed mid-way aborts it, leaving no chunk behind). Fails if a
 * home with the same id exists (it is never overwritten). Chunks stored under the id without a home
 * (orphans of an older version) are dropped first, so they can never join the new home's events.
 * `updateRun` may throw to abort the whole write.
 */
export async function saveHomeWithEvents(
  db: WorkbenchDb,
  home: HomeRecord,
  chunks: readonly HomeEventsChunkRecord[],
  updateRun: ((run: HomesRunRecord) => HomesRunRecord) | null = null,
): Promise<void> {
  const tx = db.transaction(['homes', 'homeEvents', 'settings'], 'readwrite');
  // On a failed request the transaction aborts and `done` rejects too; the first error is the one to report.
  tx.done.catch(() => undefined);
  try {
    await tx.objectStore('homes').add(home);
    const events = tx.objectStore('homeEvents');
    await events.delete(chunkRange(home.id));
    for (const c of chunks) await events.put(c);
    if (updateRun !== null) {
      const settings = tx.objectStore('settings');
      const parsed = homesRunSchema.safeParse((await settings.get(HOMES_RUN_KEY))?.value);
      if (!parsed.success) throw new Error('The synthesis run record is missing or unreadable.');
      await settings.put({ key: HOMES_RUN_KEY, value: updateRun(parsed.data) });
    }
    await tx.done;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'ConstraintError') {
      throw new Error(`A home with id ${home.id} already exists; it was not overwritten.`, { cause: error });
    }
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    throw error;
  }
}

/** Deletes a home and all its event chunks in one transaction. */
export async function deleteHome(db: WorkbenchDb, id: string): Promise<void> {
  const tx = db.transaction(['homes', 'homeEvents'], 'readwrite');
  await Promise.all([tx.objectStore('homes').delete(id), tx.objectStore('homeEvents').delete(chunkRange(id)), tx.done]);
}

/** Deletes every home and every event chunk. */
export async function deleteAllHomes(db: WorkbenchDb): Promise<void> {
  const tx = db.transaction(['homes', 'homeEvents'], 'readwrite');
  await Promise.all([tx.objectStore('homes').clear(), tx.objectStore('homeEvents').clear(), tx.done]);
}

/** A stored run record read back (unknown from IndexedDB), or null when missing or unreadable. */
export function parseStoredHomesRun(value: unknown): HomesRunRecord | null {
  const parsed = homesRunSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The latest run, or null when there is none or the stored value is unreadable (then it is ignored). */
export async function getHomesRun(db: WorkbenchDb): Promise<HomesRunRecord | null> {
  const parsed = homesRunSchema.safeParse((await db.get('settings', HOMES_RUN_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

/**
 * Replaces or removes the stored run record, in one transaction, unless the run it holds is executing in
 * some tab right now (its lock is held): then rejects with HomesRunBusyError and changes nothing. A tab
 * with a stale view can so neither restart, resume over, nor discard a run another tab is making.
 */
async function replaceRunUnlessLive(
  db: WorkbenchDb,
  next: HomesRunRecord | null,
  locks: RunLocks | null,
): Promise<void> {
  const live = await liveHomesRunIds(locks);
  const tx = db.transaction('settings', 'readwrite');
  const stored = homesRunSchema.safeParse((await tx.store.get(HOMES_RUN_KEY))?.value);
  if (stored.success && live.has(stored.data.id)) {
    await tx.done;
    throw new HomesRunBusyError();
  }
  if (next === null) await tx.store.delete(HOMES_RUN_KEY);
  else await tx.store.put({ key: HOMES_RUN_KEY, value: next });
  await tx.done;
}

/** Stores `run` as the latest run; refused (HomesRunBusyError) while the stored run executes in a tab. */
export async function putHomesRun(
  db: WorkbenchDb,
  run: HomesRunRecord,
  locks: RunLocks | null = webRunLocks(),
): Promise<void> {
  await replaceRunUnlessLive(db, homesRunSchema.parse(run), locks);
}

/**
 * Applies `update` to the stored run in one transaction; resolves with the stored record afterwards
 * (null if none). When `update` returns its argument unchanged nothing is written, so a conditional
 * update can decline by returning the record as it is.
 */
export async function updateHomesRun(
  db: WorkbenchDb,
  update: (run: HomesRunRecord) => HomesRunRecord,
): Promise<HomesRunRecord | null> {
  const tx = db.transaction('settings', 'readwrite');
  const parsed = homesRunSchema.safeParse((await tx.store.get(HOMES_RUN_KEY))?.value);
  if (!parsed.success) {
    await tx.done;
    return null;
  }
  const next = update(parsed.data);
  if (next !== parsed.data) await tx.store.put({ key: HOMES_RUN_KEY, value: next });
  await tx.done;
  return next;
}

/** The stored run is run `runId` and still open ('running'): the only state its executor may write over. */
export function isOpenRun(stored: HomesRunRecord, runId: string): boolean {
  return stored.id === runId && stored.status === 'running';
}

/** The run record changed under its executor: another tab finished, replaced or discarded it. */
export class HomesRunStaleError extends Error {
  override name = 'HomesRunStaleError';
}

/**
 * The executor's check, holding the run's lock, that the stored record is still this run and still
 * 'running' (one read, in one transaction); resolves with the stored record, whose `done` may be ahead of
 * the caller's copy. Rejects with HomesRunStaleError otherwise, having written nothing.
 */
export async function claimHomesRun(db: WorkbenchDb, runId: string): Promise<HomesRunRecord> {
  const stored = await getHomesRun(db);
  if (stored === null)
    throw new HomesRunStaleError('The synthesis run was discarded in another tab; nothing more was made.');
  if (stored.id !== runId)
    throw new HomesRunStaleError('Another synthesis run was started in another tab; this one was not continued.');
  if (stored.status !== 'running') {
    throw new HomesRunStaleError(
      `This synthesis run already ended in another tab (${stored.status}); reload the Homes page to see it.`,
    );
  }
  return stored;
}

/** Forgets the stored run (its homes stay); refused (HomesRunBusyError) while it executes in a tab. */
export async function deleteHomesRun(db: WorkbenchDb, locks: RunLocks | null = webRunLocks()): Promise<void> {
  await replaceRunUnlessLive(db, null, locks);
}

export interface OrphanSweep {
  /** Distinct home ids seen in `homeEvents`. */
  homesChecked: number;
  /** Home ids whose record did not exist, and the chunks removed with them. */
  orphanHomes: string[];
  chunksRemoved: number;
}

/**
 * Removes event chunks whose home record does not exist (left by a write that was not atomic in an older
 * version, or by any other bug). Walks the distinct home ids of `homeEvents` with a keys-only cursor on
 * its `by-home` index, `batchSize` ids per short transaction, and pauses between batches, so it never
 * holds the stores for long and a run saving homes meanwhile simply interleaves. Each batch checks and
 * deletes in one transaction, and a home is always written together with its chunks, so chunks of a home
 * being saved are never taken for orphans.
 */
export async function removeOrphanHomeEvents(
  db: WorkbenchDb,
  {
    batchSize = 200,
    pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  }: { batchSize?: number; pause?: () => Promise<void> } = {},
): Promise<OrphanSweep> {
  const sweep: OrphanSweep = { homesChecked: 0, orphanHomes: [], chunksRemoved: 0 };
  const perBatch = Math.max(1, Math.floor(batchSize));
  let after: string | null = null;
  for (;;) {
    const tx = db.transaction(['homes', 'homeEvents'], 'readwrite');
    const homes = tx.objectStore('homes');
    const events = tx.objectStore('homeEvents');
    let cursor = await events
      .index('by-home')
      .openKeyCursor(after === null ? null : IDBKeyRange.lowerBound(after, true), 'nextunique');
    const orphans: string[] = [];
    let seen = 0;
    while (cursor !== null && seen < perBatch) {
      const id = cursor.key;
      after = id;
      seen += 1;
      if ((await homes.getKey(id)) === undefined) orphans.push(id);
      cursor = await cursor.continue();
    }
    for (const id of orphans) {
      sweep.chunksRemoved += await events.count(chunkRange(id));
      await events.delete(chunkRange(id));
    }
    await tx.done;
    sweep.homesChecked += seen;
    sweep.orphanHomes.push(...orphans);
    if (cursor === null) return sweep;
    await pause();
  }
}
