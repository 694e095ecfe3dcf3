import { describe, expect, it } from 'vitest';
import { complement, contains, intersect, normalize, totalLength, union } from './intervals';

describe('intervals', () => {
  it('normalizes unsorted, overlapping and empty intervals', () => {
    expect(normalize([5, 8, 1, 3, 2, 4, 9, 9, 8, 10])).toEqual([1, 4, 5, 10]);
    expect(normalize([])).toEqual([]);
  });

  it('unions, intersects, complements and subtracts', () => {
    expect(union([1, 3], [2, 5, 7, 8])).toEqual([1, 5, 7, 8]);
    expect(intersect([0, 10], [2, 3, 5, 12])).toEqual([2, 3, 5, 10]);
    expect(complement([2, 3, 5, 6], 0, 10)).toEqual([0, 2, 3, 5, 6, 10]);
    expect(complement([], 0, 10)).toEqual([0, 10]);
    expect(totalLength([0, 2, 3, 10])).toBe(9);
  });

  it('tells whether a time is inside (start inclusive, end exclusive)', () => {
    expect(contains([1, 3, 5, 7], 1)).toBe(true);
    expect(contains([1, 3, 5, 7], 3)).toBe(false);
    expect(contains([1, 3, 5, 7], 6.5)).toBe(true);
    expect(contains([1, 3, 5, 7], 8)).toBe(false);
  });
});
