import { parseBaseUrl } from '../llm/base-url';
import { HOME_TYPES } from '../domain/home-types';
import { activityHeatmap, eventCountsByDomain, eventsPerDay } from '../domain/homes/activity';
import { SIZE_CATEGORIES } from '../domain/homes/home-schema';
import { createOpenAiClient, type FetchLike } from '../llm/openai-client';
import { openAiFailureOf } from '../llm/openai-errors';
import { redactSecrets } from '../llm/redact-secrets';
import type { WorkbenchDb } from '../storage/db';
import {
  emptyRunTotals,
  getHome,
  getHomesRun,
  nextHomeNumber,
  putHomesRun,
  readHomeEvents,
  type HomesRunRecord,
} from '../storage/homes-repo';
import { deleteEncryptedKey, getEncryptedKey, hasEncryptedKey, putEncryptedKey } from '../storage/openai-key-repo';
import type {
  ExportFile,
  HomeFileInput,
  HomeView,
  HomesImportResult,
  HomesProgress,
  HomesRunRequest,
  HomesRunResult,
  KeyStatus,
  KeyTestResult,
  LlmConnection,
} from '../workers/homes.api';
import type { HaHistoryFormat } from '../domain/homes/ha-history';
import {
  exportAllHomesFile,
  exportEventsParquetFile,
  exportHomeFile,
  exportHomeHistoryFile,
  exportSummaryFile,
  type HomesExportProgress,
} from './homes-export';
import { cancelledError, type ProgressCallback } from '../workers/job-types';
import { importHomeFiles } from './homes-import';
import { planRunHomes } from './homes-plan';
import { executeRun, type LlmRunDeps } from './homes-run';
import { KEY_KDF_ITERATIONS, decryptApiKey, encryptApiKey, type VaultCrypto } from './key-vault';

/**
 * The homes worker's logic, free of Comlink so it is testable with plain calls: the OpenAI key (held
 * here only, in memory, or unlocked from its encrypted copy), synthesis runs and resumes, home views
 * and exports. The key is never returned, stored in plain text, put in a message or written to a file.
 */

export interface HomesDeps {
  openDb(): Promise<WorkbenchDb>;
  /** The global fetch in the worker; a scripted one in tests. */
  fetch: FetchLike;
  crypto: VaultCrypto;
  now(): number;
  /** Must resolve early when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform [0, 1) for backoff jitter only (never for content). */
  random(): number;
  yieldToEvents(): Promise<void>;
  /** PBKDF2 iterations for a newly remembered key; default 600,000. */
  kdfIterations?: number;
}

export type HomesService = ReturnType<typeof createHomesService>;

const NO_KEY_MESSAGE =
  'No OpenAI API key is set. Enter one in Settings › OpenAI (or unlock the remembered one), then try again.';
const MAX_HOMES = 1000;
const MAX_DAYS = 365;

function checkConnection(llm: LlmConnection): LlmConnection {
  const model = llm.model.trim();
  if (!/^[\w.:/-]{1,128}$/.test(model)) throw new Error('Choose a model (letters, digits, ".", "-", "_", ":" or "/").');
  if (!Number.isFinite(llm.rpm) || llm.rpm < 1 || llm.rpm > 10_000)
    throw new Error('The requests-per-minute budget must be between 1 and 10,000.');
  return { baseUrl: parseBaseUrl(llm.baseUrl), model, rpm: llm.rpm };
}

function checkRequest(req: HomesRunRequest): void {
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > MAX_HOMES)
    throw new Error(`Homes must be a whole number from 1 to ${MAX_HOMES}.`);
  if (!Number.isInteger(req.days) || req.days < 1 || req.days > MAX_DAYS)
    throw new Error(`Days must be a whole number from 1 to ${MAX_DAYS}.`);
  if (!Number.isSafeInteger(req.seed)) throw new Error('The seed must be a whole number.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(req.startDate) || Number.isNaN(Date.parse(`${req.startDate}T00:00:00Z`)))
    throw new Error('The start date must be a date (YYYY-MM-DD).');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: req.timeZone });
  } catch {
    throw new Error(`"${req.timeZone}" is not a time zone this browser knows (e.g. Europe/Berlin, UTC).`);
  }
  if (req.homeTypes !== null && (req.homeTypes.length === 0 || req.homeTypes.some((t) => !HOME_TYPES.includes(t))))
    throw new Error('Choose at least one home type.');
  if (req.sizes !== null && (req.sizes.length === 0 || req.sizes.some((s) => !SIZE_CATEGORIES.includes(s))))
    throw new Error('Choose at least one size category.');
  if (req.source === 'llm' && req.llm === null)
    throw new Error('An LLM run needs a base URL, a model and a requests-per-minute budget.');
}

