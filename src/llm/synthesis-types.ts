import type { HomePlanItem } from '../domain/homes/home-plan';
import type { HomeContent } from '../domain/homes/home-schema';
import type { OpenAiFailure } from './openai-failure';
import type { OpenAiClient, TokenUsage } from './openai-types';
import type { RatePacer } from './rate-pacer';

/**
 * The vocabulary of an LLM home-synthesis run (inputs, injected dependencies, progress events, result),
 * apart from the orchestration in ./synthesis-run.ts so the pieces of the run can share it without a cycle.
 */

export type SynthesisStatus = 'completed' | 'cancelled' | 'quota' | 'auth' | 'model' | 'failed';

export type SkipReason = 'refusal' | 'invalid' | 'truncated';

export interface SkippedHome {
  index: number;
  reason: SkipReason;
  message: string;
}

/** What `saveHome` receives besides the content: provenance for the stored Home. Never the key. */
export interface HomeSynthesisMeta {
  model: string;
  /** `x-request-id` of the request that produced the saved content. */
  requestId: string | null;
  /** Tokens of all attempts for this home (re-asks and retries included). */
  usage: TokenUsage;
  costUsd: number | null;
  /** Requests sent for this home. */
  attempts: number;
  /** True when the saved content came from the re-ask. */
  repaired: boolean;
  durationMs: number;
  /** Why the saved home differs from its plan (e.g. another home type than asked), or absent. */
  note?: string;
}

export interface SynthesisTotals {
  /** Homes this run was asked to make (plan minus already completed). */
  planned: number;
  saved: number;
  skipped: number;
  requests: number;
  /** Retries after 5xx/overloaded/network/stream failures. */
  retries: number;
  /** Waits after 429 rate limits or slow-downs. */
  rateLimitWaits: number;
  usage: TokenUsage;
  /** Null when the model's price is unknown. */
  costUsd: number | null;
}

/** Progress events; plain data, safe to post from a worker. */
export type SynthesisProgress =
  | { type: 'request'; index: number; attempt: number; totals: SynthesisTotals }
  | { type: 'delta'; index: number; receivedBytes: number; contentChars: number; totals: SynthesisTotals }
  | {
      type: 'waiting';
      index: number;
      reason: 'rate_limit' | 'slow_down' | 'retry';
      waitMs: number;
      message: string;
      totals: SynthesisTotals;
    }
  | { type: 'repairing'; index: number; problems: string[]; totals: SynthesisTotals }
  | { type: 'saved'; index: number; meta: HomeSynthesisMeta; totals: SynthesisTotals }
  | { type: 'skipped'; index: number; reason: SkipReason; message: string; totals: SynthesisTotals }
  | { type: 'stopped'; status: SynthesisStatus; message: string | null; totals: SynthesisTotals };

export interface SynthesisRunInput {
  /** From `planHomes`. */
  plan: readonly HomePlanItem[];
  /** Resume point: plan items with a lower index are treated as done. Default 0. */
  startAt?: number;
  /** Indexes already saved (e.g. out of order by a concurrent run); they are not asked for again. */
  completed?: readonly number[];
  model: string;
  /** Requests-per-minute budget (used to build the pacer when `deps.pacer` is not given). */
  rpm: number;
  /** Retries per home after 5xx, overloaded, network, timeout or broken-stream failures. Default 3. */
  maxRetries?: number;
  /** Rate-limit waits per home before the run gives up (a sane cap, not a retry budget). Default 10. */
  maxRateLimitWaits?: number;
  /** Requests in flight at once; default the pacer's allowance (rpm). */
  concurrency?: number;
  /** Omitted when undefined (reasoning models accept only their default). */
  temperature?: number;
  reasoningEffort?: string;
  /** Token budget per reply; default by size category. */
  maxTokens?: number;
  /** Stream replies (progress per home). Default true. */
  stream?: boolean;
  signal?: AbortSignal;
}

export interface SynthesisDeps {
  client: Pick<OpenAiClient, 'createStructured'>;
  /** Shared pacer (e.g. per key); default one built from `rpm` with `now` and `sleep`. */
  pacer?: RatePacer;
  /** Persists one valid home; awaited before the home counts as done. */
  saveHome(index: number, content: HomeContent, meta: HomeSynthesisMeta): Promise<void>;
  onProgress?(progress: SynthesisProgress): void;
  /** Must end early (resolve) when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
  /** Uniform [0, 1), for backoff jitter. */
  random(): number;
}

export interface SynthesisResult {
  status: SynthesisStatus;
  /** User-facing message for a stop (redacted), null when completed. */
  message: string | null;
  /** The failure that stopped the run, if any. */
  failure: OpenAiFailure | null;
  /** Indexes saved by this run, ascending. */
  saved: number[];
  skipped: SkippedHome[];
  /** The lowest plan index not saved yet (skipped homes included); null when every home is done. */
  resumeAt: number | null;
  totals: SynthesisTotals;
}
