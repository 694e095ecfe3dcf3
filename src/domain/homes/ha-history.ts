import { csvLine } from '../csv';
import type { HomeEvents } from './event-buffer';

/**
 * Home Assistant history exports of a home's events: the history CSV HA's frontend downloads
 * ("Download data": `entity_id,state,last_changed`) and the `state_changed` event JSON of the event bus.
 * Written in pieces, one input chunk at a time: memory holds one chunk, the entities' last states and
 * the events of one instant that may continue in the next chunk.
 */

export type HaHistoryFormat = 'csv' | 'events-json';

/** What the exports need of a device. */
export interface HaEntity {
  entity_id: string;
  /** The friendly name. */
  name: string;
}

export interface HaStateChangedEvent {
  event_type: 'state_changed';
  time_fired: string;
  origin: 'LOCAL';
  data: {
    entity_id: string;
    old_state: { entity_id: string; state: string; last_changed: string } | null;
    new_state: { entity_id: string; state: string; last_changed: string; attributes: { friendly_name: string } };
  };
}

export const HA_HISTORY_CSV_HEADER = 'entity_id,state,last_changed';

/** ISO 8601 UTC with milliseconds and `Z`, as the frontend's `toISOString` writes it. */
export function haTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

interface Row {
  entity: number;
  state: string;
  time: number;
}

/** A push writer: `write` each chunk (time-ascending across chunks), then `end`; each returns text to append. */
export interface HaHistoryWriter {
  write(chunk: HomeEvents): string;
  end(): string;
}

export function createHaHistoryWriter(entities: readonly HaEntity[], format: HaHistoryFormat): HaHistoryWriter {
  // Ties (same instant) are ordered by entity_id, then by their order in the events.
  const order = entities
    .map((_, i) => i)
    .sort((a, b) => {
      const x = entities[a]?.entity_id ?? '';
      const y = entities[b]?.entity_id ?? '';
      return x < y ? -1 : x > y ? 1 : a - b;
    });
  const rank = new Uint32Array(entities.length);
  order.forEach((e, r) => (rank[e] = r));
  const last: ({ state: string; time: string } | null)[] = entities.map(() => null);
  let pending: Row[] = [];
  let started = false;
  let wroteEvent = false;

  function start(): string {
    if (started) return '';
    started = true;
    return format === 'csv' ? `${HA_HISTORY_CSV_HEADER}\r\n` : '[';
  }

  function render(rows: readonly Row[]): string {
    const parts: string[] = [];
    for (const r of rows) {
      const entity = entities[r.entity];
      if (entity === undefined) continue;
      const changed = haTimestamp(r.time);
      if (format === 'csv') {
        parts.push(csvLine([entity.entity_id, r.state, changed]));
        continue;
      }
      const prev = last[r.entity] ?? null;
      const event: HaStateChangedEvent = {
        event_type: 'state_changed',
        time_fired: changed,
        origin: 'LOCAL',
        data: {
          entity_id: entity.entity_id,
          old_state: prev === null ? null : { entity_id: entity.entity_id, state: prev.state, last_changed: prev.time },
          new_state: {
            entity_id: entity.entity_id,
            state: r.state,
            last_changed: changed,
            attributes: { friendly_name: entity.name },
          },
        },
      };
      last[r.entity] = { state: r.state, time: changed };
      parts.push(`${wroteEvent ? ',' : ''}\n${JSON.stringify(event)}`);
      wroteEvent = true;
    }
    return parts.join('');
  }

  return {
    write(chunk) {
      const n = chunk.time.length;
      if (chunk.entityIndex.length !== n || chunk.state.length !== n) throw new Error('event columns differ in length');
      const rows = pending;
      for (let i = 0; i < n; i++) {
        const entity = chunk.entityIndex[i] ?? 0;
        if (entity >= entities.length)
          throw new Error(`event ${i} names device ${entity}, the home has ${entities.length}`);
        const state = chunk.states[chunk.state[i] ?? 0];
        if (state === undefined) throw new Error(`event ${i} has an unknown state index`);
        rows.push({ entity, state, time: chunk.time[i] ?? 0 });
      }
      // Stable sort: by time, then entity_id, then the events' own order.
      rows.sort((a, b) => a.time - b.time || (rank[a.entity] ?? 0) - (rank[b.entity] ?? 0));
      // The last instant may go on in the next chunk: keep it back.
      let cut = rows.length;
      const lastTime = rows[rows.length - 1]?.time;
      while (cut > 0 && rows[cut - 1]?.time === lastTime) cut--;
      pending = rows.slice(cut);
      return start() + render(rows.slice(0, cut));
    },
    end() {
      const text = start() + render(pending);
      pending = [];
      return format === 'csv' ? text : `${text}${wroteEvent ? '\n' : ''}]\n`;
    },
  };
}

/** The whole export of a home's event chunks, in pieces (one per chunk, plus the end). */
export function* haHistoryPieces(
  entities: readonly HaEntity[],
  chunks: Iterable<HomeEvents>,
  format: HaHistoryFormat,
): Generator<string> {
  const writer = createHaHistoryWriter(entities, format);
  for (const chunk of chunks) yield writer.write(chunk);
  yield writer.end();
}

/** `home_001_history.csv` / `home_001_events.json` for `home_001`. */
export function haHistoryFileName(homeId: string, format: HaHistoryFormat): string {
  const base = homeId.replace(/[^A-Za-z0-9_-]+/g, '_');
  return format === 'csv' ? `${base}_history.csv` : `${base}_events.json`;
}
