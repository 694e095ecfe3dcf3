import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { HomeEvents } from '../domain/homes/event-buffer';
import { sampleHome } from '../llm/openai-test-kit';
import { openWorkbenchDb } from './db';
import {
  chunksToEvents,
  claimHomesRun,
  deleteAllHomes,
  deleteHome,
  deleteHomesRun,
  emptyRunTotals,
  eventsToChunks,
  getHome,
  getHomesRun,
  homeBytes,
  listHomes,
  nextHomeNumber,
  putHomesRun,
  readHomeEvents,
  removeOrphanHomeEvents,
  saveHomeWithEvents,
  updateHomesRun,
  HomesRunStaleError,
  type HomesRunRecord,
} from './homes-repo';
import { HomesRunBusyError, homesRunLockName, liveHomesRunIds, memoryRunLocks, type RunLocks } from './homes-run-lock';
import { deleteEncryptedKey, getEncryptedKey, hasEncryptedKey, putEncryptedKey } from './openai-key-repo';
import { deleteItem, storageInventory } from './inventory';
import type { HomeRecord } from './records';

let n = 0;
const freshDb = () => openWorkbenchDb(`homes-repo-${n++}`);

function events(count: number): HomeEvents {
  const states = ['on', 'off', '21.5'];
  return {
    entityIndex: Uint16Array.from({ length: count }, (_, i) => i % 6),
    time: Float64Array.from({ length: count }, (_, i) => 1_700_000_000_000 + i * 1000),
    state: Uint16Array.from({ length: count }, (_, i) => (i % 7 === 0 ? 2 : i % 2)),
    states,
  };
}

function homeRecord(id: string, over: Partial<HomeRecord> = {}): HomeRecord {
  const base: Omit<HomeRecord, 'sizeBytes'> = {
    ...sampleHome(),
    id,
    source: 'template',
    seed: 7,
    created_at: '2025-01-01T00:00:00.000Z',
    llm: null,
    createdAt: 1000,
    runId: 'run-1',
    planIndex: 0,
    timeZone: 'UTC',
    startDate: '2025-01-01',
    days: 1,
    eventCount: 10,
    chunkCount: 1,
    costUsd: null,
  };
  return { ...base, sizeBytes: 100, ...over };
}

function runRecord(over: Partial<HomesRunRecord> = {}): HomesRunRecord {
  return {
    id: 'run-1',
    source: 'template',
    seed: 7,
    plan: [
      { index: 0, homeType: 'apartment', sizeCategory: 'small' },
      { index: 1, homeType: 'condo', sizeCategory: 'medium' },
    ],
    firstNumber: 1,
    days: 1,
    startDate: '2025-01-01',
    timeZone: 'UTC',
    llm: null,
    status: 'running',
    message: null,
    done: [],
    skipped: [],
    totals: emptyRunTotals(),
    createdAt: 1,
    updatedAt: 1,
    ...over,
  };
}

describe('event chunks', () => {
  it('splits into self-contained chunks with local state tables and joins back exactly', () => {
    const ev = events(25);
    const chunks = eventsToChunks('home_001', ev, 10);
    expect(chunks.map((c) => [c.index, c.time.length])).toEqual([
      [0, 10],
      [1, 10],
      [2, 5],
    ]);
    // Each chunk's table lists states in the order its own events first use them (21 is a multiple of 7).
    expect(chunks[1]?.states).toEqual(['on', 'off', '21.5']);
    expect(chunks[2]?.states).toEqual(['on', '21.5', 'off']);
    expect(Array.from(chunks[2]?.state ?? [])).toEqual([0, 1, 0, 2, 0]);
    const back = chunksToEvents([...chunks].reverse());
    expect(back.entityIndex).toEqual(ev.entityIndex);
    expect(back.time).toEqual(ev.time);
    expect(back.state.length).toBe(25);
    for (let i = 0; i < 25; i++) expect(back.states[back.state[i] ?? 0]).toBe(ev.states[ev.state[i] ?? 0]);
  });

  it('stores a home that fits one chunk as it is, state table included', () => {
    const ev = events(25);
    const [only, ...rest] = eventsToChunks('home_001', ev, 25);
    expect(rest).toEqual([]);
    expect(only?.time).toBe(ev.time);
    expect(only?.states).toBe(ev.states);
  });

  it('keeps one empty chunk for a home without events', () => {
    const chunks = eventsToChunks('home_002', events(0));
    expect(chunks).toHaveLength(1);
    expect(chunksToEvents(chunks).time.length).toBe(0);
  });
});

