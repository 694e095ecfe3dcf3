import { deriveSeed } from '../random';

/**
 * Which devices fail: exactly floor(failureRate · N) of them, chosen by a seeded permutation so that one
 * device's status is known in O(1) without drawing the whole set (needed to regenerate a device alone).
 * The permutation is a 4-round Feistel network on the smallest even-bit power of two ≥ N, with
 * cycle-walking back into [0, N); device d fails when perm(d) < floor(failureRate · N).
 */
export interface FailureSelector {
  readonly failingCount: number;
  isFailing(deviceIndex: number): boolean;
}

function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export function createFailureSelector(seed: number, totalDevices: number, failureRate: number): FailureSelector {
  const failingCount = Math.floor(failureRate * totalDevices + 1e-9);
  let bits = 2;
  while (2 ** bits < totalDevices) bits += 2;
  const half = bits / 2;
  const mask = (1 << half) - 1;
  const keys = [0, 1, 2, 3].map((r) => deriveSeed(seed, 'failure-permutation', r));
  const permute = (x: number): number => {
    let left = (x >>> half) & mask;
    let right = x & mask;
    for (const key of keys) {
      const next = left ^ (mix32(right ^ key) & mask);
      left = right;
      right = next;
    }
    return ((left << half) | right) >>> 0;
  };
  return {
    failingCount,
    isFailing(deviceIndex: number): boolean {
      if (failingCount <= 0) return false;
      if (failingCount >= totalDevices) return true;
      let y = permute(deviceIndex);
      while (y >= totalDevices) y = permute(y);
      return y < failingCount;
    },
  };
}
