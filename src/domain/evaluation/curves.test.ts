import { describe, expect, it } from 'vitest';
import { confusionAt, rocCurve } from './binary-metrics';
import { confusionFromRocCurve, downsampleIndices, downsampleRocCurve } from './curves';

describe('downsampleIndices', () => {
  it('keeps everything when short enough', () => {
    expect([...downsampleIndices(4, 10)]).toEqual([0, 1, 2, 3]);
  });

  it('spreads points evenly and keeps both ends', () => {
    expect([...downsampleIndices(11, 3)]).toEqual([0, 5, 10]);
    expect([...downsampleIndices(10, 4)]).toEqual([0, 3, 6, 9]);
    expect(() => downsampleIndices(10, 1)).toThrow(/at least 2/);
  });
});

describe('confusionFromRocCurve', () => {
  const y = [0, 0, 1, 1, 1, 0, 1];
  const s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2];
  const curve = rocCurve(y, s);

  it('rebuilds the exact confusion matrix at any threshold from the full curve', () => {
    for (const t of [-1, 0, 0.1, 0.15, 0.2, 0.35, 0.4, 0.5, 0.8, 0.9, 0.95, 2]) {
      expect(confusionFromRocCurve(curve, 4, 3, t)).toEqual(confusionAt(y, s, t));
    }
  });

  it('snaps to the nearest kept point at or above the threshold on a downsampled curve', () => {
    const small = downsampleRocCurve(curve, 3); // thresholds Infinity, 0.4, 0.1
    expect([...small.thresholds]).toEqual([Infinity, 0.4, 0.1]);
    expect(confusionFromRocCurve(small, 4, 3, 0.35)).toEqual(confusionAt(y, s, 0.4));
  });
});
