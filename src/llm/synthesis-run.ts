import { createRatePacer } from './rate-pacer';
import { processHome } from './synthesis-home';
import { createRunState } from './synthesis-state';
import type { SynthesisDeps, SynthesisResult, SynthesisRunInput, SynthesisStatus } from './synthesis-types';

export { backoffMs, rateLimitWaitMs } from './synthesis-failures';
export type {
  HomeSynthesisMeta,
  SkippedHome,
  SkipReason,
  SynthesisDeps,
  SynthesisProgress,
  SynthesisResult,
  SynthesisRunInput,
  SynthesisStatus,
  SynthesisTotals,
} from './synthesis-types';

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
 *
 * This module schedules the homes over the concurrent workers and assembles the result; one home's attempts
 * are in ./synthesis-home.ts, the reply decisions in ./synthesis-reply.ts, the retry and stop policy in
 * ./synthesis-failures.ts and the shared totals and stop latch in ./synthesis-state.ts.
 */

/** Runs (or resumes) a synthesis job; resolves when it completes or stops, never rejects for API errors. */
export async function runHomeSynthesis(input: SynthesisRunInput, deps: SynthesisDeps): Promise<SynthesisResult> {
  const pacer = deps.pacer ?? createRatePacer({ rpm: input.rpm }, { now: deps.now, sleep: deps.sleep });
  const startAt = input.startAt ?? 0;
  const done = new Set(input.completed ?? []);
  const queue = input.plan.filter((item) => item.index >= startAt && !done.has(item.index));
  const concurrency = Math.max(1, Math.min(input.concurrency ?? pacer.maxConcurrent, queue.length));

  const state = createRunState(queue.length, input.model, deps);
  const onUserAbort = (): void => state.stop('cancelled', null, 'Cancelled; the homes made so far are kept.');
  if (input.signal?.aborted === true) onUserAbort();
  input.signal?.addEventListener('abort', onUserAbort, { once: true });

  const ctx = {
    state,
    pacer,
    deps,
    input,
    stream: input.stream ?? true,
    maxRetries: input.maxRetries ?? 3,
    maxRateLimitWaits: input.maxRateLimitWaits ?? 10,
  };
  const worker = async (): Promise<void> => {
    // Take the item before waiting for the pacer: a worker never books a start it has no home for, and
    // homes book their starts in plan order.
    for (let item = queue.shift(); item !== undefined && !state.stopping(); item = queue.shift()) {
      await processHome(ctx, item);
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
  } finally {
    input.signal?.removeEventListener('abort', onUserAbort);
  }

  const stopped = state.stopReason();
  const status: SynthesisStatus = stopped.status ?? 'completed';
  const saved = state.saved;
  saved.sort((a, b) => a - b);
  const savedSet = new Set(saved);
  const remaining = input.plan.filter(
    (item) => item.index >= startAt && !done.has(item.index) && !savedSet.has(item.index),
  );
  const resumeAt = remaining.length === 0 ? null : Math.min(...remaining.map((item) => item.index));
  const result: SynthesisResult = {
    status,
    message: stopped.message,
    failure: stopped.failure,
    saved,
    skipped: state.skipped,
    resumeAt,
    totals: state.snapshot(),
  };
  if (status !== 'completed')
    state.emit({ type: 'stopped', status, message: stopped.message, totals: state.snapshot() });
  return result;
}
