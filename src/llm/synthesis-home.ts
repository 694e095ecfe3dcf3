import type { HomePlanItem } from '../domain/homes/home-plan';
import { HOME_JSON_SCHEMA, HOME_SCHEMA_NAME } from './home-json-schema';
import { buildHomeMessages } from './home-prompt';
import { openAiFailureOf } from './openai-failure';
import type { StructuredRequest, StructuredResult, TokenUsage } from './openai-types';
import { estimateCost } from './pricing';
import { handleFailure, unknownFailure, type FailurePolicyContext } from './synthesis-failures';
import { DEFAULT_MAX_TOKENS, judgeReply, type HomeAttempt } from './synthesis-reply';
import type { HomeSynthesisMeta, SynthesisDeps, SynthesisRunInput } from './synthesis-types';

/**
 * One planned home from first request to save: takes a pacer slot per request, sends it, hands a failure to
 * the retry policy and a reply to the verdict, and saves the accepted content before the home counts as done.
 */

const DELTA_PROGRESS_INTERVAL_MS = 250;

/** What one home's attempts need from their run. */
export interface HomeJobContext extends FailurePolicyContext {
  input: Pick<SynthesisRunInput, 'model' | 'maxTokens' | 'temperature' | 'reasoningEffort'>;
  stream: boolean;
  deps: Pick<SynthesisDeps, 'client' | 'saveHome' | 'sleep' | 'now' | 'random'>;
}

/** A pacer slot, or null when the run is stopping (the pacer's wait was aborted). */
async function acquireSlot(ctx: HomeJobContext): Promise<(() => void) | null> {
  try {
    return await ctx.pacer.acquire(ctx.state.runSignal);
  } catch {
    return null; // aborted: the run is stopping
  }
}

/** Sends one structured request; streamed progress is reported at most every DELTA_PROGRESS_INTERVAL_MS per home. */
function sendRequest(
  ctx: HomeJobContext,
  item: HomePlanItem,
  attempt: HomeAttempt,
  deltaClock: { lastAt: number },
): Promise<StructuredResult> {
  const { input, deps, state } = ctx;
  const request: StructuredRequest = {
    model: input.model,
    messages: attempt.messages,
    schemaName: HOME_SCHEMA_NAME,
    jsonSchema: HOME_JSON_SCHEMA,
    maxTokens: attempt.maxTokens,
    stream: ctx.stream,
    signal: state.requestSignal,
    onDelta: (delta) => {
      const now = deps.now();
      if (now - deltaClock.lastAt < DELTA_PROGRESS_INTERVAL_MS) return;
      deltaClock.lastAt = now;
      state.emit({
        type: 'delta',
        index: item.index,
        receivedBytes: delta.receivedBytes,
        contentChars: delta.contentChars,
        totals: state.snapshot(),
      });
    },
  };
  if (input.temperature !== undefined) request.temperature = input.temperature;
  if (input.reasoningEffort !== undefined) request.reasoningEffort = input.reasoningEffort;
  return deps.client.createStructured(request);
}

/** Makes one home: resolves when it is saved, skipped or left for a resume; never rejects for API errors. */
export async function processHome(ctx: HomeJobContext, item: HomePlanItem): Promise<void> {
  const { input, deps, state } = ctx;
  const started = deps.now();
  const attempt: HomeAttempt = {
    messages: buildHomeMessages(item),
    maxTokens: input.maxTokens ?? DEFAULT_MAX_TOKENS[item.sizeCategory],
    repaired: false,
  };
  let attempts = 0;
  const counters = { retries: 0, waits: 0 };
  const usage: TokenUsage = { input_tokens: 0, output_tokens: 0 };
  let slot: (() => void) | null = null;
  const deltaClock = { lastAt: Number.NEGATIVE_INFINITY };

  for (;;) {
    if (slot === null) slot = await acquireSlot(ctx);
    if (slot === null || state.runSignal.aborted) {
      slot?.();
      return;
    }
    attempts += 1;
    state.totals.requests += 1;
    state.emit({ type: 'request', index: item.index, attempt: attempts, totals: state.snapshot() });
    let reply: StructuredResult;
    try {
      reply = await sendRequest(ctx, item, attempt, deltaClock);
    } catch (error) {
      slot();
      slot = null;
      const failure = openAiFailureOf(error) ?? unknownFailure(error);
      if (await handleFailure(ctx, item, failure, counters)) continue;
      return;
    }
    slot();
    slot = null;
    state.addUsage(reply.usage, usage);

    const verdict = judgeReply(reply, item, attempt, state.stopping());
    if (verdict.kind === 'leave') return;
    if (verdict.kind === 'skip') {
      state.skip(item.index, verdict.reason, verdict.message);
      return;
    }
    if (verdict.kind === 'reask') {
      attempt.repaired = true;
      attempt.messages = verdict.messages;
      attempt.maxTokens = verdict.maxTokens;
      state.emit({ type: 'repairing', index: item.index, problems: verdict.problems, totals: state.snapshot() });
      continue;
    }
    const meta: HomeSynthesisMeta = {
      model: input.model,
      requestId: reply.requestId,
      usage: { ...usage },
      costUsd: estimateCost(usage, input.model),
      attempts,
      repaired: attempt.repaired,
      durationMs: deps.now() - started,
      ...(verdict.note === undefined ? {} : { note: verdict.note }),
    };
    try {
      await deps.saveHome(item.index, verdict.content, meta);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      state.stop('failed', null, `Could not save home ${item.index}: ${text}`);
      return;
    }
    state.saved.push(item.index);
    state.totals.saved += 1;
    state.emit({ type: 'saved', index: item.index, meta, totals: state.snapshot() });
    return;
  }
}
