import { z } from 'zod';
import { HOME_TYPES } from '../home-types';
import type { HomeEvents } from './event-buffer';
import {
  DEVICE_CATEGORIES,
  DEVICE_DOMAINS,
  type Home,
  SIZE_CATEGORIES,
  areaSchema,
  homeSourceSchema,
  occupantSchema,
} from './home-schema';

/**
 * The original per-home file format (§6.6), with the later `home_id` key, written from the columnar
 * events. Device objects carry exactly the original fields; what the original format has no place for
 * (household, power source, provenance) goes under `metadata`, so a file reads back into the same home.
 */

/** One device object of the original format. */
export interface OriginalDevice {
  entity_id: string;
  /** The Home Assistant domain, as the original's device_type was. */
  device_type: string;
  name: string;
  area: string;
  category: string;
  device_class: string | null;
}

/** One event object of the original format. */
export interface OriginalEvent {
  event_type: 'state_changed';
  entity_id: string;
  state: string;
  /** ISO-8601 UTC with "+00:00", as Python's isoformat wrote it. */
  timestamp: string;
  attributes: { device_type: string; area: string; device_class: string | null };
}

/** `metadata` of an exported home: what the original format has no other place for. */
export interface OriginalHomeMetadata {
  name: string;
  description: string;
  source: Home['source'];
  seed: number;
  created_at: string;
  llm: Home['llm'];
  occupants: Home['occupants'];
  device_power: Record<string, 'battery' | 'mains'>;
}

/** One home file in the original format (`home_NNN.json`). */
export interface OriginalHomeJson {
  home_type: string;
  size_category: string;
  home_index: number;
  home_id: string;
  metadata: OriginalHomeMetadata;
  generated_at: string;
  areas: { name: string; type: 'indoor' | 'outdoor'; floor: number }[];
  devices: OriginalDevice[];
  events: OriginalEvent[];
}

/** "home_001.json" for index 1 (three digits at least, as the original's `home_NNN`). */
export function homeFileName(index: number): string {
  return `${homeId(index)}.json`;
}

/** "home_001" for index 1. */
export function homeId(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new Error(`a home index is a non-negative integer, got ${index}`);
  return `home_${String(index).padStart(3, '0')}`;
}

/** The number in an id like "home_007" (7). Throws for ids without a trailing number. */
export function homeIndexFromId(id: string): number {
  const m = /(\d+)$/.exec(id);
  if (m === null) throw new Error(`home id "${id}" does not end in a number`);
  return Number(m[1]);
}

/** ISO-8601 UTC with "+00:00"; milliseconds only when not zero. */
export function isoTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? `${iso.slice(0, 19)}+00:00` : `${iso.slice(0, 23)}+00:00`;
}

/**
 * isoTimestamp for sorted streams: the date part is formatted once per UTC day and the clock part by
 * arithmetic, which makes exporting a large home several times faster than `toISOString` per event.
 */
function timestampFormatter(): (ms: number) => string {
  let dayStart = Number.NaN;
  let prefix = '';
  const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return (ms) => {
    if (ms % 1000 !== 0) return isoTimestamp(ms);
    const day = Math.floor(ms / 86_400_000) * 86_400_000;
    if (day !== dayStart) {
      dayStart = day;
      prefix = new Date(day).toISOString().slice(0, 11);
    }
    const sec = (ms - day) / 1000;
    return `${prefix}${two(Math.floor(sec / 3600))}:${two(Math.floor(sec / 60) % 60)}:${two(sec % 60)}+00:00`;
  };
}

