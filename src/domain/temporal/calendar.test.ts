import { describe, expect, it } from 'vitest';
import { buildCalendar, type TemporalCalendar } from './calendar';

const stepsPerDay = (cal: TemporalCalendar): number[] =>
  Array.from({ length: cal.days }, (_, d) => (cal.dayStartStep[d + 1] ?? 0) - (cal.dayStartStep[d] ?? 0));
const hoursOfDay = (cal: TemporalCalendar, d: number): number[] =>
  Array.from(cal.localHour.subarray(cal.dayStartStep[d] ?? 0, cal.dayStartStep[d + 1] ?? 0));

describe('buildCalendar', () => {
  it('gives the spring-forward day 23 hourly steps and the fall-back day 25 (Europe/Berlin 2025)', () => {
    const spring = buildCalendar({
      startDate: '2025-03-29',
      days: 3,
      resolutionMinutes: 60,
      timeZone: 'Europe/Berlin',
      hemisphere: 'auto',
    });
    expect(stepsPerDay(spring)).toEqual([24, 23, 24]);
    expect(hoursOfDay(spring, 1)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)]);
    const fall = buildCalendar({
      startDate: '2025-10-25',
      days: 3,
      resolutionMinutes: 60,
      timeZone: 'Europe/Berlin',
      hemisphere: 'auto',
    });
    expect(stepsPerDay(fall)).toEqual([24, 25, 24]);
    expect(hoursOfDay(fall, 1).slice(0, 5)).toEqual([0, 1, 2, 2, 3]);
    expect(fall.maxStepsPerDay).toBe(25);
    expect(fall.stepCount).toBe(73);
  });

  it('keeps 15-minute steps on the local clock across a DST change (92 and 100 steps)', () => {
    const spring = buildCalendar({
      startDate: '2025-03-30',
      days: 1,
      resolutionMinutes: 15,
      timeZone: 'Europe/Berlin',
      hemisphere: 'auto',
    });
    expect(stepsPerDay(spring)).toEqual([92]);
    const fall = buildCalendar({
      startDate: '2025-10-26',
      days: 1,
      resolutionMinutes: 30,
      timeZone: 'Europe/Berlin',
      hemisphere: 'auto',
    });
    expect(stepsPerDay(fall)).toEqual([50]);
  });

  it('starts each day at local midnight and knows its local weekday (Monday = 0)', () => {
    const cal = buildCalendar({
      startDate: '2025-01-06',
      days: 7,
      resolutionMinutes: 60,
      timeZone: 'America/New_York',
      hemisphere: 'auto',
    });
    expect(new Date(cal.startTime).toISOString()).toBe('2025-01-06T05:00:00.000Z');
    expect(Array.from(cal.weekday)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(cal.dayStartTime[7]).toBe(cal.startTime + 7 * 24 * 3_600_000);
    const kathmandu = buildCalendar({
      startDate: '2025-01-01',
      days: 1,
      resolutionMinutes: 60,
      timeZone: 'Asia/Kathmandu',
      hemisphere: 'auto',
    });
    expect(new Date(kathmandu.startTime).toISOString()).toBe('2024-12-31T18:15:00.000Z');
    expect(hoursOfDay(kathmandu, 0)).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  it('starts a day whose midnight is skipped at its first existing hour (America/Santiago, 2025-09-07)', () => {
    const cal = buildCalendar({
      startDate: '2025-09-06',
      days: 2,
      resolutionMinutes: 60,
      timeZone: 'America/Santiago',
      hemisphere: 'auto',
    });
    expect(stepsPerDay(cal)).toEqual([24, 23]);
    expect(hoursOfDay(cal, 1)[0]).toBe(1);
  });

  it('puts the seasonal peak in the local summer: July in the north, January in the south', () => {
    const north = buildCalendar({
      startDate: '2025-01-15',
      days: 200,
      resolutionMinutes: 60,
      timeZone: 'Europe/Berlin',
      hemisphere: 'auto',
    });
    const south = buildCalendar({
      startDate: '2025-01-15',
      days: 200,
      resolutionMinutes: 60,
      timeZone: 'Australia/Sydney',
      hemisphere: 'auto',
    });
    const jan = 0;
    const jul = 185; // 2025-07-19
    expect(north.season[jul]).toBeCloseTo(1, 2);
    expect(north.season[jan]).toBeLessThan(-0.9);
    expect(south.season[jan]).toBeGreaterThan(0.9);
    expect(south.season[jul]).toBeCloseTo(-1, 2);
    const forced = buildCalendar({
      startDate: '2025-01-15',
      days: 1,
      resolutionMinutes: 60,
      timeZone: 'Australia/Sydney',
      hemisphere: 'north',
    });
    expect(forced.season[0]).toBeLessThan(-0.9);
  });

  it('measures tau in days from the local day start and warmth peaking mid-afternoon', () => {
    const cal = buildCalendar({
      startDate: '2025-06-02',
      days: 1,
      resolutionMinutes: 30,
      timeZone: 'UTC',
      hemisphere: 'auto',
    });
    expect(cal.tau[0]).toBe(0);
    expect(cal.tau[47]).toBeCloseTo(47 / 48, 12);
    const warmest = Array.from(cal.warmth).indexOf(Math.max(...cal.warmth));
    expect(cal.localHour[warmest]).toBe(15.5);
  });
});
