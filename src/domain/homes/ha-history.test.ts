import { describe, expect, it } from 'vitest';
import type { HomeEvents } from './event-buffer';
import { type HaEntity, type HaStateChangedEvent, haHistoryFileName, haHistoryPieces, haTimestamp } from './ha-history';

const T0 = Date.UTC(2025, 0, 5, 6, 31, 12);
const ENTITIES: HaEntity[] = [
  { entity_id: 'light.kitchen', name: 'Kitchen light' },
  { entity_id: 'binary_sensor.hall_motion', name: 'Hall motion' },
];

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

// A hand-made 3-event home.
const HOME = events([
  [0, 'on', T0],
  [1, 'on', T0 + 1500],
  [0, 'off', T0 + 60_000],
]);

const csv = (chunks: HomeEvents[], entities = ENTITIES): string =>
  [...haHistoryPieces(entities, chunks, 'csv')].join('');
const json = (chunks: HomeEvents[]): HaStateChangedEvent[] =>
  JSON.parse([...haHistoryPieces(ENTITIES, chunks, 'events-json')].join('')) as HaStateChangedEvent[];

describe('HA history CSV format', () => {
  it('writes the header and one row per state change, exactly as the frontend downloads it', () => {
    expect(csv([HOME])).toBe(
      'entity_id,state,last_changed\r\n' +
        'light.kitchen,on,2025-01-05T06:31:12.000Z\r\n' +
        'binary_sensor.hall_motion,on,2025-01-05T06:31:13.500Z\r\n' +
        'light.kitchen,off,2025-01-05T06:32:12.000Z\r\n',
    );
  });

  it('writes only the header for a home without events', () => {
    expect(csv([events([])])).toBe('entity_id,state,last_changed\r\n');
  });

  it('orders rows by time, then entity_id, also across chunks', () => {
    const text = csv([
      events([
        [1, 'a', T0],
        [0, 'x', T0 + 1000],
      ]),
      events([
        [1, 'b', T0 + 1000],
        [0, 'y', T0 + 2000],
      ]),
    ]);
    expect(text.split('\r\n').slice(1, -1)).toEqual([
      'binary_sensor.hall_motion,a,2025-01-05T06:31:12.000Z',
      'binary_sensor.hall_motion,b,2025-01-05T06:31:13.000Z',
      'light.kitchen,x,2025-01-05T06:31:13.000Z',
      'light.kitchen,y,2025-01-05T06:31:14.000Z',
    ]);
  });

  it('quotes a state holding a comma or a quote (RFC 4180)', () => {
    const text = csv([events([[0, 'Playing: "Song", Artist', T0]])]);
    expect(text).toBe(
      'entity_id,state,last_changed\r\nlight.kitchen,"Playing: ""Song"", Artist",2025-01-05T06:31:12.000Z\r\n',
    );
  });

  it('writes last_changed as ISO 8601 UTC with milliseconds and Z', () => {
    expect(haTimestamp(T0)).toBe('2025-01-05T06:31:12.000Z');
    expect(haTimestamp(T0 + 7)).toBe('2025-01-05T06:31:12.007Z');
    for (const line of csv([HOME]).split('\r\n').slice(1, -1))
      expect(line).toMatch(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('rejects an event naming a device the home does not have', () => {
    expect(() => csv([events([[5, 'on', T0]])])).toThrow(/names device 5/);
  });

  it('names the files after the home', () => {
    expect(haHistoryFileName('home_007', 'csv')).toBe('home_007_history.csv');
    expect(haHistoryFileName('home_007', 'events-json')).toBe('home_007_events.json');
  });
});

describe('HA state_changed event JSON', () => {
  it('writes one state_changed event per change, chaining old_state per entity', () => {
    const list = json([HOME]);
    expect(list).toHaveLength(3);
    expect(list[0]).toEqual({
      event_type: 'state_changed',
      time_fired: '2025-01-05T06:31:12.000Z',
      origin: 'LOCAL',
      data: {
        entity_id: 'light.kitchen',
        old_state: null,
        new_state: {
          entity_id: 'light.kitchen',
          state: 'on',
          last_changed: '2025-01-05T06:31:12.000Z',
          attributes: { friendly_name: 'Kitchen light' },
        },
      },
    });
    expect(list[1]?.data.old_state).toBeNull();
    expect(list[1]?.data.new_state.attributes.friendly_name).toBe('Hall motion');
    expect(list[2]?.data.old_state).toEqual({
      entity_id: 'light.kitchen',
      state: 'on',
      last_changed: '2025-01-05T06:31:12.000Z',
    });
    expect(list[2]?.data.new_state.state).toBe('off');
  });

  it('chains across chunks and gives the same events however the home is chunked', () => {
    const whole = json([HOME]);
    const split = json([
      events([[0, 'on', T0]]),
      events([
        [1, 'on', T0 + 1500],
        [0, 'off', T0 + 60_000],
      ]),
    ]);
    expect(split).toEqual(whole);
  });

  it('is an empty array for a home without events', () => {
    expect(json([events([])])).toEqual([]);
  });
});
