/**
 * Paces API calls to a requests-per-minute budget. A token bucket with a burst of one: call starts are
 * booked in arrival order and spaced evenly, 60 s / rpm apart, because OpenAI enforces its limits over sub-minute windows and a burst
 * of `rpm` calls at once draws 429s even when the minute's total is within budget. Up to `maxConcurrent`
 * calls may be in flight (slow structured replies would otherwise keep the rate far below the budget).
 * One shared "paused until" time lets a single 429 pause every caller. Clock and sleep are injected so
 * tests run in fake time.
 */

/** Time source and sleep; `sleep` must end early (resolve) when the signal aborts. */
export interface PacerClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RatePacerOptions {
  /** Requests per minute; must be > 0. */
  rpm: number;
  /** Calls allowed in flight at once; default (and at most) the rpm budget. */
  maxConcurrent?: number;
}

export interface RatePacer {
  /** The current pace in requests per minute (lower than the budget after `slowDown`). */
  readonly rpm: number;
  readonly maxConcurrent: number;
  /**
   * Waits for a free concurrency slot, the pause to end and the next start time, then returns the
   * function that frees the slot (call it when the request settles; extra calls are ignored).
   * Rejects with the signal's reason when it aborts.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Pauses every caller until `time` (never shortens an existing pause). */
  pauseUntil(time: number): void;
  /** The time before which no call starts (0 when not paused). */
  pausedUntil(): number;
  /** Halves the pace (down to 1 per minute), for OpenAI's `slow_down` errors. */
  slowDown(): void;
  /** Calls currently holding a slot. */
  inFlight(): number;
}

interface Waiter {
  grant: () => void;
}

/** Creates a pacer for one run (or one key: share it across runs that use the same key). */
export function createRatePacer(options: RatePacerOptions, clock: PacerClock): RatePacer {
  if (!(options.rpm > 0) || !Number.isFinite(options.rpm))
    throw new Error(`rpm must be a positive number, got ${options.rpm}`);
  let rpm = options.rpm;
  const maxConcurrent = Math.max(1, Math.floor(Math.min(options.maxConcurrent ?? options.rpm, options.rpm)));
  let intervalMs = 60_000 / rpm;
  let nextStartAt = Number.NEGATIVE_INFINITY;
  let paused = 0;
  let active = 0;
  const waiters: Waiter[] = [];

  const releaseSlot = (): void => {
    const next = waiters.shift();
    if (next === undefined) active -= 1;
    else next.grant(); // hand the slot over without freeing it
  };

  const takeSlot = (signal: AbortSignal | undefined): Promise<void> => {
    if (active < maxConcurrent) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = waiters.indexOf(waiter);
        if (i >= 0) waiters.splice(i, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };

  /** Books the next start time now, so waiters start in the order they asked (no thundering herd). */
  const reserve = (): number => {
    const startAt = Math.max(nextStartAt, paused, clock.now());
    nextStartAt = startAt + intervalMs;
    return startAt;
  };

  async function acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    await takeSlot(signal);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      releaseSlot();
    };
    try {
      signal?.throwIfAborted();
      let startAt = reserve();
      for (;;) {
        const now = clock.now();
        // A pause that arrived after booking voids the booking; book again behind the pause.
        if (paused > startAt) startAt = reserve();
        else if (startAt <= now) return release;
        else {
          await clock.sleep(startAt - now, signal);
          signal?.throwIfAborted();
        }
      }
    } catch (error) {
      release();
      throw error;
    }
  }

  return {
    get rpm() {
      return rpm;
    },
    maxConcurrent,
    acquire,
    pauseUntil(time: number) {
      if (time > paused) paused = time;
    },
    pausedUntil: () => paused,
    slowDown() {
      rpm = Math.max(1, rpm / 2);
      intervalMs = 60_000 / rpm;
    },
    inFlight: () => active,
  };
}
