import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { simulateHomeEvents } from '../domain/homes/event-simulator';
import { toOriginalHomeJson } from '../domain/homes/home-export';
import type { Home } from '../domain/homes/home-schema';
import { createRng } from '../domain/random';
import { buildSurveyHome } from '../domain/survey-homes/survey-homes';
import { openWorkbenchDb } from '../storage/db';
import { listHomes } from '../storage/homes-repo';
import { importHomeFiles } from './homes-import';

let n = 0;

function homeFile(index: number): File {
  const content = buildSurveyHome({ homeType: 'apartment', sizeCategory: 'small', index, rng: createRng(index) });
  const home: Home = {
    ...content,
    id: `home_00${index}`,
    source: 'survey',
    seed: index,
    created_at: '2025-03-01T00:00:00.000Z',
    llm: null,
  };
  const events = simulateHomeEvents(home, { startDate: '2025-03-03', days: 2, timeZone: 'Europe/Berlin', seed: index });
  return new File(
    [JSON.stringify(toOriginalHomeJson(home, events, '2025-03-05T00:00:00+00:00'))],
    `home_00${index}.json`,
  );
}

async function context() {
  const db = await openWorkbenchDb(`homes-import-worker-${n++}`);
  return { db, now: () => 1_750_000_000_000, yieldToEvents: async () => undefined };
}

describe('importHomeFiles', () => {
  it('stores every valid file as an imported home with its events read in the chosen zone', async () => {
    const ctx = await context();
    const result = await importHomeFiles(ctx, [homeFile(1), homeFile(2)], 'Europe/Berlin');
    expect(result.failed).toEqual([]);
    expect(result.imported.map((h) => [h.fileName, h.id, h.originalId, h.homeType])).toEqual([
      ['home_001.json', 'home_001', 'home_001', 'apartment'],
      ['home_002.json', 'home_002', 'home_002', 'apartment'],
    ]);
    const homes = await listHomes(ctx.db);
    expect(homes.map((h) => [h.source, h.timeZone, h.startDate, h.runId, h.eventCount > 0])).toEqual([
      ['imported', 'Europe/Berlin', '2025-03-03', 'import-1750000000000', true],
      ['imported', 'Europe/Berlin', '2025-03-03', 'import-1750000000000', true],
    ]);
    ctx.db.close();
  });

  it('stores nothing when any file is invalid, and names each bad file with its problems', async () => {
    const ctx = await context();
    const bad = new File(['{"home_type": "apartment"}'], 'broken.json');
    const result = await importHomeFiles(ctx, [homeFile(1), bad, new File(['nope'], 'notes.txt')], 'UTC');
    expect(result.imported).toEqual([]);
    expect(result.failed.map((f) => f.fileName)).toEqual(['broken.json', 'notes.txt']);
    expect(result.failed[0]?.problems.join(' ')).toMatch(/size_category/);
    expect(result.failed[1]?.problems[0]).toMatch(/^not valid JSON/);
    expect(await listHomes(ctx.db)).toEqual([]);
    ctx.db.close();
  });

  it('refuses an empty choice and an unknown time zone before reading anything', async () => {
    const ctx = await context();
    await expect(importHomeFiles(ctx, [], 'UTC')).rejects.toThrow(/at least one/);
    await expect(importHomeFiles(ctx, [homeFile(1)], 'Mars/Olympus')).rejects.toThrow(/not a time zone/);
    ctx.db.close();
  });
});