describe('homes repository', () => {
  it('saves a home with its events and the run update atomically, and reads them back', async () => {
    const db = await freshDb();
    await putHomesRun(db, runRecord());
    const ev = events(120);
    const chunks = eventsToChunks('home_001', ev, 50);
    await saveHomeWithEvents(db, homeRecord('home_001', { chunkCount: 3 }), chunks, (r) => ({
      ...r,
      done: [...r.done, 0],
    }));
    expect((await getHome(db, 'home_001'))?.name).toBe('Maple Row Townhouse');
    const back = await readHomeEvents(db, 'home_001');
    expect(back?.time).toEqual(ev.time);
    expect((await getHomesRun(db))?.done).toEqual([0]);
    expect(await nextHomeNumber(db)).toBe(2);
    db.close();
  });

  it('never overwrites a home: a duplicate id fails and changes nothing, the run included', async () => {
    const db = await freshDb();
    await putHomesRun(db, runRecord());
    await saveHomeWithEvents(db, homeRecord('home_003'), eventsToChunks('home_003', events(5)), (r) => ({
      ...r,
      done: [0],
    }));
    await expect(
      saveHomeWithEvents(db, homeRecord('home_003', { name: 'Other' }), eventsToChunks('home_003', events(9)), (r) => ({
        ...r,
        done: [0, 1],
      })),
    ).rejects.toThrow(/home_003 already exists/);
    expect((await getHome(db, 'home_003'))?.name).toBe('Maple Row Townhouse');
    expect((await readHomeEvents(db, 'home_003'))?.time.length).toBe(5);
    expect((await getHomesRun(db))?.done).toEqual([0]);
    db.close();
  });

  it('fails without writing when the run to update is missing', async () => {
    const db = await freshDb();
    await expect(
      saveHomeWithEvents(db, homeRecord('home_001'), eventsToChunks('home_001', events(3)), (r) => r),
    ).rejects.toThrow(/run record/);
    expect(await getHome(db, 'home_001')).toBeUndefined();
    expect(await readHomeEvents(db, 'home_001')).toBeNull();
    db.close();
  });

  it('lists in home-number order, numbers past the highest, deletes one or all with their events', async () => {
    const db = await freshDb();
    expect(await nextHomeNumber(db)).toBe(1);
    for (const id of ['home_010', 'home_002', 'home_001'])
      await saveHomeWithEvents(db, homeRecord(id), eventsToChunks(id, events(4)));
    expect((await listHomes(db)).map((h) => h.id)).toEqual(['home_001', 'home_002', 'home_010']);
    expect(await nextHomeNumber(db)).toBe(11);
    await deleteHome(db, 'home_002');
    expect((await listHomes(db)).map((h) => h.id)).toEqual(['home_001', 'home_010']);
    expect(await readHomeEvents(db, 'home_002')).toBeNull();
    expect(await db.count('homeEvents')).toBe(2);
    await deleteAllHomes(db);
    expect(await db.count('homes')).toBe(0);
    expect(await db.count('homeEvents')).toBe(0);
    db.close();
  });

  it('shows homes in Settings › Storage with their size and deletes them there with their events', async () => {
    const db = await freshDb();
    const chunks = eventsToChunks('home_001', events(40));
    const { sizeBytes: _, ...rest } = homeRecord('home_001');
    const size = homeBytes(rest, chunks);
    expect(size).toBeGreaterThan(40 * 12);
    await saveHomeWithEvents(db, { ...rest, sizeBytes: size }, chunks);
    const items = await storageInventory(db);
    expect(items).toEqual([
      { store: 'homes', id: 'home_001', name: 'Maple Row Townhouse', sizeBytes: size, createdAt: 1000 },
    ]);
    await deleteItem(db, { store: 'homes', id: 'home_001' });
    expect(await db.count('homeEvents')).toBe(0);
    db.close();
  });

  it('updates the run record in place and ignores an unreadable one', async () => {
    const db = await freshDb();
    expect(await updateHomesRun(db, (r) => r)).toBeNull();
    await putHomesRun(db, runRecord());
    const next = await updateHomesRun(db, (r) => ({ ...r, status: 'cancelled', message: 'stopped' }));
    expect(next?.status).toBe('cancelled');
    expect((await getHomesRun(db))?.message).toBe('stopped');
    await db.put('settings', { key: 'homes.run', value: { id: 5 } });
    expect(await getHomesRun(db)).toBeNull();
    await expect(putHomesRun(db, { ...runRecord(), firstNumber: 0 })).rejects.toThrow();
    db.close();
  });
});

