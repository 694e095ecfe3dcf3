import type { HomeEvents } from '../domain/homes/event-buffer';
import type { HomeEventsChunkRecord } from './records';

// Columnar home events ⇄ stored chunks (pure: no database access).

/** Events per stored chunk: ~600 kB of columns, so most homes are one or two chunks. */
export const HOME_EVENTS_PER_CHUNK = 50_000;

/**
 * Splits columnar events into self-contained chunks, each with its own small state table (a home that
 * fits one chunk keeps its arrays and table as they are). Always at least one chunk, so a home without
 * events still reads back as "stored, empty".
 */
export function eventsToChunks(
  homeId: string,
  events: HomeEvents,
  perChunk: number = HOME_EVENTS_PER_CHUNK,
): HomeEventsChunkRecord[] {
  const n = events.time.length;
  const size = Math.max(1, Math.floor(perChunk));
  // Most homes fit one chunk: store their columns as they are, without copying or remapping states.
  if (n <= size)
    return [
      {
        homeId,
        index: 0,
        entityIndex: events.entityIndex,
        time: events.time,
        state: events.state,
        states: events.states,
      },
    ];
  const chunks: HomeEventsChunkRecord[] = [];
  const count = Math.ceil(n / size);
  for (let index = 0; index < count; index++) {
    const from = index * size;
    const to = Math.min(n, from + size);
    const local = new Map<number, number>();
    const states: string[] = [];
    const state = new Uint16Array(to - from);
    for (let i = from; i < to; i++) {
      const global = events.state[i] ?? 0;
      let s = local.get(global);
      if (s === undefined) {
        s = states.length;
        states.push(events.states[global] ?? 'unknown');
        local.set(global, s);
      }
      state[i - from] = s;
    }
    chunks.push({
      homeId,
      index,
      entityIndex: events.entityIndex.slice(from, to),
      time: events.time.slice(from, to),
      state,
      states,
    });
  }
  return chunks;
}

/** Joins chunks (in index order) back into one home's columnar events with one state table. */
export function chunksToEvents(chunks: readonly HomeEventsChunkRecord[]): HomeEvents {
  const ordered = [...chunks].sort((a, b) => a.index - b.index);
  const n = ordered.reduce((s, c) => s + c.time.length, 0);
  const entityIndex = new Uint16Array(n);
  const time = new Float64Array(n);
  const state = new Uint16Array(n);
  const states: string[] = [];
  const byText = new Map<string, number>();
  let offset = 0;
  for (const c of ordered) {
    const remap = c.states.map((text) => {
      let s = byText.get(text);
      if (s === undefined) {
        s = states.length;
        states.push(text);
        byText.set(text, s);
      }
      return s;
    });
    entityIndex.set(c.entityIndex, offset);
    time.set(c.time, offset);
    for (let i = 0; i < c.state.length; i++) state[offset + i] = remap[c.state[i] ?? 0] ?? 0;
    offset += c.time.length;
  }
  return { entityIndex, time, state, states };
}
