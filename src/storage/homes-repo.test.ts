import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { HomeEvents } from '../domain/homes/event-buffer';
import { sampleHome } from '../llm/openai-test-kit';
import { openWorkbenchDb } from './db';
import {
  chunksToEvents,
  deleteAllHomes,
  deleteHome,
  emptyRunTotals,
  eventsToChunks,
  getHome,
  getHomesRun,
  homeBytes,
  listHomes,
  nextHomeNumber,
  putHomesRun,
  readHomeEvents,
  saveHomeWithEvents,
  updateHomesRun,
  type HomesRunRecord,
} from './homes-repo';
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
    await saveHomeWithEvents(db, homeRecord('home_001', { chunkCount: 3 }), chunks, (r) => ({ ...r, done: [...r.done, 0] }));
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
    await saveHomeWithEvents(db, homeRecord('home_003'), eventsToChunks('home_003', events(5)), (r) => ({ ...r, done: [0] }));
    await expect(
      saveHomeWithEvents(db, homeRecord('home_003', { name: 'Other' }), eventsToChunks('home_003', events(9)), (r) => ({ ...r, done: [0, 1] })),
    ).rejects.toThrow(/home_003 already exists/);
    expect((await getHome(db, 'home_003'))?.name).toBe('Maple Row Townhouse');
    expect((await readHomeEvents(db, 'home_003'))?.time.length).toBe(5);
    expect((await getHomesRun(db))?.done).toEqual([0]);
    db.close();
  });

  it('fails without writing when the run to update is missing', async () => {
    const db = await freshDb();
    await expect(saveHomeWithEvents(db, homeRecord('home_001'), eventsToChunks('home_001', events(3)), (r) => r)).rejects.toThrow(/run record/);
    expect(await getHome(db, 'home_001')).toBeUndefined();
    expect(await readHomeEvents(db, 'home_001')).toBeNull();
    db.close();
  });

  it('lists in home-number order, numbers past the highest, deletes one or all with their events', async () => {
    const db = await freshDb();
    expect(await nextHomeNumber(db)).toBe(1);
    for (const id of ['home_010', 'home_002', 'home_001']) await saveHomeWithEvents(db, homeRecord(id), eventsToChunks(id, events(4)));
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
    expect(items).toEqual([{ store: 'homes', id: 'home_001', name: 'Maple Row Townhouse', sizeBytes: size, createdAt: 1000 }]);
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
