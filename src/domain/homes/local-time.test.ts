import { describe, expect, it } from 'vitest';
import {
  addDays,
  createZoneClock,
  dayOfYear,
  formatCivilDate,
  parseCivilDate,
  sunTimes,
  weekdayIndex,
} from './local-time';

describe('civil dates', () => {
  it('parses valid dates and rejects invalid ones', () => {
    expect(parseCivilDate('2025-03-03')).toEqual({ year: 2025, month: 3, day: 3 });
    expect(() => parseCivilDate('2025-02-30')).toThrow(/not a calendar date/);
    expect(() => parseCivilDate('3/3/2025')).toThrow(/YYYY-MM-DD/);
  });

  it('adds days across months and years and knows weekdays', () => {
    expect(formatCivilDate(addDays(parseCivilDate('2024-12-30'), 3))).toBe('2025-01-02');
    expect(formatCivilDate(addDays(parseCivilDate('2024-03-01'), -1))).toBe('2024-02-29');
    expect(weekdayIndex(parseCivilDate('2025-03-03'))).toBe(0); // a Monday
    expect(weekdayIndex(parseCivilDate('2025-03-09'))).toBe(6); // a Sunday
    expect(dayOfYear(parseCivilDate('2025-12-31'))).toBe(365);
  });
});

describe('zone clock', () => {
  it('gives the offset in winter and summer', () => {
    const berlin = createZoneClock('Europe/Berlin');
    expect(berlin.offsetMs(Date.UTC(2025, 0, 15, 12))).toBe(3_600_000);
    expect(berlin.offsetMs(Date.UTC(2025, 6, 15, 12))).toBe(7_200_000);
    expect(createZoneClock('Asia/Kolkata').offsetMs(Date.UTC(2025, 0, 1))).toBe(5.5 * 3_600_000);
  });

  it('maps local wall time to UTC, also across the spring-forward night', () => {
    const berlin = createZoneClock('Europe/Berlin');
    const date = parseCivilDate('2025-03-30'); // clocks go 02:00 → 03:00
    expect(berlin.localToUtc(date, 60)).toBe(Date.UTC(2025, 2, 30, 0, 0));
    expect(berlin.localToUtc(date, 4 * 60)).toBe(Date.UTC(2025, 2, 30, 2, 0));
    // Minutes past midnight run into the next day.
    expect(berlin.localToUtc(date, 25 * 60)).toBe(Date.UTC(2025, 2, 30, 23, 0));
    // The offset exactly at the change.
    expect(berlin.offsetMs(Date.UTC(2025, 2, 30, 0, 59))).toBe(3_600_000);
    expect(berlin.offsetMs(Date.UTC(2025, 2, 30, 1, 0))).toBe(7_200_000);
  });

  it('rejects unknown zones', () => {
    expect(() => createZoneClock('Mars/Olympus_Mons')).toThrow(/unknown time zone/);
  });
});

describe('sun times', () => {
  it('gives long summer days, short winter days and ~12 h at the equinox', () => {
    const summer = sunTimes(parseCivilDate('2025-06-21'), 45, 0);
    const winter = sunTimes(parseCivilDate('2025-12-21'), 45, 0);
    const equinox = sunTimes(parseCivilDate('2025-03-20'), 45, 0);
    expect(summer.sunset - summer.sunrise).toBeGreaterThan(15 * 60);
    expect(winter.sunset - winter.sunrise).toBeLessThan(9 * 60);
    expect(Math.abs(equinox.sunset - equinox.sunrise - 12 * 60)).toBeLessThan(15);
    // The southern hemisphere is the other way round; daylight saving shifts both ends.
    const south = sunTimes(parseCivilDate('2025-06-21'), -35, 0);
    expect(south.sunset - south.sunrise).toBeLessThan(10 * 60);
    expect(sunTimes(parseCivilDate('2025-06-21'), 45, 60).sunrise).toBeCloseTo(summer.sunrise + 60, 6);
  });
});
