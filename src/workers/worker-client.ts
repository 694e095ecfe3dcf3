import { proxy, releaseProxy, transfer, wrap, type Endpoint, type ProxyMarked, type Remote } from 'comlink';

/**
 * The worker layer is the only place that knows Comlink: the store and its slices call workers through a
 * client, pass callbacks with `workerCallback` and move buffers with `moveToWorker`.
 */
export type WorkerApi<Api> = Remote<Api>;

/** A function the worker may call back (progress, events) across the boundary. */
export function workerCallback<T extends object>(fn: T): T & ProxyMarked {
  return proxy(fn);
}

/** Moves `buffers` to the worker with the call instead of copying them (they are unusable here after). */
export function moveToWorker<T>(value: T, buffers: Transferable[]): T {
  return transfer(value, buffers);
}

/** What the client needs of a Worker; a MessagePort-backed fake satisfies it in tests. */
export interface WorkerLike extends Endpoint {
  terminate(): void;
}

export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
}

export interface WorkerClientOptions<Api> {
  /** Cheap call that answers while the worker lives. */
  ping: (api: Remote<Api>) => Promise<unknown>;
  pingIntervalMs?: number;
  /** A worker silent this long while a call is pending is taken for dead (e.g. killed for lack of memory). */
  pingTimeoutMs?: number;
  /** Worker ends after this long without calls, to free its memory. */
  idleMs?: number;
  label: string;
}

export interface WorkerClient<Api> {
  /**
   * Runs a call on the (lazily started) worker; rejects with WorkerCrashedError if the worker dies meanwhile.
   * Aborting `signal` is a hard stop: the worker is ended and every pending call rejects with the abort reason.
   */
  run<T>(call: (api: Remote<Api>) => Promise<T>, options?: { signal?: AbortSignal }): Promise<T>;
  /** Sends a message to a running worker only (never starts one), e.g. a cooperative cancel. */
  whenRunning(call: (api: Remote<Api>) => unknown): void;
  /** Hard stop: ends the worker; pending calls reject with `reason`. */
  terminate(reason?: Error): void;
  readonly started: boolean;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The call was aborted.', 'AbortError');
}

/**
 * Starts the worker on first use, notices a crash (an error event, or silence while a call is pending) and
 * turns it into a readable error for every pending call instead of a promise that never settles.
 */
export function createWorkerClient<Api>(
  create: () => WorkerLike,
  options: WorkerClientOptions<Api>,
): WorkerClient<Api> {
  const pingInterval = options.pingIntervalMs ?? 3000;
  const pingTimeout = options.pingTimeoutMs ?? 20_000;
  let current: { worker: WorkerLike; api: Remote<Api>; fail: (e: Error) => void; crashed: Promise<never> } | null =
    null;
  let pending = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let lastAnswer = 0;

  const stopTimers = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };

  const shutdown = (reason: Error): void => {
    const c = current;
    if (!c) return;
    current = null;
    stopTimers();
    c.fail(reason);
    c.api[releaseProxy]();
    c.worker.terminate();
  };

  const start = (): NonNullable<typeof current> => {
    if (current) return current;
    const worker = create();
    const api = wrap<Api>(worker);
    let fail: (e: Error) => void = () => undefined;
    const crashed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    crashed.catch(() => undefined);
    worker.addEventListener('error', (ev) => {
      const text = typeof ev === 'object' && ev !== null && 'message' in ev ? String(ev.message) : '';
      const message = text ? `: ${text}` : '';
      shutdown(new WorkerCrashedError(`The ${options.label} worker crashed${message}. Earlier saved data is intact.`));
    });
    current = { worker, api, fail, crashed };
    return current;
  };

  const watch = (): void => {
    if (timer !== null) return;
    lastAnswer = Date.now();
    timer = setInterval(() => {
      const c = current;
      if (!c) return stopTimers();
      if (Date.now() - lastAnswer > pingTimeout) {
        shutdown(
          new WorkerCrashedError(
            `The ${options.label} worker stopped responding (it may have run out of memory). The job was stopped; earlier saved data is intact.`,
          ),
        );
        return;
      }
      options.ping(c.api).then(
        () => {
          lastAnswer = Date.now();
        },
        () => undefined,
      );
    }, pingInterval);
  };

  return {
    async run(call, runOptions = {}) {
      const { signal } = runOptions;
      if (signal?.aborted) throw abortReason(signal);
      if (idleTimer !== null) clearTimeout(idleTimer);
      const c = start();
      pending++;
      watch();
      const onAbort = (): void => shutdown(signal === undefined ? new Error('aborted') : abortReason(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await Promise.race([call(c.api), c.crashed]);
      } finally {
        signal?.removeEventListener('abort', onAbort);
        pending--;
        if (pending === 0) {
          stopTimers();
          if (options.idleMs !== undefined) {
            idleTimer = setTimeout(() => {
              if (pending === 0) shutdown(new Error('idle'));
            }, options.idleMs);
          }
        }
      }
    },
    whenRunning(call) {
      if (current) void call(current.api);
    },
    terminate(reason = new Error(`The ${options.label} worker was stopped.`)) {
      shutdown(reason);
    },
    get started() {
      return current !== null;
    },
  };
}
