import type { StateCreator } from 'zustand/vanilla';
import { HOME_SOURCE_WORDS } from '../domain/homes/home-source-labels';
import {
  deleteAllHomes,
  deleteHome,
  deleteHomesRun,
  getHome,
  getHomesRun,
  listHomes,
  removeOrphanHomeEvents,
  type HomesRunRecord,
} from '../storage/homes-repo';
import { updateJob } from '../storage/jobs-repo';
import type { HomeRecord } from '../storage/records';
import type { HomesApi, HomesImportResult, HomesProgress, HomesRunRequest, HomesRunResult } from '../workers/homes.api';
import { CANCELLED } from '../workers/job-types';
import type { WorkerProgress } from '../workers/job-types';
import type { WorkbenchServices } from './services';
import type { WorkbenchState } from './workbench-store';
import { workerCallback, type WorkerApi } from '../workers/worker-client';

/**
 * The Homes page: stored homes, the latest synthesis run (plan, progress, outcome) and its live progress.
 * Runs go through `runJob`, so they show in the jobs panel with progress and ETA; unlike datasets, a
 * cancelled or stopped run keeps every home it saved and can be resumed, here or after a reload.
 */

/** What the Homes form asks for. */
export type HomesRunOptions = Omit<HomesRunRequest, 'jobId' | 'runId' | 'llm'>;

export interface HomesSlice {
  homes: HomeRecord[];
  homesLoaded: boolean;
  /** The latest run as stored (null when none); status 'running' with no live job means it was cut off. */
  homesRun: HomesRunRecord | null;
  /** Live progress of the run in this tab, null when none is going. */
  homesLive: HomesProgress | null;
  homesRunning: boolean;
  /** Why the last start or resume did not begin (no key, invalid settings…), or null. */
  homesError: string | null;
  loadHomes(): Promise<void>;
  startHomes(options: HomesRunOptions): Promise<void>;
  resumeHomes(): Promise<void>;
  cancelHomes(): void;
  /** Forgets the stored run (its homes stay). */
  discardHomesRun(): Promise<void>;
  deleteHomeById(id: string): Promise<void>;
  deleteAllHomes(): Promise<void>;
  /** An import of home files is going on. */
  homesImporting: boolean;
  /** Imports home_NNN.json files (all or none); the list is reloaded when any were stored. */
  importHomes(files: File[], timeZone: string): Promise<HomesImportResult>;
}

const STOPPED_NOTE = 'Stopped; the homes made so far are kept. Resume it on the Homes page.';

