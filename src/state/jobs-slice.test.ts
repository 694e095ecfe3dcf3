import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cancelledError, controlledJob, fakeWorkbench, START_TIME } from './fake-services.test-helpers';
import type { WorkbenchStore } from './workbench-store';

/** The store's record of one job, by id. */
const jobIn = (store: WorkbenchStore, id: string) => store.getState().jobs.find((j) => j.id === id);

/** Only the hard-stop timer is faked; the fake IndexedDB keeps its own scheduling. */
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('runJob: progress', () => {
  it('records a running job, shows progress with an ETA (at most every 100 ms), and ends done with the result', async () => {
    const { store, clock, reload } = await fakeWorkbench();
    const job = controlledJob<string>();
    const result = store.getState().runJob(job.options());
    const id = await job.started;

    expect(jobIn(store, id)).toMatchObject({
      status: 'running',
      kind: 'generate-temporal',
      title: 'Generate "Test" (10 homes × 30 days)',
      resultId: 'dataset-1',
      ownerTab: 'tab-1',
      progress: { fraction: 0, phase: 'Starting', etaMs: null },
      createdAt: START_TIME,
      error: null,
    });

    clock.advance(200);
    job.progress({ fraction: 0.01, phase: 'Planning homes' });
    // Too early for an estimate: no wild first guess.
    expect(jobIn(store, id)?.progress).toEqual({ fraction: 0.01, phase: 'Planning homes', etaMs: null });

    clock.advance(800);
    job.progress({ fraction: 0.5, phase: 'Simulating devices' });
    // Half done after one second: about one second left.
    expect(jobIn(store, id)?.progress).toEqual({ fraction: 0.5, phase: 'Simulating devices', etaMs: 1000 });
    expect(jobIn(store, id)?.updatedAt).toBe(START_TIME + 1000);

    clock.advance(40);
    job.progress({ fraction: 0.55, phase: 'Simulating devices' });
    expect(jobIn(store, id)?.progress.fraction).toBe(0.5);
    clock.advance(60);
    job.progress({ fraction: 0.6, phase: 'Writing chunks' });
    expect(jobIn(store, id)?.progress).toMatchObject({ fraction: 0.6, phase: 'Writing chunks' });

    job.finish('dataset ready');
    await expect(result).resolves.toBe('dataset ready');
    expect(jobIn(store, id)).toMatchObject({
      status: 'done',
      progress: { fraction: 1, phase: 'Done', etaMs: 0 },
      error: null,
      note: null,
    });
    expect(job.calls).toEqual({ cancel: [], hardStop: 0, cleanUp: 0 });

    const reloaded = await reload();
    expect(jobIn(reloaded, id)).toMatchObject({ status: 'done', progress: { fraction: 1, phase: 'Done' } });
  });

  it('shows the final progress of a job at once, even inside the 100 ms window', async () => {
    const { store, clock } = await fakeWorkbench();
    const job = controlledJob<number>();
    const result = store.getState().runJob(job.options());
    const id = await job.started;
    clock.advance(600);
    job.progress({ fraction: 0.9, phase: 'Saving' });
    clock.advance(10);
    job.progress({ fraction: 1, phase: 'Saved' });
    expect(jobIn(store, id)?.progress).toEqual({ fraction: 1, phase: 'Saved', etaMs: 0 });
    job.finish(7);
    await expect(result).resolves.toBe(7);
  });

  it('lists the newest job first', async () => {
    const { store } = await fakeWorkbench();
    const first = controlledJob<number>();
    const second = controlledJob<number>();
    const a = store.getState().runJob(first.options('First'));
    await first.started;
    const b = store.getState().runJob(second.options('Second'));
    await second.started;
    expect(store.getState().jobs.map((j) => j.title)).toEqual(['Second', 'First']);
    first.finish(1);
    second.finish(2);
    await expect(Promise.all([a, b])).resolves.toEqual([1, 2]);
  });
});

