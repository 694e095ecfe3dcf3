import { describe, expect, it } from 'vitest';
import { bootstrapBinaryMetrics, replicateColumn } from './binary-bootstrap';
import { pairedDifference, pairedVerdict } from './paired-comparison';
import { createRng } from '../random';

describe('pairedDifference', () => {
  it('takes percentiles of the replicate differences, skipping undefined ones', () => {
    // Differences 1, 2, 3, 4 (the NaN pair is skipped): numpy's percentiles 2.5 % and 97.5 % are 1.075 and 3.925.
    const d = pairedDifference({ a: 0.9, b: 0.6 }, [2, 3, 4, 5, Number.NaN], [1, 1, 1, 1, 0]);
    expect(d.estimate).toBeCloseTo(0.3, 12);
    expect(d.valid).toBe(4);
    expect(d.low).toBeCloseTo(1.075, 12);
    expect(d.high).toBeCloseTo(3.925, 12);
  });

  it('is far narrower than the separate intervals when both scorers share the noise', () => {
    // Two scorers on the same clustered replicates: B is A plus a small constant shift of every score's rank.
    const rng = createRng(3);
    const n = 600;
    const y = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const a = Float64Array.from(y, (v) => v * 0.3 + rng.next());
    const b = Float64Array.from(a, (v, i) => (i % 7 === 0 ? v - 0.2 : v));
    const groups = Uint32Array.from({ length: n }, (_, i) => Math.floor(i / 10));
    const kept: Float64Array[] = [];
    const run = (s: Float64Array) =>
      bootstrapBinaryMetrics(y, s, 0.5, {
        rng: createRng(11),
        resamples: 400,
        groups,
        keepReplicates: (r) => kept.push(r),
      });
    const ma = run(a);
    const mb = run(b);
    const [ra, rb] = kept;
    if (ra === undefined || rb === undefined) throw new Error('replicates were not kept');
    const d = pairedDifference(
      { a: ma.prAuc.estimate, b: mb.prAuc.estimate },
      replicateColumn(ra, 'prAuc'),
      replicateColumn(rb, 'prAuc'),
    );
    expect(d.high - d.low).toBeLessThan((ma.prAuc.high - ma.prAuc.low) / 2);
    expect(d.low).toBeLessThanOrEqual(d.estimate);
    expect(d.high).toBeGreaterThanOrEqual(d.estimate);
  });

  it('refuses replicates of different lengths', () => {
    expect(() => pairedDifference({ a: 0, b: 0 }, [1, 2], [1])).toThrow(/same resamples/);
  });
});

describe('pairedVerdict', () => {
  it('names a best only when every interval against it lies above zero', () => {
    const clear = pairedVerdict([
      { name: 'trees', estimate: 0.5, replicates: [0.5, 0.52, 0.48, 0.51] },
      { name: 'logistic', estimate: 0.3, replicates: [0.3, 0.31, 0.29, 0.32] },
    ]);
    expect(clear.leader).toBe('trees');
    expect(clear.best).toBe('trees');
    const tied = pairedVerdict([
      { name: 'network', estimate: 0.51, replicates: [0.5, 0.45, 0.55, 0.52] },
      { name: 'trees', estimate: 0.5, replicates: [0.49, 0.47, 0.53, 0.53] },
      { name: 'logistic', estimate: 0.3, replicates: [0.3, 0.31, 0.29, 0.32] },
    ]);
    expect(tied.leader).toBe('network');
    expect(tied.best).toBeNull();
    expect(tied.differences.map((d) => d.other)).toEqual(['trees', 'logistic']);
    expect(tied.differences[1]?.difference.low).toBeGreaterThan(0);
  });

  it('ignores candidates without a defined metric', () => {
    const v = pairedVerdict([
      { name: 'majority', estimate: Number.NaN, replicates: [Number.NaN] },
      { name: 'stump', estimate: 0.2, replicates: [0.2] },
    ]);
    expect(v).toEqual({ leader: 'stump', best: 'stump', differences: [] });
    expect(pairedVerdict([])).toEqual({ leader: null, best: null, differences: [] });
  });
});
