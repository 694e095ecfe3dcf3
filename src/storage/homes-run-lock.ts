/**
 * A homes synthesis run holds a Web Lock named after its id for as long as it executes (in the homes
 * worker of the tab running it). Other tabs read the held locks to tell a live run from one a closed or
 * reloaded tab cut off, and a second executor of the same run is refused instead of racing the first.
 * The browser releases the lock when the worker or tab ends, so a cut-off run never looks live.
 * Without Web Locks (old browsers, Node) runs are never reported live and executors run unlocked.
 */

const PREFIX = 'homesynth-homes-run:';

/** The slice of the Web Locks API a run needs; `navigator.locks` in the browser, a fake in tests. */
export interface RunLocks {
  /** Runs `body` holding the lock, or calls it with null at once when another holder has it. */
  request<T>(name: string, options: { ifAvailable: true }, body: (lock: object | null) => Promise<T>): Promise<T>;
  /** Names of the locks held right now, by any tab or worker of this origin. */
  heldNames(): Promise<string[]>;
}

export function homesRunLockName(runId: string): string {
  return `${PREFIX}${runId}`;
}

/** Another tab (or worker) executes this run right now. */
export class HomesRunBusyError extends Error {
  override name = 'HomesRunBusyError';
  constructor(
    message = 'A synthesis run is going on in another tab. Wait for it to finish there, or cancel it there, then try again.',
  ) {
    super(message);
  }
}

/** The browser's lock manager (main thread or worker), or null where Web Locks do not exist. */
export function webRunLocks(): RunLocks | null {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return null;
  const locks = navigator.locks;
  return {
    request: (name, options, body) => locks.request(name, options, body),
    heldNames: async () => ((await locks.query()).held ?? []).map((l) => l.name ?? ''),
  };
}

/**
 * Runs `body` while holding the run's lock. Rejects with HomesRunBusyError, without calling `body`,
 * when another holder executes the run. Without Web Locks `body` simply runs.
 */
export async function withHomesRunLock<T>(
  runId: string,
  body: () => Promise<T>,
  locks: RunLocks | null = webRunLocks(),
): Promise<T> {
  if (locks === null) return body();
  return locks.request(homesRunLockName(runId), { ifAvailable: true }, async (lock) => {
    if (lock === null) throw new HomesRunBusyError();
    return body();
  });
}

/** Ids of the runs executing right now in any tab (empty without Web Locks). */
export async function liveHomesRunIds(locks: RunLocks | null = webRunLocks()): Promise<Set<string>> {
  if (locks === null) return new Set();
  const names = await locks.heldNames();
  return new Set(names.filter((n) => n.startsWith(PREFIX)).map((n) => n.slice(PREFIX.length)));
}

/**
 * An in-memory lock manager with the browser's semantics for the parts a run uses (exclusive locks,
 * ifAvailable, held names): for tests and for simulating several tabs in one process.
 */
export function memoryRunLocks(): RunLocks & { held: Set<string> } {
  const held = new Set<string>();
  return {
    held,
    async request(name, _options, body) {
      if (held.has(name)) return body(null);
      held.add(name);
      try {
        return await body({ name });
      } finally {
        held.delete(name);
      }
    },
    heldNames: async () => [...held],
  };
}
