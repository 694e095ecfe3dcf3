import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { simulateHomeEvents } from './event-simulator';
import type { HomeEvents } from './event-buffer';
import {
  fromOriginalHomeJson,
  homeFileName,
  homeId,
  homeIndexFromId,
  homeJsonChunks,
  isoTimestamp,
  summaryJson,
  toOriginalHomeJson,
} from './home-export';
import type { Home } from './home-schema';
import { buildTemplateHome } from './template-homes';

const content = buildTemplateHome({ homeType: 'townhouse', sizeCategory: 'small', index: 7, rng: createRng(77) });
const home: Home = {
  ...content,
  id: 'home_007',
  source: 'template',
  seed: 77,
  created_at: '2025-03-01T00:00:00.000Z',
  llm: null,
};
const events = simulateHomeEvents(home, { startDate: '2025-03-03', days: 7, timeZone: 'America/New_York', seed: 77 });
const generatedAt = '2025-03-10T12:00:00+00:00';

describe('file names and ids', () => {
  it('numbers homes as the original did', () => {
    expect(homeFileName(1)).toBe('home_001.json');
    expect(homeFileName(42)).toBe('home_042.json');
    expect(homeFileName(1234)).toBe('home_1234.json');
    expect(homeId(7)).toBe('home_007');
    expect(homeIndexFromId('home_007')).toBe(7);
    expect(() => homeIndexFromId('casa')).toThrow(/number/);
    expect(() => homeFileName(-1)).toThrow();
  });

  it('writes timestamps as ISO-8601 with +00:00', () => {
    expect(isoTimestamp(Date.UTC(2025, 2, 3, 5, 6, 7))).toBe('2025-03-03T05:06:07+00:00');
    expect(isoTimestamp(Date.UTC(2025, 2, 3, 5, 6, 7, 250))).toBe('2025-03-03T05:06:07.250+00:00');
  });
});

describe('toOriginalHomeJson', () => {
  const json = toOriginalHomeJson(home, events, generatedAt);

  it('has the original keys in the original order and device and event objects as the original', () => {
    expect(Object.keys(json)).toEqual([
      'home_type',
      'size_category',
      'home_index',
      'home_id',
      'metadata',
      'generated_at',
      'areas',
      'devices',
      'events',
    ]);
    expect(json.home_index).toBe(7);
    expect(json.home_id).toBe('home_007');
    const d = home.devices[0];
    expect(json.devices[0]).toEqual({
      entity_id: d?.entity_id,
      device_type: d?.domain,
      name: d?.name,
      area: d?.area,
      category: d?.category,
      device_class: d?.device_class,
    });
    expect(json.events).toHaveLength(events.time.length);
    const e = json.events[0];
    const dev = home.devices[events.entityIndex[0] ?? 0];
    expect(e).toEqual({
      event_type: 'state_changed',
      entity_id: dev?.entity_id,
      state: events.states[events.state[0] ?? 0],
      timestamp: isoTimestamp(events.time[0] ?? 0),
      attributes: { device_type: dev?.domain, area: dev?.area, device_class: dev?.device_class },
    });
    expect(e?.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
  });

  it('rejects events that name devices the home does not have', () => {
    const bad: HomeEvents = {
      ...events,
      entityIndex: Uint16Array.from([home.devices.length]),
      time: Float64Array.from([0]),
      state: Uint16Array.from([0]),
    };
    expect(() => toOriginalHomeJson(home, bad, generatedAt)).toThrow(/names device/);
  });

  it('streams in chunks whose concatenation is exactly JSON.stringify of the object', () => {
    const pieces = [...homeJsonChunks(home, events, generatedAt, 500)];
    expect(pieces.length).toBe(Math.ceil(events.time.length / 500) + 2);
    expect(pieces.join('')).toBe(JSON.stringify(json));
    const empty: HomeEvents = {
      entityIndex: new Uint16Array(0),
      time: new Float64Array(0),
      state: new Uint16Array(0),
      states: [],
    };
    expect([...homeJsonChunks(home, empty, generatedAt)].join('')).toBe(
      JSON.stringify(toOriginalHomeJson(home, empty, generatedAt)),
    );
  });

  it('reads back into the same home and events', () => {
    const back = fromOriginalHomeJson(JSON.parse([...homeJsonChunks(home, events, generatedAt)].join('')));
    expect(back.home).toEqual(home);
    expect(Array.from(back.events.time)).toEqual(Array.from(events.time));
    expect(Array.from(back.events.entityIndex)).toEqual(Array.from(events.entityIndex));
    const states = (e: HomeEvents): string[] => Array.from(e.state, (s) => e.states[s] ?? '');
    expect(states(back.events)).toEqual(states(events));
    expect(() => fromOriginalHomeJson({ ...json, events: [{ ...json.events[0], entity_id: 'light.nope' }] })).toThrow(
      /unknown entity/,
    );
  });
});

describe('summaryJson', () => {
  it('counts homes by type and size in the canonical orders', () => {
    const homes = [
      { home_type: 'studio', size_category: 'small' },
      { home_type: 'apartment', size_category: 'medium' },
      { home_type: 'studio', size_category: 'medium' },
    ] as const;
    expect(summaryJson(homes, generatedAt)).toEqual({
      total_homes: 3,
      home_types: { apartment: 1, studio: 2 },
      size_categories: { small: 1, medium: 2 },
      generated_at: generatedAt,
    });
    expect(Object.keys(summaryJson(homes, generatedAt).home_types)).toEqual(['apartment', 'studio']);
  });
});
