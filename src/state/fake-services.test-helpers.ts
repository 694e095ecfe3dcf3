import 'fake-indexeddb/auto';
import { openWorkbenchDb } from '../storage/db';
import type { WorkerApi, WorkerClient } from '../workers/worker-client';
import type { WorkbenchServices } from './services';
import { createWorkbenchStore, type WorkbenchStore } from './workbench-store';

/**
 * Test support for the store: fake services over a fresh fake IndexedDB, a clock the test moves, and a job
 * whose progress and end the test decides. Not a test file itself (vitest collects `*.test.ts` only).
 */

/** A worker that was never started: any call fails, so a test notices when it reaches a worker it did not fake. */
function idleClient() {
  return {
    started: false,
    run: () => Promise.reject(new Error('no worker in this test')),
    whenRunning: () => undefined,
    terminate: () => undefined,
  };
}

/** A started worker whose calls go to `api`, a plain object standing in for the worker's endpoint. */
export function fakeClient<Api>(api: Partial<Api>): WorkerClient<Api> {
  const remote = api as unknown as WorkerApi<Api>;
  return {
    started: true,
    run: (call) => call(remote),
    whenRunning: (call) => {
      call(remote);
    },
    terminate: () => undefined,
  };
}

export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export interface FakeWorkbench {
  store: WorkbenchStore;
  services: WorkbenchServices;
  clock: Clock;
  /** A second store over the same database, as after a reload, with its jobs loaded. */
  reload(): Promise<WorkbenchStore>;
}

let dbCount = 0;

export const START_TIME = 1_700_000_000_000;

export async function fakeWorkbench(): Promise<FakeWorkbench> {
  const db = await openWorkbenchDb(`fake-workbench-${dbCount++}`);
  let time = START_TIME;
  const clock: Clock = {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
  let ids = 0;
  const services: WorkbenchServices = {
    db,
    generator: idleClient(),
    trainer: idleClient(),
    classifier: idleClient(),
    models: idleClient(),
    homes: idleClient(),
    evaluation: idleClient(),
    runs: {
      list: () => Promise.resolve([]),
      remove: () => Promise.resolve(),
      withPredictions: (run) => Promise.resolve(run),
    },
    tabId: 'tab-1',
    isTabAlive: () => true,
    now: () => clock.now(),
    newId: () => `id-${++ids}`,
    appVersion: 'test',
    storageEstimate: () => Promise.resolve(null),
    persisted: () => Promise.resolve(null),
    requestPersistence: () => Promise.resolve(null),
  };
  return {
    store: createWorkbenchStore(services, 'light'),
    services,
    clock,
    async reload() {
      const next = createWorkbenchStore(services, 'light');
      await next.getState().loadJobs();
      return next;
    },
  };
}

/** What a job's worker sends back: progress as plain data. */
export interface Progress {
  fraction: number;
  phase: string;
}

/** The error a cancelled worker call rejects with (its name is what survives the worker boundary). */
export function cancelledError(what = 'Generation'): Error {
  const e = new Error(`${what} was cancelled; nothing of it was kept.`);
  e.name = 'CancelledError';
  return e;
}

/**
 * A long job the test drives: `started` resolves once the store has recorded it and called its `run`;
 * `progress`, `finish` and `fail` stand in for the worker. Counts every call of the job's hooks.
 */
export function controlledJob<T>() {
  let onProgress: ((p: Progress) => void) | null = null;
  let settle: { resolve(v: T): void; reject(e: unknown): void } | null = null;
  let markStarted: (jobId: string) => void = () => undefined;
  const started = new Promise<string>((resolve) => {
    markStarted = resolve;
  });
  const calls = { cancel: [] as string[], hardStop: 0, cleanUp: 0 };
  const job = {
    calls,
    started,
    /** Makes clean-up fail, to show the job's own error is what the user reads. */
    cleanUpFails: false,
    /** What a hard stop does to the pending call (terminating the worker rejects it as cancelled). */
    onHardStop: (): void => job.fail(cancelledError()),
    progress(p: Progress): void {
      if (!onProgress) throw new Error('the job has not started');
      onProgress(p);
    },
    finish(value: T): void {
      settle?.resolve(value);
    },
    fail(e: unknown): void {
      settle?.reject(e);
    },
    /** The options `runJob` takes, wired to this job. */
    options(title = 'Generate "Test" (10 homes × 30 days)') {
      return {
        kind: 'generate-temporal' as const,
        title,
        resultId: 'dataset-1',
        run: (jobId: string, report: (p: Progress) => void) =>
          new Promise<T>((resolve, reject) => {
            onProgress = report;
            settle = { resolve, reject };
            markStarted(jobId);
          }),
        cancel: (jobId: string) => {
          calls.cancel.push(jobId);
        },
        hardStop: () => {
          calls.hardStop++;
          job.onHardStop();
        },
        cleanUp: () => {
          calls.cleanUp++;
          return job.cleanUpFails ? Promise.reject(new Error('clean-up failed too')) : Promise.resolve();
        },
      };
    },
  };
  return job;
}