export function createHomesSlice(services: WorkbenchServices): StateCreator<WorkbenchState, [], [], HomesSlice> {
  let activeJob: string | null = null;
  let orphansSwept = false;
  return (set, get) => {
    /**
     * Once per tab, after the first listing (app start): removes event chunks left without a home by older
     * versions, in the background (short keys-only batches; start-up does not wait for it). Every current
     * write of a home is atomic with its chunks, so once is enough; Settings › Storage is refreshed if open.
     */
    const sweepOrphanEvents = async (): Promise<void> => {
      try {
        const sweep = await removeOrphanHomeEvents(services.db);
        if (sweep.chunksRemoved > 0 && get().storage !== null) await get().loadStorage();
      } catch {
        // Best effort: the chunks stay unreachable and uncounted, and the next start tries again.
      }
    };

    const addHome = async (id: string): Promise<void> => {
      const home = await getHome(services.db, id);
      if (home === undefined) return;
      const others = get().homes.filter((h) => h.id !== id);
      set({ homes: [...others, home].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })) });
    };

    const execute = async (
      title: string,
      call: (
        api: WorkerApi<HomesApi>,
        jobId: string,
        onProgress: (p: HomesProgress) => void,
      ) => Promise<HomesRunResult>,
    ): Promise<void> => {
      if (get().homesRunning) return;
      set({ homesRunning: true, homesLive: null, homesError: null });
      // Filled in by the job's callback (a holder object, so the values read after the job are not narrowed away).
      const outcome: { result: HomesRunResult | null; error: string | null; jobId: string | null } = {
        result: null,
        error: null,
        jobId: null,
      };
      await get().runJob({
        kind: 'synthesise-homes',
        title,
        resultId: null,
        run: async (id, onJobProgress: (p: WorkerProgress) => void) => {
          outcome.jobId = id;
          activeJob = id;
          const onProgress = (p: HomesProgress): void => {
            set({ homesLive: p });
            onJobProgress(p);
            if (p.savedHomeId !== null) void addHome(p.savedHomeId);
          };
          let result: HomesRunResult;
          try {
            result = await services.homes.run((api) => call(api, id, workerCallback(onProgress)));
          } catch (e) {
            outcome.error = e instanceof Error ? e.message : String(e);
            throw e;
          }
          outcome.result = result;
          const { status, message } = result.run;
          if (status === 'cancelled') {
            const cancelled = new Error(message ?? 'Cancelled.');
            cancelled.name = CANCELLED;
            throw cancelled;
          }
          if (status !== 'completed') throw new Error(message ?? `The run stopped (${status}).`);
          return result;
        },
        cancel: (id) => services.homes.whenRunning((api) => api.cancel(id)),
        // Last resort only: ending the worker also ends the key it holds in memory.
        hardStop: () =>
          services.homes.terminate(new Error('The homes worker was stopped; the homes saved so far are kept.')),
      });
      activeJob = null;
      // runJob notes a cancel as "nothing kept": for homes everything saved is kept, so say so.
      if (outcome.jobId !== null && outcome.result !== null && outcome.result.run.status !== 'completed') {
        await updateJob(services.db, outcome.jobId, { note: STOPPED_NOTE });
        await get().loadJobs();
      }
      set({ homesRunning: false, homesError: outcome.error });
      await get().loadHomes();
      // The worker drops a key the server rejected: show that in Settings at once.
      await get().refreshKeyStatus();
    };

    return {
      homes: [],
      homesLoaded: false,
      homesRun: null,
      homesLive: null,
      homesRunning: false,
      homesError: null,
      async loadHomes() {
        const [homes, run] = await Promise.all([listHomes(services.db), getHomesRun(services.db)]);
        set({ homes, homesRun: run, homesLoaded: true });
        if (!orphansSwept) {
          orphansSwept = true;
          void sweepOrphanEvents();
        }
      },
      startHomes(options) {
        const { openAi } = get();
        const what =
          options.source === 'llm' ? `with ${openAi.model}` : `from ${HOME_SOURCE_WORDS[options.source].origin}`;
        return execute(
          `Synthesise ${options.count} home${options.count === 1 ? '' : 's'} ${what}`,
          (api, jobId, onProgress) =>
            api.startRun(
              { ...options, jobId, runId: services.newId(), llm: options.source === 'llm' ? { ...openAi } : null },
              onProgress,
            ),
        );
      },
      resumeHomes() {
        const run = get().homesRun;
        const left = run === null ? 0 : run.plan.length - run.done.length;
        return execute(`Resume home synthesis (${left} home${left === 1 ? '' : 's'} left)`, (api, jobId, onProgress) =>
          api.resumeRun(jobId, run?.source === 'llm' ? { ...get().openAi } : null, onProgress),
        );
      },
      cancelHomes() {
        if (activeJob !== null) get().cancelJob(activeJob);
      },
      async discardHomesRun() {
        if (get().homesRunning) throw new Error('The run is still going; cancel it first.');
        await deleteHomesRun(services.db);
        set({ homesRun: null, homesLive: null, homesError: null });
      },
      async deleteHomeById(id) {
        await deleteHome(services.db, id);
        set({ homes: get().homes.filter((h) => h.id !== id) });
      },
      async deleteAllHomes() {
        if (get().homesRunning) throw new Error('A synthesis run is still going; cancel it first.');
        await deleteAllHomes(services.db);
        set({ homes: [] });
      },
      homesImporting: false,
      async importHomes(files, timeZone) {
        if (get().homesRunning)
          throw new Error('A synthesis run is going; import when it has finished or been cancelled.');
        set({ homesImporting: true });
        try {
          const result = await services.homes.run((api) => api.importHomes(files, timeZone));
          if (result.imported.length > 0) await get().loadHomes();
          return result;
        } finally {
          set({ homesImporting: false });
        }
      },
    };
  };
}