/** A key as typed or pasted: surrounding whitespace removed; nothing about it is echoed in errors. */
function checkKey(key: string): string {
  const k = key.trim();
  if (k.length < 8 || k.length > 512 || /\s/.test(k))
    throw new Error('That does not look like an API key (8–512 characters, no spaces).');
  return k;
}

export function createHomesService(deps: HomesDeps) {
  let apiKey: string | null = null;
  let active: { jobId: string; controller: AbortController } | null = null;
  const earlyCancels = new Set<string>();
  /** Whole-collection exports under way (by job id), and those asked to stop. */
  const exports = new Map<string, { cancelled: boolean }>();
  let dbPromise: Promise<WorkbenchDb> | null = null;
  const db = (): Promise<WorkbenchDb> => (dbPromise ??= deps.openDb());

  /** Runs a whole-collection export with progress per home; `cancel(jobId)` stops it at the next home. */
  async function trackedExport(
    jobId: string,
    onProgress: ProgressCallback,
    make: (progress: HomesExportProgress) => Promise<ExportFile>,
  ): Promise<ExportFile> {
    // A cancel that came first (Comlink keeps messages in order, so only by a caller's mistake) still counts.
    const state = { cancelled: earlyCancels.delete(jobId) };
    exports.set(jobId, state);
    try {
      return await make((done, total) => {
        if (state.cancelled) throw cancelledError('The export');
        onProgress({
          fraction: done / total,
          phase: `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} homes`,
        });
      });
    } finally {
      exports.delete(jobId);
    }
  }

  async function keyStatus(): Promise<KeyStatus> {
    return { inMemory: apiKey !== null, remembered: await hasEncryptedKey(await db()) };
  }

  async function execute(
    jobId: string,
    run: HomesRunRecord,
    onProgress: (p: HomesProgress) => void,
  ): Promise<HomesRunResult> {
    if (active !== null) throw new Error('A synthesis run is already going; wait for it or cancel it first.');
    const controller = new AbortController();
    active = { jobId, controller };
    if (earlyCancels.delete(jobId)) controller.abort();
    try {
      let llm: LlmRunDeps | null = null;
      if (run.source === 'llm') {
        const key = apiKey;
        if (key === null) throw new Error(NO_KEY_MESSAGE);
        if (run.llm === null) throw new Error('This run has no LLM settings.');
        llm = {
          client: createOpenAiClient({ apiKey: key, baseUrl: run.llm.baseUrl, fetch: deps.fetch }),
          secret: key,
          sleep: deps.sleep,
          random: deps.random,
        };
      }
      const database = await db();
      const outcome = await executeRun(
        { db: database, run, signal: controller.signal, now: deps.now, onProgress, yieldToEvents: deps.yieldToEvents },
        llm,
      );
      // A rejected key is dropped, so the app asks for a new one instead of failing the same way again.
      if (outcome.failure?.kind === 'invalid_key') apiKey = null;
      return { run: outcome.run, saved: outcome.saved };
    } finally {
      active = null;
    }
  }

  return {
    async setKey(key: string): Promise<KeyStatus> {
      apiKey = checkKey(key);
      return keyStatus();
    },
    async rememberKey(passphrase: string): Promise<KeyStatus> {
      if (apiKey === null) throw new Error('Enter the key first; then it can be remembered.');
      await putEncryptedKey(
        await db(),
        await encryptApiKey(apiKey, passphrase, deps.crypto, deps.now(), deps.kdfIterations ?? KEY_KDF_ITERATIONS),
      );
      return keyStatus();
    },
    async unlockKey(passphrase: string): Promise<KeyStatus> {
      const record = await getEncryptedKey(await db());
      if (record === null) throw new Error('No key is remembered on this device.');
      apiKey = await decryptApiKey(record, passphrase, deps.crypto);
      return keyStatus();
    },
    async forgetKey(): Promise<KeyStatus> {
      apiKey = null;
      await deleteEncryptedKey(await db());
      return keyStatus();
    },
    keyStatus,
    async testKey(baseUrl: string): Promise<KeyTestResult> {
      const key = apiKey;
      if (key === null) return { ok: false, kind: 'no_key', message: NO_KEY_MESSAGE, keyStatus: await keyStatus() };
      const client = createOpenAiClient({ apiKey: key, baseUrl: parseBaseUrl(baseUrl), fetch: deps.fetch });
      try {
        return { ok: true, models: await client.listModels() };
      } catch (error) {
        const failure = openAiFailureOf(error);
        if (failure?.kind === 'invalid_key') apiKey = null;
        const message =
          failure?.message ?? `The test failed: ${error instanceof Error ? error.message : String(error)}`;
        return {
          ok: false,
          kind: failure?.kind ?? 'bad_response',
          message: redactSecrets(message, [key]),
          keyStatus: await keyStatus(),
        };
      }
    },
    async startRun(req: HomesRunRequest, onProgress: (p: HomesProgress) => void): Promise<HomesRunResult> {
      checkRequest(req);
      const llm = req.source === 'llm' && req.llm !== null ? checkConnection(req.llm) : null;
      if (req.source === 'llm' && apiKey === null) throw new Error(NO_KEY_MESSAGE);
      if (active !== null) throw new Error('A synthesis run is already going; wait for it or cancel it first.');
      const database = await db();
      const now = deps.now();
      const run: HomesRunRecord = {
        id: req.runId,
        source: req.source,
        seed: req.seed,
        plan: planRunHomes(req.count, req.homeTypes, req.sizes, req.seed),
        firstNumber: await nextHomeNumber(database),
        days: req.days,
        startDate: req.startDate,
        timeZone: req.timeZone,
        llm,
        status: 'running',
        message: null,
        done: [],
        skipped: [],
        totals: emptyRunTotals(),
        createdAt: now,
        updatedAt: now,
      };
      await putHomesRun(database, run);
      return execute(req.jobId, run, onProgress);
    },
    async resumeRun(
      jobId: string,
      llm: LlmConnection | null,
      onProgress: (p: HomesProgress) => void,
    ): Promise<HomesRunResult> {
      const database = await db();
      const stored = await getHomesRun(database);
      if (stored === null) throw new Error('There is no run to resume.');
      if (stored.source === 'llm' && apiKey === null) throw new Error(NO_KEY_MESSAGE);
      if (active !== null) throw new Error('A synthesis run is already going; wait for it or cancel it first.');
      // A resume may change the model (after "unknown model"), the base URL or the budget; never the plan.
      const run: HomesRunRecord = {
        ...stored,
        llm: stored.source === 'llm' && llm !== null ? checkConnection(llm) : stored.llm,
        status: 'running',
        message: null,
        updatedAt: deps.now(),
      };
      await putHomesRun(database, run);
      return execute(jobId, run, onProgress);
    },
    cancel(jobId: string): void {
      const exporting = exports.get(jobId);
      if (exporting) exporting.cancelled = true;
      else if (active?.jobId === jobId) active.controller.abort();
      else earlyCancels.add(jobId);
    },
    async homeView(homeId: string): Promise<HomeView | null> {
      const database = await db();
      const home = await getHome(database, homeId);
      if (home === undefined) return null;
      const events = (await readHomeEvents(database, homeId)) ?? {
        entityIndex: new Uint16Array(0),
        time: new Float64Array(0),
        state: new Uint16Array(0),
        states: [],
      };
      const perDevice = new Uint32Array(home.devices.length);
      for (const e of events.entityIndex) if (e < perDevice.length) perDevice[e] = (perDevice[e] ?? 0) + 1;
      return {
        home,
        heatmap: activityHeatmap(events, home.timeZone),
        perDay: eventsPerDay(events, home.timeZone),
        byDomain: eventCountsByDomain(home, events),
        perDevice,
      };
    },
    async exportHome(homeId: string): Promise<ExportFile> {
      return exportHomeFile(await db(), homeId);
    },
    async exportHomeHistory(homeId: string, format: HaHistoryFormat): Promise<ExportFile> {
      return exportHomeHistoryFile(await db(), homeId, format);
    },
    exportAllHomes: (jobId: string, onProgress: ProgressCallback): Promise<ExportFile> =>
      trackedExport(jobId, onProgress, async (progress) => exportAllHomesFile(await db(), deps.now(), progress)),
    exportEventsParquet: (jobId: string, onProgress: ProgressCallback): Promise<ExportFile> =>
      trackedExport(jobId, onProgress, async (progress) => exportEventsParquetFile(await db(), deps.now(), progress)),
    async exportSummary(): Promise<ExportFile> {
      return exportSummaryFile(await db(), deps.now());
    },
    async importHomes(files: readonly HomeFileInput[], timeZone: string): Promise<HomesImportResult> {
      // Imported homes take numbers after the run's reserved ones; a run going on meanwhile could not know.
      if (active !== null) throw new Error('A synthesis run is going; import when it has finished or been cancelled.');
      return importHomeFiles({ db: await db(), now: deps.now, yieldToEvents: deps.yieldToEvents }, files, timeZone);
    },
  };
}