describe('encrypted key repository', () => {
  it('stores only the ciphertext record and deletes it', async () => {
    const db = await freshDb();
    expect(await hasEncryptedKey(db)).toBe(false);
    const rec = {
      version: 1 as const,
      kdf: 'PBKDF2-SHA-256' as const,
      iterations: 600_000,
      salt: new Uint8Array(16).fill(1),
      iv: new Uint8Array(12).fill(2),
      ciphertext: Uint8Array.of(9, 8, 7),
      createdAt: 5,
    };
    await putEncryptedKey(db, rec);
    expect(await getEncryptedKey(db)).toEqual(rec);
    expect(await hasEncryptedKey(db)).toBe(true);
    await deleteEncryptedKey(db);
    expect(await getEncryptedKey(db)).toBeNull();
    db.close();
  });
});

/** Puts chunks without their home, as a write cut off between the two did in older versions. */
async function putOrphanChunks(
  db: Awaited<ReturnType<typeof freshDb>>,
  id: string,
  count: number,
  perChunk = 4,
): Promise<void> {
  const tx = db.transaction('homeEvents', 'readwrite');
  for (const c of eventsToChunks(id, events(count), perChunk)) await tx.store.put(c);
  await tx.done;
}

describe('orphaned event chunks', () => {
  it('removes chunks whose home record is gone, in batches, and keeps every chunk of existing homes', async () => {
    const db = await freshDb();
    await saveHomeWithEvents(db, homeRecord('home_001', { chunkCount: 3 }), eventsToChunks('home_001', events(10), 4));
    await saveHomeWithEvents(db, homeRecord('home_004'), eventsToChunks('home_004', events(3)));
    await putOrphanChunks(db, 'home_002', 9); // 3 chunks
    await putOrphanChunks(db, 'home_003', 2); // 1 chunk
    await putOrphanChunks(db, 'home_009', 5); // 2 chunks
    expect(await db.count('homeEvents')).toBe(4 + 6);
    const pauses: number[] = [];
    const sweep = await removeOrphanHomeEvents(db, { batchSize: 2, pause: async () => void pauses.push(1) });
    expect(sweep).toEqual({ homesChecked: 5, orphanHomes: ['home_002', 'home_003', 'home_009'], chunksRemoved: 6 });
    expect(pauses).toHaveLength(2); // 5 ids in batches of 2: three short transactions
    expect(await db.count('homeEvents')).toBe(4);
    expect((await readHomeEvents(db, 'home_001'))?.time).toEqual(events(10).time);
    expect((await readHomeEvents(db, 'home_004'))?.time.length).toBe(3);
    expect(await removeOrphanHomeEvents(db)).toEqual({ homesChecked: 2, orphanHomes: [], chunksRemoved: 0 });
    db.close();
  });

  it("a home cut off mid-write leaves no chunk behind, and an older version's leftovers are gone after the sweep", async () => {
    const db = await freshDb();
    await putHomesRun(db, runRecord(), null);
    // Cut off after its chunks were written, before the run update: the transaction aborts as a whole.
    const cut = saveHomeWithEvents(
      db,
      homeRecord('home_001', { chunkCount: 3 }),
      eventsToChunks('home_001', events(10), 4),
      () => {
        throw new Error('tab closed');
      },
    );
    await expect(cut).rejects.toThrow(/tab closed/);
    expect(await db.count('homeEvents')).toBe(0);
    expect(await getHome(db, 'home_001')).toBeUndefined();
    // An older, non-atomic writer stored the chunks and "crashed" before the home record.
    await putOrphanChunks(db, 'home_002', 9);
    await saveHomeWithEvents(db, homeRecord('home_003'), eventsToChunks('home_003', events(4)));
    await removeOrphanHomeEvents(db);
    expect(await readHomeEvents(db, 'home_002')).toBeNull();
    expect(await db.count('homeEvents')).toBe(1);
    db.close();
  });

  it('never joins stale chunks stored under an id into the new home saved with that id', async () => {
    const db = await freshDb();
    await putOrphanChunks(db, 'home_005', 12); // chunks 0, 1, 2
    await saveHomeWithEvents(db, homeRecord('home_005'), eventsToChunks('home_005', events(5)));
    expect(await db.count('homeEvents')).toBe(1);
    expect((await readHomeEvents(db, 'home_005'))?.time).toEqual(events(5).time);
    db.close();
  });

  it('keeps the chunks of homes saved while the sweep runs', async () => {
    const db = await freshDb();
    for (let i = 20; i < 30; i++) await putOrphanChunks(db, `home_${i}`, 2);
    const ids = ['home_001', 'home_002', 'home_003', 'home_004'];
    const [sweep] = await Promise.all([
      removeOrphanHomeEvents(db, { batchSize: 1 }),
      ...ids.map((id) => saveHomeWithEvents(db, homeRecord(id), eventsToChunks(id, events(6)))),
    ]);
    expect(sweep.orphanHomes).toHaveLength(10);
    for (const id of ids) expect((await readHomeEvents(db, id))?.time.length).toBe(6);
    expect(await db.count('homeEvents')).toBe(4);
    db.close();
  });

  it('Settings › Storage lists and sizes homes by their own records only, never orphaned chunks', async () => {
    const db = await freshDb();
    const chunks = eventsToChunks('home_001', events(40));
    const { sizeBytes: _, ...rest } = homeRecord('home_001');
    await saveHomeWithEvents(db, { ...rest, sizeBytes: homeBytes(rest, chunks) }, chunks);
    await putOrphanChunks(db, 'home_002', 400, 100);
    const items = await storageInventory(db);
    expect(items.map((i) => [i.id, i.sizeBytes])).toEqual([['home_001', homeBytes(rest, chunks)]]);
    db.close();
  });
});

