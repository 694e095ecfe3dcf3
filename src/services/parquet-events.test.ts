import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import type { HomeEvents } from '../domain/homes/event-buffer';
import type { Home } from '../domain/homes/home-schema';
import { PARQUET_HOMES_KEY, homeEventsParquetBlob } from './parquet-events';

const T0 = Date.UTC(2025, 0, 5, 6, 31, 12);
type EventHome = Pick<Home, 'id' | 'home_type' | 'source' | 'devices'>;

function home(id: string, homeType: Home['home_type']): EventHome {
  return {
    id,
    home_type: homeType,
    source: 'template',
    devices: [
      {
        entity_id: 'light.kitchen',
        name: 'Kitchen',
        domain: 'light',
        device_class: null,
        category: 'lighting',
        area: 'Kitchen',
        power: 'mains',
      },
      {
        entity_id: 'sensor.hall_temperature',
        name: 'Hall temperature',
        domain: 'sensor',
        device_class: 'temperature',
        category: 'climate',
        area: 'Hall',
        power: 'battery',
      },
    ],
  };
}

function events(rows: readonly [entity: number, state: string, time: number][]): HomeEvents {
  const states: string[] = [];
  const state = rows.map(([, s]) => {
    const i = states.indexOf(s);
    return i >= 0 ? i : states.push(s) - 1;
  });
  return {
    entityIndex: Uint16Array.from(rows.map(([e]) => e)),
    time: Float64Array.from(rows.map(([, , t]) => t)),
    state: Uint16Array.from(state),
    states,
  };
}

describe('home events Parquet', () => {
  it('writes one row per event with entity, domain, area and numeric state, homes sorted by id', async () => {
    const byId: Record<string, HomeEvents> = {
      home_002: events([
        [1, '21.5', T0],
        [0, 'on', T0 + 1000],
      ]),
      home_001: events([
        [0, 'on', T0 + 5],
        [0, 'off', T0 + 60_000],
        [1, 'unavailable', T0 + 90_000],
      ]),
    };
    const blob = await homeEventsParquetBlob(
      [home('home_002', 'condo'), home('home_001', 'studio')],
      async (id) => byId[id] ?? events([]),
      '{"homes":2}',
    );
    const file = await blob.arrayBuffer();
    expect(parquetMetadata(file).key_value_metadata).toContainEqual({ key: PARQUET_HOMES_KEY, value: '{"homes":2}' });
    const rows = await parquetReadObjects({ file });
    expect(rows.map((r) => ({ ...r, time: (r.time as Date).getTime() - T0 }))).toEqual([
      {
        home_id: 'home_001',
        home_type: 'studio',
        source: 'template',
        entity_id: 'light.kitchen',
        domain: 'light',
        area: 'Kitchen',
        time: 5,
        state: 'on',
        numeric_state: null,
      },
      {
        home_id: 'home_001',
        home_type: 'studio',
        source: 'template',
        entity_id: 'light.kitchen',
        domain: 'light',
        area: 'Kitchen',
        time: 60_000,
        state: 'off',
        numeric_state: null,
      },
      {
        home_id: 'home_001',
        home_type: 'studio',
        source: 'template',
        entity_id: 'sensor.hall_temperature',
        domain: 'sensor',
        area: 'Hall',
        time: 90_000,
        state: 'unavailable',
        numeric_state: null,
      },
      {
        home_id: 'home_002',
        home_type: 'condo',
        source: 'template',
        entity_id: 'sensor.hall_temperature',
        domain: 'sensor',
        area: 'Hall',
        time: 0,
        state: '21.5',
        numeric_state: 21.5,
      },
      {
        home_id: 'home_002',
        home_type: 'condo',
        source: 'template',
        entity_id: 'light.kitchen',
        domain: 'light',
        area: 'Kitchen',
        time: 1000,
        state: 'on',
        numeric_state: null,
      },
    ]);
  });
});
