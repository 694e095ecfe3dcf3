import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { HomeEvents } from '../domain/homes/event-buffer';
import { sampleHome } from '../llm/openai-test-kit';
import { openWorkbenchDb } from './db';
import { saveImportedHomes, type ImportedHomeRecord } from './homes-import-repo';
import { emptyRunTotals, listHomes, putHomesRun, readHomeEvents, saveHomeWithEvents } from './homes-repo';
import type { HomeRecord } from './records';

let n = 0;
const freshDb = () => openWorkbenchDb(`homes-import-${n++}`);

const events: HomeEvents = {
  entityIndex: Uint16Array.from([0, 1, 0]),
  time: Float64Array.from([1_700_000_000_000, 1_700_000_060_000, 1_700_000_120_000]),
  state: Uint16Array.from([0, 1, 1]),
  states: ['on', 'off'],
};

function item(name: string): ImportedHomeRecord {
  return {
    home: {
      ...sampleHome({ name }),
      source: 'imported',
      seed: 3,
      created_at: '2025-01-01T00:00:00.000Z',
      llm: null,
      createdAt: 5,
      runId: 'import-5',
      timeZone: 'UTC',
      startDate: '2023-11-14',
      days: 1,
      eventCount: 3,
      costUsd: null,
    },
    events,
  };
}

function stored(id: string): HomeRecord {
  return { ...item('Stored').home, id, planIndex: 0, chunkCount: 1, sizeBytes: 10, source: 'template' };
}

describe('saveImportedHomes', () => {
  it('numbers imported homes after stored homes and after the numbers the stored run reserves', async () => {
    const db = await freshDb();
    await saveHomeWithEvents(db, stored('home_002'), []);
    expect(await saveImportedHomes(db, [item('A'), item('B')])).toEqual(['home_003', 'home_004']);
    await putHomesRun(
      db,
      {
        id: 'run-1',
        source: 'survey',
        seed: 1,
        firstNumber: 5,
        days: 1,
        startDate: '2025-01-01',
        timeZone: 'UTC',
        llm: null,
        plan: [0, 1, 2].map((index) => ({ index, homeType: 'studio' as const, sizeCategory: 'small' as const })),
        status: 'cancelled',
        message: null,
        done: [0],
        skipped: [],
        totals: emptyRunTotals(),
        createdAt: 1,
        updatedAt: 1,
      },
      null,
    );
    expect(await saveImportedHomes(db, [item('C')])).toEqual(['home_008']);
    const homes = await listHomes(db);
    expect(homes.map((h) => [h.id, h.name, h.source, h.planIndex])).toEqual([
      ['home_002', 'Stored', 'template', 0],
      ['home_003', 'A', 'imported', 0],
      ['home_004', 'B', 'imported', 1],
      ['home_008', 'C', 'imported', 0],
    ]);
    expect(Array.from((await readHomeEvents(db, 'home_004'))?.time ?? [])).toEqual(Array.from(events.time));
    db.close();
  });

  it('stores all homes of a batch or none', async () => {
    const db = await freshDb();
    const broken = item('Broken');
    // A value IndexedDB cannot store fails the second write: the first must not stay behind.
    broken.home = { ...broken.home, llm: (() => null) as unknown as HomeRecord['llm'] };
    await expect(saveImportedHomes(db, [item('Fine'), broken])).rejects.toThrow();
    expect(await listHomes(db)).toEqual([]);
    expect(await readHomeEvents(db, 'home_001')).toBeNull();
    db.close();
  });
});