/** Holds `runId`'s lock as another tab executing it would, until `release` is called. */
async function holdRun(locks: RunLocks, runId: string): Promise<{ release: () => void; done: Promise<void> }> {
  let release = (): void => undefined;
  let held = (): void => undefined;
  const acquired = new Promise<void>((resolve) => (held = resolve));
  const done = locks.request(homesRunLockName(runId), { ifAvailable: true }, async (lock) => {
    expect(lock).not.toBeNull();
    held();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await acquired;
  return { release: () => release(), done };
}

describe('the run record across tabs', () => {
  it('refuses to replace, resume over or discard a run another tab executes, and allows it once that tab is gone', async () => {
    const db = await freshDb();
    const locks = memoryRunLocks();
    await putHomesRun(db, runRecord({ done: [0] }), locks);
    const otherTab = await holdRun(locks, 'run-1');
    expect(await liveHomesRunIds(locks)).toEqual(new Set(['run-1']));
    // A stale tab: a new run, a resume with its old copy, a discard. Each is refused and changes nothing.
    await expect(putHomesRun(db, runRecord({ id: 'run-2' }), locks)).rejects.toBeInstanceOf(HomesRunBusyError);
    await expect(putHomesRun(db, runRecord({ done: [] }), locks)).rejects.toThrow(/going on in another tab/);
    await expect(deleteHomesRun(db, locks)).rejects.toBeInstanceOf(HomesRunBusyError);
    expect(await getHomesRun(db)).toMatchObject({ id: 'run-1', done: [0], status: 'running' });
    // The tab closed (its lock is released): the run is cut off and may be resumed or discarded.
    otherTab.release();
    await otherTab.done;
    expect(await liveHomesRunIds(locks)).toEqual(new Set());
    await putHomesRun(db, runRecord({ done: [0], updatedAt: 5 }), locks);
    expect((await getHomesRun(db))?.updatedAt).toBe(5);
    await deleteHomesRun(db, locks);
    expect(await getHomesRun(db)).toBeNull();
    db.close();
  });

  it('lets an executor claim only its own run while it is still running', async () => {
    const db = await freshDb();
    await expect(claimHomesRun(db, 'run-1')).rejects.toThrow(/discarded/);
    await putHomesRun(db, runRecord({ done: [1] }), null);
    expect((await claimHomesRun(db, 'run-1')).done).toEqual([1]);
    await expect(claimHomesRun(db, 'run-0')).rejects.toBeInstanceOf(HomesRunStaleError);
    await putHomesRun(db, runRecord({ status: 'completed', done: [0, 1] }), null);
    await expect(claimHomesRun(db, 'run-1')).rejects.toThrow(/already ended in another tab \(completed\)/);
    db.close();
  });

  it('writes nothing when a conditional update declines', async () => {
    const db = await freshDb();
    await putHomesRun(db, runRecord({ status: 'completed' }), null);
    const stored = await updateHomesRun(db, (r) => (r.status === 'running' ? { ...r, status: 'failed' } : r));
    expect(stored?.status).toBe('completed');
    expect((await getHomesRun(db))?.status).toBe('completed');
    db.close();
  });
});