function header(home: Home, generatedAt: string): Omit<OriginalHomeJson, 'events'> {
  return {
    home_type: home.home_type,
    size_category: home.size_category,
    home_index: homeIndexFromId(home.id),
    home_id: home.id,
    metadata: {
      name: home.name,
      description: home.description,
      source: home.source,
      seed: home.seed,
      created_at: home.created_at,
      llm: home.llm,
      occupants: home.occupants,
      device_power: Object.fromEntries(home.devices.map((d) => [d.entity_id, d.power])),
    },
    generated_at: generatedAt,
    areas: home.areas.map((a) => ({ name: a.name, type: a.type, floor: a.floor })),
    devices: home.devices.map((d) => ({
      entity_id: d.entity_id,
      device_type: d.domain,
      name: d.name,
      area: d.area,
      category: d.category,
      device_class: d.device_class,
    })),
  };
}

function checkEvents(home: Home, events: HomeEvents): void {
  const n = events.time.length;
  if (events.entityIndex.length !== n || events.state.length !== n) throw new Error('event columns differ in length');
  for (let i = 0; i < n; i++) {
    if ((events.entityIndex[i] ?? 0) >= home.devices.length)
      throw new Error(`event ${i} names device ${events.entityIndex[i]}, the home has ${home.devices.length}`);
    if ((events.state[i] ?? 0) >= events.states.length) throw new Error(`event ${i} has an unknown state index`);
  }
}

/** One home in the original format as a plain object (fine for small homes; see homeJsonChunks for large). */
export function toOriginalHomeJson(home: Home, events: HomeEvents, generatedAt: string): OriginalHomeJson {
  checkEvents(home, events);
  const list: OriginalEvent[] = [];
  const timestamp = timestampFormatter();
  for (let i = 0; i < events.time.length; i++) {
    const d = home.devices[events.entityIndex[i] ?? 0];
    if (d === undefined) continue;
    list.push({
      event_type: 'state_changed',
      entity_id: d.entity_id,
      state: events.states[events.state[i] ?? 0] ?? 'unknown',
      timestamp: timestamp(events.time[i] ?? 0),
      attributes: { device_type: d.domain, area: d.area, device_class: d.device_class },
    });
  }
  return { ...header(home, generatedAt), events: list };
}

/**
 * The same JSON text as `JSON.stringify(toOriginalHomeJson(...))`, in pieces of about `eventsPerChunk`
 * events, without building the event objects: per-device and per-state fragments are serialised once.
 */
export function* homeJsonChunks(
  home: Home,
  events: HomeEvents,
  generatedAt: string,
  eventsPerChunk = 2000,
): Generator<string> {
  checkEvents(home, events);
  const head = JSON.stringify(header(home, generatedAt));
  yield `${head.slice(0, -1)},"events":[`;
  const prefix = home.devices.map(
    (d) => `{"event_type":"state_changed","entity_id":${JSON.stringify(d.entity_id)},"state":`,
  );
  const suffix = home.devices.map(
    (d) => `","attributes":${JSON.stringify({ device_type: d.domain, area: d.area, device_class: d.device_class })}}`,
  );
  const stateJson = events.states.map((s) => `${JSON.stringify(s)},"timestamp":"`);
  const n = events.time.length;
  const size = Math.max(1, Math.floor(eventsPerChunk));
  const timestamp = timestampFormatter();
  for (let from = 0; from < n; from += size) {
    const parts: string[] = [];
    const to = Math.min(n, from + size);
    for (let i = from; i < to; i++) {
      const e = events.entityIndex[i] ?? 0;
      parts.push(
        `${prefix[e] ?? ''}${stateJson[events.state[i] ?? 0] ?? ''}${timestamp(events.time[i] ?? 0)}${suffix[e] ?? ''}`,
      );
    }
    yield from === 0 ? parts.join(',') : `,${parts.join(',')}`;
  }
  yield ']}';
}

