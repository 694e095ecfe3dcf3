import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { buildSurveyHome } from '../survey-homes/survey-homes';
import { simulateHomeEvents } from './event-simulator';
import { toOriginalHomeJson } from './home-export';
import { parseHomeFile } from './home-import';
import type { Home } from './home-schema';

const content = buildSurveyHome({ homeType: 'condo', sizeCategory: 'medium', index: 4, rng: createRng(404) });
const home: Home = {
  ...content,
  id: 'home_004',
  source: 'survey',
  seed: 404,
  created_at: '2025-03-01T00:00:00.000Z',
  llm: null,
};
const events = simulateHomeEvents(home, { startDate: '2025-03-03', days: 5, timeZone: 'America/New_York', seed: 404 });
const file = (): ReturnType<typeof toOriginalHomeJson> => toOriginalHomeJson(home, events, '2025-03-10T12:00:00+00:00');

function problemsOf(text: string): string[] {
  const outcome = parseHomeFile('home_004.json', text, 'America/New_York');
  if (outcome.ok) throw new Error('expected the file to be refused');
  return outcome.problems;
}

describe('parseHomeFile', () => {
  it('reads an exported home back as an imported home with the same content and events', () => {
    const outcome = parseHomeFile('home_004.json', JSON.stringify(file()), 'America/New_York');
    if (!outcome.ok) throw new Error(outcome.problems.join('; '));
    const { imported } = outcome;
    expect(imported.home).toEqual({
      ...content,
      source: 'imported',
      seed: 404,
      created_at: home.created_at,
      llm: null,
    });
    expect(imported.originalId).toBe('home_004');
    expect(Array.from(imported.events.time)).toEqual(Array.from(events.time));
    expect(imported.events.time.length).toBeGreaterThan(100);
    // Simulated days run 04:00–04:00 local, so the last events fall on the morning after day 5.
    expect(imported.startDate).toBe('2025-03-03');
    expect([5, 6]).toContain(imported.days);
  });

  it('names the file problem: not JSON, a missing field with its path, a device in an unknown area', () => {
    expect(problemsOf('{"home_type": ')[0]).toMatch(/^not valid JSON/);
    const noHousehold = file() as unknown as { metadata: Record<string, unknown> };
    delete noHousehold.metadata.occupants;
    expect(problemsOf(JSON.stringify(noHousehold))).toEqual([
      expect.stringMatching(/^metadata\.occupants: .*original Python system/),
    ]);
    const badType = { ...file(), home_type: 'castle' };
    expect(problemsOf(JSON.stringify(badType))[0]).toMatch(/^home_type: /);
    const moved = file();
    const first = moved.devices[0];
    if (first !== undefined) first.area = 'Nowhere';
    expect(problemsOf(JSON.stringify(moved))[0]).toMatch(/is in unknown area "Nowhere"/);
    const badId = file();
    if (badId.devices[0] !== undefined) badId.devices[0].entity_id = 'Not An Id';
    expect(problemsOf(JSON.stringify(badId)).join(' ')).toMatch(/entity_id|unknown entity/);
  });

  it('sorts events a file lists out of order', () => {
    const shuffled = file();
    shuffled.events.reverse();
    const outcome = parseHomeFile('x.json', JSON.stringify(shuffled), 'UTC');
    if (!outcome.ok) throw new Error(outcome.problems.join('; '));
    expect(Array.from(outcome.imported.events.time)).toEqual(Array.from(events.time));
  });
});
