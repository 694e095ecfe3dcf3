import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import type { Occupant } from './home-schema';
import {
  DAY_END,
  DAY_START,
  activeCount,
  combineHousehold,
  frameMinutes,
  isAwayAllDay,
  planOccupantDay,
} from './occupancy';

const commuter: Occupant = {
  name: 'A',
  role: 'adult',
  works_from_home: false,
  weekday: { wake: '06:30', leave: '07:30', return: '17:30', sleep: '23:00' },
  weekend: { wake: '08:30', leave: null, return: null, sleep: '00:30' },
};
const remote: Occupant = {
  name: 'B',
  role: 'adult',
  works_from_home: true,
  weekday: { wake: '07:30', leave: null, return: null, sleep: '23:30' },
  weekend: { wake: '08:30', leave: null, return: null, sleep: '23:30' },
};
const visitor: Occupant = {
  name: 'C',
  role: 'senior',
  works_from_home: false,
  weekday: { wake: '08:00', leave: '00:00', return: '00:00', sleep: '22:00' },
  weekend: { wake: '08:00', leave: null, return: null, sleep: '22:00' },
};

describe('planOccupantDay', () => {
  it('reads times after midnight as the same evening', () => {
    expect(frameMinutes('00:30')).toBe(1470);
    expect(frameMinutes('05:00')).toBe(300);
    expect(isAwayAllDay(visitor.weekday)).toBe(true);
    expect(isAwayAllDay(commuter.weekday)).toBe(false);
  });

  it('plans a commuter weekday with one departure and one return near the schedule', () => {
    const rng = createRng(1);
    let withTrip = 0;
    for (let k = 0; k < 50; k++) {
      const d = planOccupantDay(commuter, false, false, false, rng);
      expect(d.wakesHome && d.sleepsHome).toBe(true);
      if (d.departures.length === 0) continue;
      withTrip++;
      expect(d.departures).toHaveLength(1);
      expect(Math.abs((d.departures[0] ?? 0) - 450)).toBeLessThan(45);
      expect(Math.abs((d.returns[0] ?? 0) - 1050)).toBeLessThan(75);
      expect(d.active[0]).toBeCloseTo(d.wake, 6);
    }
    // Mostly at work, with the odd sick day.
    expect(withTrip).toBeGreaterThan(40);
    expect(withTrip).toBeLessThan(50);
  });

  it('keeps a weekend late night inside the simulated day', () => {
    const d = planOccupantDay(commuter, true, false, false, createRng(2));
    expect(d.sleep).toBeGreaterThan(1440);
    expect(d.sleep).toBeLessThan(DAY_END);
  });

  it('handles a weekend cottage: away on weekdays, arriving and leaving around the weekend', () => {
    const rng = createRng(3);
    const weekday = planOccupantDay(visitor, false, true, true, rng);
    expect(weekday.present).toEqual([]);
    const saturday = planOccupantDay(visitor, true, true, false, rng);
    expect(saturday.wakesHome).toBe(false);
    expect(saturday.returns).toHaveLength(1);
    expect(saturday.returns[0]).toBeGreaterThan(9 * 60);
    const sunday = planOccupantDay(visitor, true, false, true, rng);
    expect(sunday.sleepsHome).toBe(false);
    expect(sunday.departures).toHaveLength(1);
    expect(sunday.departures[0]).toBeGreaterThan(15 * 60);
  });
});

describe('combineHousehold', () => {
  it('marks the departure that empties the home and the return that ends it', () => {
    const rng = createRng(5);
    const days = [
      planOccupantDay(commuter, false, false, false, rng),
      planOccupantDay(visitor, false, true, true, rng),
    ];
    const h = combineHousehold(days);
    expect(days[0]?.departures).toHaveLength(1);
    expect(h.departures.map((d) => d.edge)).toEqual([true]);
    expect(h.returns.map((d) => d.edge)).toEqual([true]);
    // The visitor is away all day, so the home is empty exactly while the commuter is out.
    expect(h.empty).toEqual([days[0]?.away[0], days[0]?.away[1]]);
    expect(h.firstWake).toBe(days[0]?.wake);
    expect(activeCount(h, DAY_START)).toBe(0);
    expect(activeCount(h, 1200)).toBe(1);
    const both = combineHousehold([
      planOccupantDay(commuter, false, false, false, rng),
      planOccupantDay(remote, false, false, false, rng),
    ]);
    expect(both.departures.every((d) => !d.edge)).toBe(true);
  });
});
