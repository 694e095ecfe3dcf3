import type { HomePlanItem } from '../domain/homes/home-plan';
import type { OpenAiFailure } from './openai-failure';
import type { RatePacer } from './rate-pacer';
import { redactSecrets } from './redact-secrets';
import type { SynthesisRunState } from './synthesis-state';
import type { SynthesisDeps, SynthesisStatus } from './synthesis-types';

/**
 * The retry and stop policy of a synthesis run (openai.md §4): what a failed request leads to — a wait and
 * another try of the same home, or a stop of the whole run with a status the user can act on.
 */

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

/** Anything thrown that is not an OpenAI failure (a bug, a broken fake): treated as a non-retryable bad response. */
export function unknownFailure(error: unknown): OpenAiFailure {
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

/** What the failure policy needs from its run. */
export interface FailurePolicyContext {
  state: SynthesisRunState;
  pacer: RatePacer;
  deps: Pick<SynthesisDeps, 'sleep' | 'now' | 'random'>;
  maxRetries: number;
  maxRateLimitWaits: number;
}

/** Per-home counts the policy caps: retries after transient failures and waits after rate limits. */
export interface FailureCounters {
  retries: number;
  waits: number;
}

/** Handles a failed request; returns true to try the same home again. */
export async function handleFailure(
  ctx: FailurePolicyContext,
  item: HomePlanItem,
  failure: OpenAiFailure,
  counters: FailureCounters,
): Promise<boolean> {
  const { state, pacer, deps, maxRetries, maxRateLimitWaits } = ctx;
  if (failure.kind === 'aborted') return false; // a stop or cancel already recorded the reason
  // The run is stopping: this home stays unsaved (resume asks for it again) unless the failure is itself a reason to stop.
  if (state.stopping() && failure.retryable) return false;
  if (failure.kind === 'rate_limit' || failure.kind === 'slow_down') {
    counters.waits += 1;
    state.totals.rateLimitWaits += 1;
    if (counters.waits > maxRateLimitWaits) {
      state.stop(
        'failed',
        failure,
        `Still rate limited after ${maxRateLimitWaits} waits on one home. Lower the requests-per-minute budget and resume.`,
      );
      return false;
    }
    if (failure.kind === 'slow_down') pacer.slowDown();
    const waitMs = rateLimitWaitMs(failure.retryAfterMs, counters.waits, deps.random);
    // Pausing the pacer (not just this home) stops every concurrent caller from hitting the limit too.
    pacer.pauseUntil(deps.now() + waitMs);
    state.emit({
      type: 'waiting',
      index: item.index,
      reason: failure.kind,
      waitMs,
      message: failure.message,
      totals: state.snapshot(),
    });
    return true;
  }
  if (failure.retryable) {
    counters.retries += 1;
    if (counters.retries > maxRetries) {
      state.stop(
        'failed',
        failure,
        `${failure.message} Gave up after ${maxRetries} retries; the homes made so far are kept, resume later.`,
      );
      return false;
    }
    state.totals.retries += 1;
    const waitMs =
      failure.kind === 'overloaded'
        ? backoffMs(counters.retries, 2000, 60_000, deps.random)
        : backoffMs(counters.retries, 1000, 30_000, deps.random);
    state.emit({
      type: 'waiting',
      index: item.index,
      reason: 'retry',
      waitMs,
      message: failure.message,
      totals: state.snapshot(),
    });
    await deps.sleep(waitMs, state.runSignal);
    return !state.runSignal.aborted;
  }
  state.stop(stopStatusFor(failure), failure, failure.message);
  return false;
}
