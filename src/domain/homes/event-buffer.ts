/**
 * Columnar storage of one home's events: growable typed arrays and an interned state table, so a
 * 90-day home of tens of thousands of events allocates a handful of buffers and no per-event objects.
 */

/** The events of one home, sorted by time. `entityIndex` indexes the home's `devices`. */
export interface HomeEvents {
  entityIndex: Uint16Array;
  /** UTC epoch milliseconds, ascending. */
  time: Float64Array;
  /** Index into `states`. */
  state: Uint16Array;
  states: string[];
}

const MAX_STATES = 65_535;

/** Interns state strings; numeric values are cached by their rounded value so formatting happens once. */
export class StateTable {
  readonly states: string[] = [];
  private readonly byText = new Map<string, number>();
  private readonly byNumber = new Map<number, number>();

  intern(text: string): number {
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    if (this.states.length >= MAX_STATES) throw new Error(`more than ${MAX_STATES} distinct states in one home`);
    const index = this.states.length;
    this.states.push(text);
    this.byText.set(text, index);
    return index;
  }

  /** A number rounded to `decimals` (0–3) places, as the state string "21.5". */
  number(value: number, decimals: number): number {
    const scale = 10 ** decimals;
    const code = Math.round(value * scale);
    const key = code * 4 + decimals;
    const known = this.byNumber.get(key);
    if (known !== undefined) return known;
    const index = this.intern((code / scale).toFixed(decimals));
    this.byNumber.set(key, index);
    return index;
  }
}

/** Appends events in any order and returns them sorted by time, ties kept in insertion order. */
export class EventBuffer {
  private entity: Uint16Array;
  private time: Float64Array;
  private state: Uint16Array;
  private size = 0;
  // Scratch space for sortRange, reused across calls: typed-array allocation is costly in V8 and the
  // simulator sorts once per simulated day.
  private scratchCounts = new Uint32Array(0);
  private scratchBucket = new Uint32Array(0);
  private scratchEntity = new Uint16Array(0);
  private scratchTime = new Float64Array(0);
  private scratchState = new Uint16Array(0);

  constructor(initialCapacity = 4096) {
    const cap = Math.max(16, initialCapacity);
    this.entity = new Uint16Array(cap);
    this.time = new Float64Array(cap);
    this.state = new Uint16Array(cap);
  }

  get length(): number {
    return this.size;
  }

  push(entity: number, timeMs: number, state: number): void {
    if (this.size === this.time.length) this.grow();
    this.entity[this.size] = entity;
    this.time[this.size] = timeMs;
    this.state[this.size] = state;
    this.size++;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const entity = new Uint16Array(cap);
    entity.set(this.entity);
    const time = new Float64Array(cap);
    time.set(this.time);
    const state = new Uint16Array(cap);
    state.set(this.state);
    this.entity = entity;
    this.time = time;
    this.state = state;
  }

  /**
   * Sorts events `[from, to)` by time in place, ties in insertion order. The simulator sorts each day's
   * block as it closes (a day's events never interleave with another day's), which keeps every sort
   * small and leaves `finish` a copy.
   */
  sortRange(from: number, to: number): void {
    const n = to - from;
    if (n < 2) return;
    let sorted = true;
    let min = this.time[from] ?? 0;
    let max = min;
    for (let i = from + 1; i < to; i++) {
      const t = this.time[i] ?? 0;
      if (t < (this.time[i - 1] ?? 0)) sorted = false;
      if (t < min) min = t;
      else if (t > max) max = t;
    }
    if (sorted) return;
    // A stable counting sort into about 4n equal time slices (at most one per second), then an insertion pass that
    // only fixes order inside buckets: linear for the simulator's blocks, and exact for any input.
    const buckets = Math.max(1, Math.min(n * 4, Math.ceil((max - min) / 1000) + 1, 1 << 22));
    const width = (max - min) / buckets || 1;
    if (this.scratchCounts.length < buckets + 1)
      this.scratchCounts = new Uint32Array(Math.max(buckets + 1, 2 * this.scratchCounts.length));
    if (this.scratchBucket.length < n) {
      const cap = Math.max(n, 2 * this.scratchBucket.length);
      this.scratchBucket = new Uint32Array(cap);
      this.scratchEntity = new Uint16Array(cap);
      this.scratchTime = new Float64Array(cap);
      this.scratchState = new Uint16Array(cap);
    }
    const counts = this.scratchCounts;
    counts.fill(0, 0, buckets + 1);
    const bucketOf = this.scratchBucket;
    for (let i = 0; i < n; i++) {
      const b = Math.min(buckets - 1, Math.floor(((this.time[from + i] ?? 0) - min) / width));
      bucketOf[i] = b;
      counts[b + 1] = (counts[b + 1] ?? 0) + 1;
    }
    for (let b = 1; b <= buckets; b++) counts[b] = (counts[b] ?? 0) + (counts[b - 1] ?? 0);
    const entity = this.scratchEntity;
    const time = this.scratchTime;
    const state = this.scratchState;
    entity.set(this.entity.subarray(from, to));
    time.set(this.time.subarray(from, to));
    state.set(this.state.subarray(from, to));
    for (let i = 0; i < n; i++) {
      const b = bucketOf[i] ?? 0;
      const slot = from + (counts[b] ?? 0);
      counts[b] = (counts[b] ?? 0) + 1;
      this.entity[slot] = entity[i] ?? 0;
      this.time[slot] = time[i] ?? 0;
      this.state[slot] = state[i] ?? 0;
    }
    for (let i = from + 1; i < to; i++) {
      const t = this.time[i] ?? 0;
      if (t >= (this.time[i - 1] ?? 0)) continue;
      const e = this.entity[i] ?? 0;
      const st = this.state[i] ?? 0;
      let j = i - 1;
      while (j >= from && (this.time[j] ?? 0) > t) {
        this.time[j + 1] = this.time[j] ?? 0;
        this.entity[j + 1] = this.entity[j] ?? 0;
        this.state[j + 1] = this.state[j] ?? 0;
        j--;
      }
      this.time[j + 1] = t;
      this.entity[j + 1] = e;
      this.state[j + 1] = st;
    }
  }

  /** Exact-length arrays sorted by time (stable). */
  finish(states: StateTable): HomeEvents {
    this.sortRange(0, this.size);
    return {
      entityIndex: this.entity.slice(0, this.size),
      time: this.time.slice(0, this.size),
      state: this.state.slice(0, this.size),
      states: states.states,
    };
  }
}