/** `summary.json` of a run: counts by home type and size category (in the canonical orders). */
export function summaryJson(
  homes: readonly Pick<Home, 'home_type' | 'size_category'>[],
  generatedAt: string,
): {
  total_homes: number;
  home_types: Record<string, number>;
  size_categories: Record<string, number>;
  generated_at: string;
} {
  const homeTypes: Record<string, number> = {};
  for (const t of HOME_TYPES) {
    const n = homes.filter((h) => h.home_type === t).length;
    if (n > 0) homeTypes[t] = n;
  }
  const sizes: Record<string, number> = {};
  for (const s of SIZE_CATEGORIES) {
    const n = homes.filter((h) => h.size_category === s).length;
    if (n > 0) sizes[s] = n;
  }
  return { total_homes: homes.length, home_types: homeTypes, size_categories: sizes, generated_at: generatedAt };
}

const originalHomeSchema = z.object({
  home_type: z.enum(HOME_TYPES),
  size_category: z.enum(SIZE_CATEGORIES),
  home_index: z.number().int().nonnegative(),
  home_id: z.string().min(1),
  metadata: z.object({
    name: z.string().min(1).max(80),
    description: z.string().max(500),
    source: homeSourceSchema,
    seed: z.number(),
    created_at: z.string(),
    llm: z
      .object({
        model: z.string(),
        request_id: z.string().nullable(),
        input_tokens: z.number(),
        output_tokens: z.number(),
      })
      .nullable(),
    occupants: z.array(occupantSchema).min(1).max(8),
    device_power: z.record(z.string(), z.enum(['battery', 'mains'])),
  }),
  generated_at: z.string(),
  areas: z.array(areaSchema).min(1).max(40),
  devices: z
    .array(
      z.object({
        entity_id: z.string(),
        device_type: z.enum(DEVICE_DOMAINS),
        name: z.string(),
        area: z.string(),
        category: z.enum(DEVICE_CATEGORIES),
        device_class: z.string().nullable(),
      }),
    )
    .min(1)
    .max(150),
  events: z.array(
    z.object({
      event_type: z.literal('state_changed'),
      entity_id: z.string(),
      state: z.string(),
      timestamp: z.string(),
      attributes: z.object({ device_type: z.string(), area: z.string(), device_class: z.string().nullable() }),
    }),
  ),
});

/**
 * Reads a file written by this module back into a home and its columnar events (validated with zod;
 * throws with the first problem). Files of the original Python system lack `metadata.occupants` and
 * fail here on purpose: they cannot be simulated again.
 */
export function fromOriginalHomeJson(json: unknown): { home: Home; events: HomeEvents } {
  const file = originalHomeSchema.parse(json);
  const m = file.metadata;
  const home: Home = {
    id: file.home_id,
    name: m.name,
    home_type: file.home_type,
    size_category: file.size_category,
    description: m.description,
    occupants: m.occupants,
    areas: file.areas,
    devices: file.devices.map((d) => ({
      entity_id: d.entity_id,
      name: d.name,
      domain: d.device_type,
      device_class: d.device_class,
      category: d.category,
      area: d.area,
      power: m.device_power[d.entity_id] ?? 'mains',
    })),
    source: m.source,
    seed: m.seed,
    created_at: m.created_at,
    llm: m.llm,
  };
  const byId = new Map(home.devices.map((d, i) => [d.entity_id, i]));
  const stateIndex = new Map<string, number>();
  const states: string[] = [];
  const n = file.events.length;
  const entityIndex = new Uint16Array(n);
  const time = new Float64Array(n);
  const state = new Uint16Array(n);
  file.events.forEach((e, i) => {
    const d = byId.get(e.entity_id);
    if (d === undefined) throw new Error(`event ${i} names unknown entity ${e.entity_id}`);
    const t = Date.parse(e.timestamp);
    if (Number.isNaN(t)) throw new Error(`event ${i} has an unreadable timestamp "${e.timestamp}"`);
    let s = stateIndex.get(e.state);
    if (s === undefined) {
      s = states.length;
      states.push(e.state);
      stateIndex.set(e.state, s);
    }
    entityIndex[i] = d;
    time[i] = t;
    state[i] = s;
  });
  return { home, events: { entityIndex, time, state, states } };
}
