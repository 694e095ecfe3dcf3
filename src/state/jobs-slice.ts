import type { StateCreator } from 'zustand/vanilla';
import { estimateEtaMs } from '../domain/jobs/eta';
import type { JobKind } from '../domain/jobs/job-types';
import { deleteFinishedJobs, listJobs, putJob, updateJob } from '../storage/jobs-repo';
import type { JobRecord } from '../storage/records';
import { isCancelled, type WorkerProgress } from '../workers/job-types';
import type { WorkbenchServices } from './services';
import type { WorkbenchState } from './workbench-store';

export interface JobsSlice {
  jobs: JobRecord[];
  loadJobs(): Promise<void>;
  /**
   * Runs a long job: records it (so a reload can mark it interrupted), streams progress with an ETA into
   * the store, and records how it ended. Resolves with the job's result, or null if it did not succeed.
   */
  runJob<T>(opts: {
    kind: JobKind;
    title: string;
    resultId: string | null;
    run: (jobId: string, onProgress: (p: WorkerProgress) => void) => Promise<T>;
    /** Removes partial output when the worker had to be killed (it could not clean up itself). */
    cleanUp?: () => Promise<void>;
    /** Cooperative cancel; if the job is still running after `hardStopMs` the worker is terminated. */
    cancel: (jobId: string) => void;
    hardStop: () => void;
  }): Promise<T | null>;
  cancelJob(jobId: string): void;
  clearFinishedJobs(): Promise<void>;
}

/** Progress is persisted at most this often; the store itself updates at most every animation-ish tick. */
const PERSIST_EVERY_MS = 1000;
const UI_EVERY_MS = 100;
const HARD_STOP_AFTER_MS = 4000;

export function createJobsSlice(services: WorkbenchServices): StateCreator<WorkbenchState, [], [], JobsSlice> {
  const cancellers = new Map<string, () => void>();
  return (set, get) => {
    const patchJob = (id: string, patch: Partial<JobRecord>): void => {
      set({ jobs: get().jobs.map((j) => (j.id === id ? { ...j, ...patch } : j)) });
    };
    return {
      jobs: [],
      async loadJobs() {
        set({ jobs: await listJobs(services.db) });
      },
      async runJob(opts) {
        const { db } = services;
        const id = services.newId();
        const startedAt = services.now();
        const job: JobRecord = {
          id,
          kind: opts.kind,
          title: opts.title,
          status: 'running',
          progress: { fraction: 0, phase: 'Starting', etaMs: null },
          createdAt: startedAt,
          updatedAt: startedAt,
          ownerTab: services.tabId,
          error: null,
          resultId: opts.resultId,
          note: null,
        };
        await putJob(db, job);
        set({ jobs: [job, ...get().jobs] });
        let lastUi = 0;
        let lastPersist = 0;
        let hardTimer: ReturnType<typeof setTimeout> | null = null;
        cancellers.set(id, () => {
          patchJob(id, {
            progress: { ...(get().jobs.find((j) => j.id === id)?.progress ?? job.progress), phase: 'Cancelling…' },
          });
          opts.cancel(id);
          hardTimer = setTimeout(() => {
            if (get().jobs.find((j) => j.id === id)?.status === 'running') opts.hardStop();
          }, HARD_STOP_AFTER_MS);
        });
        const onProgress = (p: WorkerProgress): void => {
          const now = services.now();
          if (now - lastUi < UI_EVERY_MS && p.fraction < 1) return;
          lastUi = now;
          const progress = { fraction: p.fraction, phase: p.phase, etaMs: estimateEtaMs(p.fraction, now - startedAt) };
          patchJob(id, { progress, updatedAt: now });
          if (now - lastPersist > PERSIST_EVERY_MS) {
            lastPersist = now;
            void updateJob(db, id, { progress, updatedAt: now });
          }
        };
        const finish = async (patch: Partial<JobRecord>): Promise<void> => {
          if (hardTimer !== null) clearTimeout(hardTimer);
          cancellers.delete(id);
          const final = { ...patch, updatedAt: services.now() };
          patchJob(id, final);
          await updateJob(db, id, final);
        };
        try {
          const result = await opts.run(id, onProgress);
          await finish({ status: 'done', progress: { fraction: 1, phase: 'Done', etaMs: 0 } });
          return result;
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          if (isCancelled(e)) {
            await opts.cleanUp?.();
            await finish({ status: 'cancelled', note: 'Cancelled; nothing of it was kept.' });
          } else {
            await opts.cleanUp?.().catch(() => undefined);
            await finish({ status: 'failed', error: message });
          }
          return null;
        }
      },
      cancelJob(jobId) {
        cancellers.get(jobId)?.();
      },
      async clearFinishedJobs() {
        const running = get().jobs.filter((j) => j.status === 'running');
        await deleteFinishedJobs(services.db);
        set({ jobs: running });
      },
    };
  };
}
