import type { HomeContent, SizeCategory } from '../domain/homes/home-schema';
import { HOME_JSON_SCHEMA, HOME_SCHEMA_NAME } from './home-json-schema';
import type { HomePlanItem } from './home-plan';
import { buildHomeMessages, buildRepairMessages } from './home-prompt';
import { checkHomeReply } from './home-reply';
import { REPLY_TOO_LARGE, type ChatMessage, type OpenAiClient, type StructuredRequest, type StructuredResult, type TokenUsage } from './openai-client';
import { openAiFailureOf, type OpenAiFailure } from './openai-errors';
import { estimateCost } from './pricing';
import { createRatePacer, type RatePacer } from './rate-pacer';
import { redactSecrets } from './redact-secrets';

/**
 * The orchestrator of an LLM home-synthesis job: one structured call per planned home, validated
 * locally, re-asked once when invalid, saved at once, with OpenAI's failure classes handled as
 * openai.md §4 prescribes. Pure logic: HTTP, storage, clock, sleep and randomness are injected, so the
 * same code runs in the generation worker and in unit tests with fake time.
 *
 * Decisions callers rely on:
 * - A refusal (or `content_filter`) skips that home with a reason and the run goes on; it is not retried.
 * - Invalid content gets one re-ask with the problems appended; still invalid → the home is skipped.
 *   A reply cut off at the token limit is re-asked once with twice the token budget instead.
 * - Quota or billing → stop at once ('quota'); 401/403 → 'auth'; unknown model → 'model'; retries of
 *   5xx/overloaded/network exhausted, a 400-class bug or a save failure → 'failed'. A stop sends no new
 *   request, but lets the requests already sent finish: their tokens are billed either way, so a valid
 *   reply is saved (no re-ask or retry after a stop). Only the user's cancel aborts requests in flight.
 *   Homes already saved stay saved.
 * - A valid home of another home type than planned is re-asked once; if the re-ask still names another
 *   type, the home keeps its own type (never relabelled: the type is the classifier's label) and says so.
 * - A reply the client cut off at its byte cap is skipped as truncated (not re-asked: a runaway reply
 *   would repeat).
 * - Skipped and unfinished homes are not saved, so a resume (with `completed` = the saved indexes) asks
 *   for exactly those again.
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
  | { type: 'waiting'; index: number; reason: 'rate_limit' | 'slow_down' | 'retry'; waitMs: number; message: string; totals: SynthesisTotals }
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

/** Default reply budgets: ~60 tokens per device plus occupants and areas, with headroom. */
const DEFAULT_MAX_TOKENS: Readonly<Record<SizeCategory, number>> = {
  small: 4000,
  medium: 6000,
  large: 8000,
  extra_large: 12000,
};
const MAX_TOKENS_CEILING = 32_000;
const DELTA_PROGRESS_INTERVAL_MS = 250;

/** Jittered exponential backoff: base·2^(n−1) capped, times a factor in [0.75, 1.25). */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const raw = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.75 + 0.5 * random()));
}

/** The wait after a 429: the stated time plus up to 20 % (≤ 1 s) jitter, or backoff when none is stated. */
export function rateLimitWaitMs(retryAfterMs: number | null, waitNumber: number, random: () => number): number {
  if (retryAfterMs === null) return backoffMs(waitNumber, 1000, 60_000, random);
  return retryAfterMs + Math.round(random() * Math.min(1000, retryAfterMs * 0.2));
}

function stopStatusFor(failure: OpenAiFailure): SynthesisStatus {
  switch (failure.kind) {
    case 'quota':
      return 'quota';
    case 'invalid_key':
    case 'forbidden':
      return 'auth';
    case 'model_not_found':
      return 'model';
    default:
      return 'failed';
  }
}

function unknownFailure(error: unknown): OpenAiFailure {
  const text = error instanceof Error ? error.message : String(error);
  return {
    kind: 'bad_response',
    retryable: false,
    message: `Unexpected error: ${redactSecrets(text)}`,
    detail: null,
    status: null,
    type: null,
    code: null,
    requestId: null,
  };
}