describe('runJob: cancel', () => {
  it('a cooperative cancel ends the job as cancelled, removes its partial output, and keeps earlier jobs', async () => {
    const { store, clock, reload } = await fakeWorkbench();
    const earlier = controlledJob<string>();
    const earlierResult = store.getState().runJob(earlier.options('Earlier dataset'));
    const earlierId = await earlier.started;
    earlier.finish('kept');
    await earlierResult;
    clock.advance(60_000);

    const job = controlledJob<string>();
    const result = store.getState().runJob(job.options('Cancelled dataset'));
    const id = await job.started;
    clock.advance(1000);
    job.progress({ fraction: 0.4, phase: 'Simulating devices' });

    store.getState().cancelJob(id);
    expect(job.calls.cancel).toEqual([id]);
    // Still running until the worker stops, with the progress it had and a phase that says what happens.
    expect(jobIn(store, id)).toMatchObject({ status: 'running', progress: { fraction: 0.4, phase: 'Cancelling…' } });

    job.fail(cancelledError());
    await expect(result).resolves.toBeNull();
    expect(jobIn(store, id)).toMatchObject({
      status: 'cancelled',
      note: 'Cancelled; nothing of it was kept.',
      error: null,
    });
    expect(job.calls.cleanUp).toBe(1);
    expect(jobIn(store, earlierId)).toMatchObject({ status: 'done', title: 'Earlier dataset' });

    // The worker stopped in time: no hard stop later, and no timer left behind.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(job.calls.hardStop).toBe(0);
    expect(vi.getTimerCount()).toBe(0);

    const reloaded = await reload();
    expect(reloaded.getState().jobs.map((j) => [j.title, j.status])).toEqual([
      ['Cancelled dataset', 'cancelled'],
      ['Earlier dataset', 'done'],
    ]);
  });

  it('a job that finishes while cancelling counts as done and is not stopped', async () => {
    const { store } = await fakeWorkbench();
    const job = controlledJob<string>();
    const result = store.getState().runJob(job.options());
    const id = await job.started;
    store.getState().cancelJob(id);
    job.finish('finished anyway');
    await expect(result).resolves.toBe('finished anyway');
    await vi.advanceTimersByTimeAsync(5000);
    expect(job.calls.hardStop).toBe(0);
    expect(job.calls.cleanUp).toBe(0);
    expect(jobIn(store, id)?.status).toBe('done');
  });

  it('hard-stops a worker that ignores the cancel after 4 s, then ends cancelled and removes the partial output', async () => {
    const { store, reload } = await fakeWorkbench();
    const job = controlledJob<string>();
    const result = store.getState().runJob(job.options());
    const id = await job.started;

    store.getState().cancelJob(id);
    await vi.advanceTimersByTimeAsync(3999);
    expect(job.calls.hardStop).toBe(0);
    expect(jobIn(store, id)).toMatchObject({ status: 'running', progress: { phase: 'Cancelling…' } });

    await vi.advanceTimersByTimeAsync(1);
    expect(job.calls.hardStop).toBe(1);
    await expect(result).resolves.toBeNull();
    expect(jobIn(store, id)).toMatchObject({ status: 'cancelled', note: 'Cancelled; nothing of it was kept.' });
    expect(job.calls.cleanUp).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(jobIn(await reload(), id)?.status).toBe('cancelled');
  });

  it('does nothing for a job that already ended, or an unknown id', async () => {
    const { store } = await fakeWorkbench();
    const job = controlledJob<string>();
    const result = store.getState().runJob(job.options());
    const id = await job.started;
    job.finish('done');
    await result;
    const before = jobIn(store, id);

    store.getState().cancelJob(id);
    store.getState().cancelJob('no-such-job');
    expect(job.calls.cancel).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(jobIn(store, id)).toEqual(before);
  });
});

describe('runJob: failure', () => {
  it('ends as failed with the worker’s message, removes partial output, and resolves null', async () => {
    const { store, clock, reload } = await fakeWorkbench();
    const job = controlledJob<string>();
    const result = store.getState().runJob(job.options());
    const id = await job.started;
    clock.advance(2000);
    job.progress({ fraction: 0.3, phase: 'Simulating devices' });

    const message = 'The generator worker crashed: out of memory. Earlier saved data is intact.';
    job.fail(new Error(message));
    await expect(result).resolves.toBeNull();
    expect(jobIn(store, id)).toMatchObject({
      status: 'failed',
      error: message,
      note: null,
      updatedAt: START_TIME + 2000,
    });
    expect(job.calls.cleanUp).toBe(1);
    expect(jobIn(await reload(), id)).toMatchObject({ status: 'failed', error: message });
  });

  it('keeps the job’s own message when clean-up fails too, and reads a non-Error rejection as text', async () => {
    const { store } = await fakeWorkbench();
    const job = controlledJob<string>();
    job.cleanUpFails = true;
    const result = store.getState().runJob(job.options());
    const id = await job.started;
    job.fail(new Error('Storage is full: free some space and try again.'));
    await expect(result).resolves.toBeNull();
    expect(jobIn(store, id)).toMatchObject({
      status: 'failed',
      error: 'Storage is full: free some space and try again.',
    });
    expect(job.calls.cleanUp).toBe(1);

    const other = controlledJob<string>();
    const otherResult = store.getState().runJob(other.options());
    const otherId = await other.started;
    other.fail('disk quota exceeded');
    await expect(otherResult).resolves.toBeNull();
    expect(jobIn(store, otherId)).toMatchObject({ status: 'failed', error: 'disk quota exceeded' });
  });
});

describe('finished jobs', () => {
  it('clearing removes done, failed and cancelled jobs (also from storage) and keeps running ones', async () => {
    const { store, reload } = await fakeWorkbench();
    const done = controlledJob<number>();
    const failed = controlledJob<number>();
    const running = controlledJob<number>();
    const r1 = store.getState().runJob(done.options('Done job'));
    await done.started;
    done.finish(1);
    await r1;
    const r2 = store.getState().runJob(failed.options('Failed job'));
    await failed.started;
    failed.fail(new Error('broken'));
    await r2;
    const r3 = store.getState().runJob(running.options('Running job'));
    const runningId = await running.started;

    await store.getState().clearFinishedJobs();
    expect(store.getState().jobs.map((j) => j.title)).toEqual(['Running job']);
    expect((await reload()).getState().jobs.map((j) => j.title)).toEqual(['Running job']);

    // The running job is still cancellable after the clear.
    store.getState().cancelJob(runningId);
    expect(running.calls.cancel).toEqual([runningId]);
    running.fail(cancelledError());
    await expect(r3).resolves.toBeNull();
  });
});
