import type { OpenAiFailure } from './openai-failure';
import type { TokenUsage } from './openai-types';
import { estimateCost } from './pricing';
import { redactSecrets } from './redact-secrets';
import type {
  SkipReason,
  SkippedHome,
  SynthesisDeps,
  SynthesisProgress,
  SynthesisStatus,
  SynthesisTotals,
} from './synthesis-types';

/**
 * What the concurrent homes of one synthesis run share: the running totals, the saved and skipped lists, and
 * the stop latch. The first stop wins; later ones are ignored so the reported reason is the original one.
 */
export interface SynthesisRunState {
  readonly totals: SynthesisTotals;
  /** Indexes saved so far, in the order they were saved. */
  readonly saved: number[];
  readonly skipped: SkippedHome[];
  /** Aborts on any stop: ends the waits and the pacer queue, so no new request is sent. */
  readonly runSignal: AbortSignal;
  /** Aborts only on the user's cancel: requests already sent run on after other stops (they are billed anyway). */
  readonly requestSignal: AbortSignal;
  stop(status: SynthesisStatus, failure: OpenAiFailure | null, message: string | null): void;
  stopping(): boolean;
  /** The stop that ended the run, or null status while it runs or when it completed. */
  stopReason(): { status: SynthesisStatus | null; message: string | null; failure: OpenAiFailure | null };
  /** A copy of the totals, safe to hand to a progress listener. */
  snapshot(): SynthesisTotals;
  emit(progress: SynthesisProgress): void;
  /** Adds a reply's tokens to one home's usage and to the run's totals (and its cost). */
  addUsage(usage: TokenUsage | null, into: TokenUsage): void;
  /** Records a home given up on (it stays unsaved, so a resume asks for it again). */
  skip(index: number, reason: SkipReason, message: string): void;
}

export function createRunState(
  planned: number,
  model: string,
  deps: Pick<SynthesisDeps, 'onProgress'>,
): SynthesisRunState {
  const totals: SynthesisTotals = {
    planned,
    saved: 0,
    skipped: 0,
    requests: 0,
    retries: 0,
    rateLimitWaits: 0,
    usage: { input_tokens: 0, output_tokens: 0 },
    costUsd: estimateCost({ input_tokens: 0, output_tokens: 0 }, model),
  };
  const saved: number[] = [];
  const skipped: SkippedHome[] = [];
  let stopStatus: SynthesisStatus | null = null;
  let stopMessage: string | null = null;
  let stopFailure: OpenAiFailure | null = null;

  // A stop ends the waits and the pacer queue (no new request), while requests already sent run on to their
  // end (their tokens are billed anyway); only the user's cancel aborts those too.
  const controller = new AbortController();
  const requests = new AbortController();

  const snapshot = (): SynthesisTotals => ({ ...totals, usage: { ...totals.usage } });
  const emit = (progress: SynthesisProgress): void => deps.onProgress?.(progress);

  return {
    totals,
    saved,
    skipped,
    runSignal: controller.signal,
    requestSignal: requests.signal,
    stop(status, failure, message) {
      if (stopStatus !== null) return;
      stopStatus = status;
      stopFailure = failure;
      stopMessage = message === null ? null : redactSecrets(message);
      controller.abort();
      if (status === 'cancelled') requests.abort();
    },
    stopping: () => stopStatus !== null,
    stopReason: () => ({ status: stopStatus, message: stopMessage, failure: stopFailure }),
    snapshot,
    emit,
    addUsage(usage, into) {
      if (usage === null) return;
      into.input_tokens += usage.input_tokens;
      into.output_tokens += usage.output_tokens;
      totals.usage.input_tokens += usage.input_tokens;
      totals.usage.output_tokens += usage.output_tokens;
      totals.costUsd = estimateCost(totals.usage, model);
    },
    skip(index, reason, message) {
      const clean = redactSecrets(message);
      skipped.push({ index, reason, message: clean });
      totals.skipped += 1;
      emit({ type: 'skipped', index, reason, message: clean, totals: snapshot() });
    },
  };
}
