import type { HomeType } from '../domain/home-types';
import type { HaHistoryFormat } from '../domain/homes/ha-history';
import type { DeviceDomain, SizeCategory } from '../domain/homes/home-schema';
import type { ModelInfo } from '../llm/openai-client';
import type { OpenAiFailureKind } from '../llm/openai-errors';
import type { HomesRunRecord, HomesRunTotals, RunSource } from '../storage/homes-repo';
import type { HomeRecord } from '../storage/records';
import type { ProgressCallback, WorkerProgress } from './job-types';

/** Where the key is held; never the key itself (it goes into the worker and never comes back). */
export interface KeyStatus {
  /** The worker holds a key in memory (lost on reload or when the worker ends). */
  inMemory: boolean;
  /** An encrypted copy is stored on this device (unlocked with the passphrase). */
  remembered: boolean;
}

/** Outcome of "Test key" (GET /models): the models the key may use, or why it failed. */
export type KeyTestResult =
  | { ok: true; models: ModelInfo[] }
  | { ok: false; kind: OpenAiFailureKind | 'no_key'; message: string; keyStatus: KeyStatus };

/** Non-secret connection settings of an LLM run. */
export interface LlmConnection {
  /** E.g. https://api.openai.com/v1 or any OpenAI-compatible server. */
  baseUrl: string;
  model: string;
  /** Requests-per-minute budget; requests are paced evenly and run concurrently up to it. */
  rpm: number;
}

/** A new synthesis run. */
export interface HomesRunRequest {
  jobId: string;
  runId: string;
  source: RunSource;
  /** 1–1000 homes. */
  count: number;
  /** null: the original's type weights; a list: an even split over those types (the original's --home-types). */
  homeTypes: HomeType[] | null;
  /** null: the original's size shares; a list: only those sizes, with the original's relative weights. */
  sizes: SizeCategory[] | null;
  seed: number;
  /** Days of events per home (1–365) from `startDate` (local "YYYY-MM-DD") in `timeZone`. */
  days: number;
  startDate: string;
  timeZone: string;
  /** Required when `source` is 'llm'. */
  llm: LlmConnection | null;
}

/** A file to import: a browser File (it structured-clones into the worker). */
export type HomeFileInput = Pick<File, 'name' | 'size' | 'text'>;

/** Outcome of "Import homes": every file stored (with its new id), or none and every bad file's problems. */
export interface HomesImportResult {
  imported: { fileName: string; id: string; originalId: string; homeType: HomeType; events: number }[];
  failed: { fileName: string; problems: string[] }[];
}

/** How a run (or a resume of it) ended; the run record holds the plan, what is done and the totals. */
export interface HomesRunResult {
  run: HomesRunRecord;
  /** Homes saved by this call. */
  saved: number;
}

/** Progress of a run: the job's fraction and phase, plus what the Homes page shows live. */
export interface HomesProgress extends WorkerProgress {
  /** What is happening now, one sentence (never holds the key). */
  activity: string;
  /** Set on the event that saved a home, so the list can show it at once. */
  savedHomeId: string | null;
  /** Plan indexes saved so far (all calls of the run), homes skipped in this call, homes planned. */
  done: number;
  skipped: number;
  planned: number;
  totals: HomesRunTotals;
}

/** What a home's page shows, computed in the worker from its stored events. */
export interface HomeView {
  home: HomeRecord;
  /** Events by local weekday (Monday = 0) × hour: `heatmap[weekday * 24 + hour]`. */
  heatmap: Uint32Array;
  perDay: { dates: string[]; counts: Uint32Array };
  byDomain: Record<DeviceDomain, number>;
  /** Events per device, in `home.devices` order. */
  perDevice: Uint32Array;
}

/** A file built in the worker for download. */
export interface ExportFile {
  blob: Blob;
  fileName: string;
}

/**
 * The homes worker's contract. The worker holds the OpenAI key: it is posted in once (setKey) or
 * unlocked from its encrypted copy, and no method ever returns it.
 */
export interface HomesApi {
  /** Holds `key` in the worker's memory (replacing any other); the remembered copy is not changed. */
  setKey(key: string): Promise<KeyStatus>;
  /** Stores the in-memory key encrypted under `passphrase` (≥ 8 characters) on this device. */
  rememberKey(passphrase: string): Promise<KeyStatus>;
  /** Decrypts the remembered key into memory; rejects with "Wrong passphrase…" otherwise. */
  unlockKey(passphrase: string): Promise<KeyStatus>;
  /** Wipes every tier: memory and the encrypted copy. */
  forgetKey(): Promise<KeyStatus>;
  keyStatus(): Promise<KeyStatus>;
  /** GET {baseUrl}/models with the held key (no tokens used). A 401 also drops the key from memory. */
  testKey(baseUrl: string): Promise<KeyTestResult>;
  /** Plans, records and runs a new synthesis; resolves when it completes or stops (never for API errors). */
  startRun(req: HomesRunRequest, onProgress: (p: HomesProgress) => void): Promise<HomesRunResult>;
  /** Continues the stored run from what is not done yet; an LLM run takes the current connection settings. */
  resumeRun(jobId: string, llm: LlmConnection | null, onProgress: (p: HomesProgress) => void): Promise<HomesRunResult>;
  /** Cooperative cancel: in-flight requests are aborted; saved homes are kept and the run can resume. */
  cancel(jobId: string): void;
  homeView(homeId: string): Promise<HomeView | null>;
  /** One home as `home_NNN.json` in the original format, written in pieces. */
  exportHome(homeId: string): Promise<ExportFile>;
  /** One home's Home Assistant history: `home_NNN_history.csv` (frontend "Download data") or `home_NNN_events.json` (`state_changed` events). */
  exportHomeHistory(homeId: string, format: HaHistoryFormat): Promise<ExportFile>;
  /**
   * Every home as `home_NNN.json` plus `summary.json`, in one uncompressed ZIP archive; progress per home,
   * and `cancel(jobId)` stops it at the next home (it then rejects, cancelled).
   */
  exportAllHomes(jobId: string, onProgress: ProgressCallback): Promise<ExportFile>;
  /** `summary.json` of all homes. */
  exportSummary(): Promise<ExportFile>;
  /** Every home's events as `homes.events.parquet` (a row per state change, typed columns); progress and cancel as above. */
  exportEventsParquet(jobId: string, onProgress: ProgressCallback): Promise<ExportFile>;
  /**
   * Imports home_NNN.json files as homes of source 'imported', their events read in `timeZone`: all of
   * them in one transaction, or none when any file is invalid (then each bad file's problems).
   */
  importHomes(files: HomeFileInput[], timeZone: string): Promise<HomesImportResult>;
  ping(): Promise<'pong'>;
}