/** Runs (or resumes) a synthesis job; resolves when it completes or stops, never rejects for API errors. */
export async function runHomeSynthesis(input: SynthesisRunInput, deps: SynthesisDeps): Promise<SynthesisResult> {
  const maxRetries = input.maxRetries ?? 3;
  const maxRateLimitWaits = input.maxRateLimitWaits ?? 10;
  const stream = input.stream ?? true;
  const pacer = deps.pacer ?? createRatePacer({ rpm: input.rpm }, { now: deps.now, sleep: deps.sleep });
  const startAt = input.startAt ?? 0;
  const done = new Set(input.completed ?? []);
  const queue = input.plan.filter((item) => item.index >= startAt && !done.has(item.index));
  const concurrency = Math.max(1, Math.min(input.concurrency ?? pacer.maxConcurrent, queue.length));

  const totals: SynthesisTotals = {
    planned: queue.length,
    saved: 0,
    skipped: 0,
    requests: 0,
    retries: 0,
    rateLimitWaits: 0,
    usage: { input_tokens: 0, output_tokens: 0 },
    costUsd: estimateCost({ input_tokens: 0, output_tokens: 0 }, input.model),
  };
  const saved: number[] = [];
  const skipped: SkippedHome[] = [];
  let stopStatus: SynthesisStatus | null = null;
  let stopMessage: string | null = null;
  let stopFailure: OpenAiFailure | null = null;

  // A stop ends the waits and the pacer queue (no new request), while requests already sent run on to their
  // end (their tokens are billed anyway); only the user's cancel aborts those too.
  const controller = new AbortController();
  const runSignal = controller.signal;
  const requests = new AbortController();
  const stop = (status: SynthesisStatus, failure: OpenAiFailure | null, message: string | null): void => {
    if (stopStatus !== null) return;
    stopStatus = status;
    stopFailure = failure;
    stopMessage = message === null ? null : redactSecrets(message);
    controller.abort();
    if (status === 'cancelled') requests.abort();
  };
  const stopping = (): boolean => stopStatus !== null;
  const onUserAbort = (): void => stop('cancelled', null, 'Cancelled; the homes made so far are kept.');
  if (input.signal?.aborted === true) onUserAbort();
  input.signal?.addEventListener('abort', onUserAbort, { once: true });

  const snapshot = (): SynthesisTotals => ({ ...totals, usage: { ...totals.usage } });
  const emit = (progress: SynthesisProgress): void => deps.onProgress?.(progress);
  const addUsage = (usage: TokenUsage | null, into: TokenUsage): void => {
    if (usage === null) return;
    into.input_tokens += usage.input_tokens;
    into.output_tokens += usage.output_tokens;
    totals.usage.input_tokens += usage.input_tokens;
    totals.usage.output_tokens += usage.output_tokens;
    totals.costUsd = estimateCost(totals.usage, input.model);
  };
  const acquire = async (): Promise<(() => void) | null> => {
    try {
      return await pacer.acquire(runSignal);
    } catch {
      return null; // aborted: the run is stopping
    }
  };

  /** Handles a failed request; returns true to try the same home again. */
  const handleFailure = async (item: HomePlanItem, failure: OpenAiFailure, counters: { retries: number; waits: number }): Promise<boolean> => {
    if (failure.kind === 'aborted') return false; // a stop or cancel already recorded the reason
    // The run is stopping: this home stays unsaved (resume asks for it again) unless the failure is itself a reason to stop.
    if (stopping() && failure.retryable) return false;
    if (failure.kind === 'rate_limit' || failure.kind === 'slow_down') {
      counters.waits += 1;
      totals.rateLimitWaits += 1;
      if (counters.waits > maxRateLimitWaits) {
        stop('failed', failure, `Still rate limited after ${maxRateLimitWaits} waits on one home. Lower the requests-per-minute budget and resume.`);
        return false;
      }
      if (failure.kind === 'slow_down') pacer.slowDown();
      const waitMs = rateLimitWaitMs(failure.retryAfterMs, counters.waits, deps.random);
      // Pausing the pacer (not just this home) stops every concurrent caller from hitting the limit too.
      pacer.pauseUntil(deps.now() + waitMs);
      emit({ type: 'waiting', index: item.index, reason: failure.kind, waitMs, message: failure.message, totals: snapshot() });
      return true;
    }
    if (failure.retryable) {
      counters.retries += 1;
      if (counters.retries > maxRetries) {
        stop('failed', failure, `${failure.message} Gave up after ${maxRetries} retries; the homes made so far are kept, resume later.`);
        return false;
      }
      totals.retries += 1;
      const waitMs = failure.kind === 'overloaded' ? backoffMs(counters.retries, 2000, 60_000, deps.random) : backoffMs(counters.retries, 1000, 30_000, deps.random);
      emit({ type: 'waiting', index: item.index, reason: 'retry', waitMs, message: failure.message, totals: snapshot() });
      await deps.sleep(waitMs, runSignal);
      return !runSignal.aborted;
    }
    stop(stopStatusFor(failure), failure, failure.message);
    return false;
  };

  const skip = (index: number, reason: SkipReason, message: string): void => {
    const clean = redactSecrets(message);
    skipped.push({ index, reason, message: clean });
    totals.skipped += 1;
    emit({ type: 'skipped', index, reason, message: clean, totals: snapshot() });
  };

  const processHome = async (item: HomePlanItem): Promise<void> => {
    const started = deps.now();
    let messages: ChatMessage[] = buildHomeMessages(item);
    let maxTokens = input.maxTokens ?? DEFAULT_MAX_TOKENS[item.sizeCategory];
    let repaired = false;
    let attempts = 0;
    const counters = { retries: 0, waits: 0 };
    const usage: TokenUsage = { input_tokens: 0, output_tokens: 0 };
    let note: string | undefined;
    let slot: (() => void) | null = null;
    let lastDeltaAt = Number.NEGATIVE_INFINITY;

    for (;;) {
      if (slot === null) slot = await acquire();
      if (slot === null || runSignal.aborted) {
        slot?.();
        return;
      }
      attempts += 1;
      totals.requests += 1;
      emit({ type: 'request', index: item.index, attempt: attempts, totals: snapshot() });
      let reply: StructuredResult;
      try {
        const request: StructuredRequest = {
          model: input.model,
          messages,
          schemaName: HOME_SCHEMA_NAME,
          jsonSchema: HOME_JSON_SCHEMA,
          maxTokens,
          stream,
          signal: requests.signal,
          onDelta: (delta) => {
            const now = deps.now();
            if (now - lastDeltaAt < DELTA_PROGRESS_INTERVAL_MS) return;
            lastDeltaAt = now;
            emit({ type: 'delta', index: item.index, receivedBytes: delta.receivedBytes, contentChars: delta.contentChars, totals: snapshot() });
          },
        };
        if (input.temperature !== undefined) request.temperature = input.temperature;
        if (input.reasoningEffort !== undefined) request.reasoningEffort = input.reasoningEffort;
        reply = await deps.client.createStructured(request);
      } catch (error) {
        slot();
        slot = null;
        const failure = openAiFailureOf(error) ?? unknownFailure(error);
        if (await handleFailure(item, failure, counters)) continue;
        return;
      }
      slot();
      slot = null;
      addUsage(reply.usage, usage);

      if (reply.refusal !== null || reply.finishReason === 'content_filter') {
        const why = reply.refusal ?? 'the content filter stopped the reply';
        skip(item.index, 'refusal', `The model declined this home: ${why}`);
        return;
      }
      if (reply.finishReason === REPLY_TOO_LARGE) {
        skip(item.index, 'truncated', 'The reply was far larger than any home and was cut off unread; resume asks for this home again.');
        return;
      }
      if (reply.finishReason === 'length') {
        if (stopping()) return;
        if (repaired || maxTokens >= MAX_TOKENS_CEILING) {
          skip(item.index, 'truncated', `The reply was cut off at ${maxTokens} tokens twice.`);
          return;
        }
        repaired = true;
        maxTokens = Math.min(MAX_TOKENS_CEILING, maxTokens * 2);
        emit({ type: 'repairing', index: item.index, problems: ['the reply was cut off at the token limit'], totals: snapshot() });
        continue;
      }
      const check = checkHomeReply(reply.content, item);
      if (!check.ok) {
        if (stopping()) return;
        if (repaired) {
          skip(item.index, 'invalid', `Still invalid after one re-ask: ${check.problems.slice(0, 5).join('; ')}`);
          return;
        }
        repaired = true;
        messages = buildRepairMessages(messages, reply.content ?? '', check.problems);
        emit({ type: 'repairing', index: item.index, problems: check.problems, totals: snapshot() });
        continue;
      }
      if (check.content.home_type !== item.homeType) {
        const asked = item.homeType.replace(/_/g, ' ');
        const got = check.content.home_type.replace(/_/g, ' ');
        if (!repaired && !stopping()) {
          repaired = true;
          const problem = `home_type is "${check.content.home_type}", but a ${asked} ("${item.homeType}") was asked for: describe a ${asked}`;
          messages = buildRepairMessages(messages, reply.content ?? '', [problem]);
          emit({ type: 'repairing', index: item.index, problems: [problem], totals: snapshot() });
          continue;
        }
        note = `The model made a ${got} although a ${asked} was asked for; it is kept as a ${got}, not relabelled.`;
      }
      const meta: HomeSynthesisMeta = {
        model: input.model,
        requestId: reply.requestId,
        usage: { ...usage },
        costUsd: estimateCost(usage, input.model),
        attempts,
        repaired,
        durationMs: deps.now() - started,
        ...(note === undefined ? {} : { note }),
      };
      try {
        await deps.saveHome(item.index, check.content, meta);
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        stop('failed', null, `Could not save home ${item.index}: ${text}`);
        return;
      }
      saved.push(item.index);
      totals.saved += 1;
      emit({ type: 'saved', index: item.index, meta, totals: snapshot() });
      return;
    }
  };

  const worker = async (): Promise<void> => {
    // Take the item before waiting for the pacer: a worker never books a start it has no home for, and
    // homes book their starts in plan order.
    for (let item = queue.shift(); item !== undefined && stopStatus === null; item = queue.shift()) {
      await processHome(item);
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
  } finally {
    input.signal?.removeEventListener('abort', onUserAbort);
  }

  const status: SynthesisStatus = stopStatus ?? 'completed';
  saved.sort((a, b) => a - b);
  const savedSet = new Set(saved);
  const remaining = input.plan.filter((item) => item.index >= startAt && !done.has(item.index) && !savedSet.has(item.index));
  const resumeAt = remaining.length === 0 ? null : Math.min(...remaining.map((item) => item.index));
  const result: SynthesisResult = {
    status,
    message: stopMessage,
    failure: stopFailure,
    saved,
    skipped,
    resumeAt,
    totals: snapshot(),
  };
  if (status !== 'completed') emit({ type: 'stopped', status, message: stopMessage, totals: snapshot() });
  return result;
}
