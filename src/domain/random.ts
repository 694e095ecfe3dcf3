/**
 * The only source of randomness in the product. Every generator, split and shuffle receives an `Rng`
 * explicitly, so the same seed and inputs always give the same data and metrics.
 *
 * sfc32 (Small Fast Counter) with 128 bits of state, seeded through splitmix32: fast in V8 (plain int32
 * arithmetic), passes PractRand to terabytes, and cheap to fork into independent sub-streams.
 */
/** 2^-32: multiplying by it is exact and much cheaper than dividing by 2^32. */
const INV_2_32 = 1 / 4294967296;

export class Rng {
  /*
   * State in an Int32Array, not four fields: with pointer compression V8 keeps only 31-bit integers
   * unboxed in object fields, so 32-bit state in fields would allocate a heap number on most writes.
   */
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s[0] = next();
    this.s[1] = next();
    this.s[2] = next();
    this.s[3] = next();
    // Warm up so nearby seeds diverge immediately.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const st = this.s;
    const a = st[0] ?? 0;
    const b = st[1] ?? 0;
    const c = st[2] ?? 0;
    const d = st[3] ?? 0;
    const t = (((a + b) | 0) + d) | 0;
    st[3] = (d + 1) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    const c2 = (c << 21) | (c >>> 11);
    st[2] = (c2 + t) | 0;
    return t >>> 0;
  }

  /**
   * Fills `out` with uniforms in [0, 1): the same values `next()` would give one by one, several times
   * faster because the state lives in locals. Hot loops draw from such a buffer.
   */
  fill(out: Float64Array): Float64Array {
    const st = this.s;
    let a = st[0] ?? 0;
    let b = st[1] ?? 0;
    let c = st[2] ?? 0;
    let d = st[3] ?? 0;
    for (let i = 0; i < out.length; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      out[i] = (t >>> 0) * INV_2_32;
    }
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
    return out;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() * INV_2_32;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both inclusive (Python's randint). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Standard normal draw (Box–Muller; one value per call keeps streams simple to reason about). */
  normal(mean = 0, sd = 1): number {
    let u = this.next();
    if (u < 1e-300) u = 1e-300;
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform pick from a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Rng.pick needs a non-empty array');
    return item;
  }

  /** In-place Fisher–Yates shuffle of an array or typed array. */
  shuffle<A extends { length: number; [i: number]: unknown }>(items: A): A {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A child stream that does not disturb this one's sequence beyond one draw. */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

export function createRng(seed: number): Rng {
  return new Rng(seed);
}

/**
 * Derives an independent seed from a root seed and a path of integer or string keys, so that e.g. the
 * stream of device 17 of home 3 is the same whatever else the dataset contains.
 */
export function deriveSeed(seed: number, ...keys: readonly (number | string)[]): number {
  let h = (seed ^ 0x5bd1e995) >>> 0;
  const mix = (k: number): void => {
    let x = Math.imul(k | 0, 0xcc9e2d51);
    x = (x << 15) | (x >>> 17);
    x = Math.imul(x, 0x1b873593);
    h ^= x;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  };
  for (const key of keys) {
    if (typeof key === 'number') {
      mix(key);
      mix(Math.floor(key / 4294967296));
    } else {
      for (let i = 0; i < key.length; i++) mix(key.charCodeAt(i));
      mix(key.length);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Draws an index from cumulative weights (ascending, last = total). */
export function pickCumulative(rng: Rng, cumulative: ArrayLike<number>): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const x = rng.next() * total;
  for (let i = 0; i < cumulative.length; i++) {
    if (x < (cumulative[i] ?? 0)) return i;
  }
  return cumulative.length - 1;
}
