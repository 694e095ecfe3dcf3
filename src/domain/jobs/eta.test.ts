import { describe, expect, it } from 'vitest';
import { estimateEtaMs, formatDuration } from './eta';

describe('ETA', () => {
  it('waits for enough progress, then extrapolates linearly', () => {
    expect(estimateEtaMs(0.01, 5000)).toBeNull();
    expect(estimateEtaMs(0.5, 100)).toBeNull();
    expect(estimateEtaMs(0.25, 1000)).toBe(3000);
    expect(estimateEtaMs(1, 1000)).toBe(0);
  });
  it('formats durations', () => {
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
  });
});
