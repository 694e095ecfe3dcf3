import { describe, expect, it } from 'vitest';
import { activityHeatmap, eventCountsByDomain, eventsPerDay } from './activity';
import type { HomeEvents } from './event-buffer';
import type { Device } from './home-schema';

const devices: Pick<Device, 'domain'>[] = [{ domain: 'light' }, { domain: 'lock' }, { domain: 'light' }];
// Monday 2025-03-03 07:30 and 23:30 in New York (UTC−5), Tuesday 00:10, and Thursday 12:00.
const times = [
  Date.UTC(2025, 2, 3, 12, 30),
  Date.UTC(2025, 2, 4, 4, 30),
  Date.UTC(2025, 2, 4, 5, 10),
  Date.UTC(2025, 2, 6, 17, 0),
];
const events: HomeEvents = {
  entityIndex: Uint16Array.from([0, 1, 2, 0]),
  time: Float64Array.from(times),
  state: Uint16Array.from([0, 0, 0, 0]),
  states: ['on'],
};

describe('activity aggregates', () => {
  it('counts events by local weekday and hour', () => {
    const map = activityHeatmap(events, 'America/New_York');
    expect(map).toHaveLength(168);
    const cell = (weekday: number, hour: number): number | undefined => map[weekday * 24 + hour];
    expect(cell(0, 7)).toBe(1);
    expect(cell(0, 23)).toBe(1);
    expect(cell(1, 0)).toBe(1);
    expect(cell(3, 12)).toBe(1);
    expect(map.reduce((a, b) => a + b, 0)).toBe(4);
    // In UTC the same events fall on other cells.
    expect(activityHeatmap(events, 'UTC')[1 * 24 + 4]).toBe(1);
  });

  it('counts events per domain, every domain present', () => {
    const counts = eventCountsByDomain({ devices: devices as Device[] }, events);
    expect(counts.light).toBe(3);
    expect(counts.lock).toBe(1);
    expect(counts.vacuum).toBe(0);
  });

  it('gives a per-day series in local dates with empty days as zero', () => {
    expect(eventsPerDay(events, 'America/New_York')).toEqual({
      dates: ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06'],
      counts: Uint32Array.from([2, 1, 0, 1]),
    });
    expect(eventsPerDay({ time: new Float64Array(0) }, 'UTC')).toEqual({ dates: [], counts: new Uint32Array(0) });
  });
});
