import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatPercent, formatValue, timeTicks } from './format';

describe('formatNumber', () => {
  it('keeps 4 significant digits and never prints a raw float', () => {
    expect(formatNumber(0.010344811715185642)).toBe('0.01034');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(123.456)).toBe('123.5');
    expect(formatNumber(-0.66666666)).toBe('-0.6667');
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
  });

  it('groups thousands and keeps whole numbers whole', () => {
    expect(formatNumber(1234.5678)).toBe('1,235');
    expect(formatNumber(98765.4)).toBe('98,765');
    expect(formatNumber(1_234_567)).toBe('1,234,567');
    expect(formatNumber(-45_000)).toBe('-45,000');
  });

  it('switches to exponents for tiny and huge magnitudes', () => {
    expect(formatNumber(0.0000123456)).toBe('1.235e-5');
    expect(formatNumber(0.00002)).toBe('2e-5');
    expect(formatNumber(3e20)).toBe('3e20');
  });

  it('takes a digit count and a unit', () => {
    expect(formatNumber(0.010344811715185642, { digits: 3 })).toBe('0.0103');
    expect(formatNumber(21.4567, { unit: '°C' })).toBe('21.46 °C');
    expect(formatNumber(0, { unit: 'ms' })).toBe('0 ms');
  });

  it('names non-finite values', () => {
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });
});

describe('formatPercent and formatValue', () => {
  it('formats fractions as percentages', () => {
    expect(formatPercent(0.045612)).toBe('4.56 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('formats whatever a tooltip hands over', () => {
    expect(formatValue(0.010344811715185642)).toBe('0.01034');
    expect(formatValue('0.010344811715185642')).toBe('0.01034');
    expect(formatValue('Mon')).toBe('Mon');
    expect(formatValue([0.12345, 0.6789])).toBe('0.1235 – 0.6789');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(0.5, (v) => formatPercent(v))).toBe('50 %');
  });
});

describe('dates', () => {
  const t = Date.UTC(2025, 0, 5, 11, 15); // 2025-01-05 11:15 UTC = 06:15 in New York (EST)

  it('formats local dates and times in a zone', () => {
    expect(formatDate(t)).toBe('2025-01-05');
    expect(formatDateTime(t)).toBe('2025-01-05 11:15 UTC');
    expect(formatDateTime(t, 'America/New_York')).toBe('2025-01-05 06:15 EST');
    expect(formatDate(Date.UTC(2025, 0, 5, 2), 'America/New_York')).toBe('2025-01-04');
    expect(formatDate(t, 'Not/AZone')).toBe('2025-01-05');
    expect(formatDate(Number.NaN)).toBe('—');
  });
});

describe('timeTicks', () => {
  it('puts ticks on local boundaries inside the data extent only', () => {
    const lo = Date.UTC(2024, 11, 31, 5); // local midnight of 2024-12-31 in New York
    const hi = Date.UTC(2025, 1, 5, 17, 30);
    const { ticks, format } = timeTicks(lo, hi, 'America/New_York', 8);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(8);
    for (const tick of ticks) {
      expect(tick).toBeGreaterThanOrEqual(lo);
      expect(tick).toBeLessThanOrEqual(hi);
      expect(formatDateTime(tick, 'America/New_York')).toMatch(/ 00:00 EST$/);
    }
    // 36 days: weekly ticks on Mondays.
    expect(ticks.map(format)).toEqual(['Jan 6', 'Jan 13', 'Jan 20', 'Jan 27', 'Feb 3']);
    expect(ticks.every((x) => new Date(x - 5 * 3_600_000).getUTCDay() === 1)).toBe(true);
  });

  it('picks hours, days, months or years to suit the span', () => {
    const day = timeTicks(Date.UTC(2025, 2, 1), Date.UTC(2025, 2, 2));
    expect(day.ticks.map(day.format)).toEqual([
      'Mar 1 00:00',
      'Mar 1 06:00',
      'Mar 1 12:00',
      'Mar 1 18:00',
      'Mar 2 00:00',
    ]);
    const week = timeTicks(Date.UTC(2025, 2, 1), Date.UTC(2025, 2, 7, 12));
    expect(week.ticks.map(week.format)).toEqual(['Mar 1', 'Mar 2', 'Mar 3', 'Mar 4', 'Mar 5', 'Mar 6', 'Mar 7']);
    const year = timeTicks(Date.UTC(2025, 0, 10), Date.UTC(2025, 11, 20));
    expect(year.ticks.map(year.format)).toEqual(['Mar 2025', 'May 2025', 'Jul 2025', 'Sep 2025', 'Nov 2025']);
    const decade = timeTicks(Date.UTC(2020, 5, 1), Date.UTC(2031, 0, 1));
    expect(decade.ticks.map(decade.format)).toEqual(['2022', '2024', '2026', '2028', '2030']);
  });

  it('crosses daylight-saving changes on local midnights', () => {
    const { ticks } = timeTicks(Date.UTC(2025, 2, 5), Date.UTC(2025, 2, 12), 'Europe/Berlin');
    for (const tick of ticks) expect(formatDateTime(tick, 'Europe/Berlin')).toMatch(/ 00:00 GMT\+[12]$/);
  });

  it('returns nothing for an empty or invalid extent', () => {
    expect(timeTicks(Number.NaN, 5).ticks).toEqual([]);
    expect(timeTicks(10, 5).ticks).toEqual([]);
  });
});
