import { simulateHomeEvents } from '../domain/homes/event-simulator';
import { homeId } from '../domain/homes/home-export';
import type { HomeContent } from '../domain/homes/home-schema';
import { buildTemplateHome } from '../domain/homes/template-homes';
import { buildSurveyHome } from '../domain/survey-homes/survey-homes';
import { createRng, deriveSeed } from '../domain/random';
import type { OpenAiClient, TokenUsage } from '../llm/openai-client';
import type { OpenAiFailure } from '../llm/openai-errors';
import { estimateCost } from '../llm/pricing';
import { redactSecrets } from '../llm/redact-secrets';
import {
  runHomeSynthesis,
  type HomeSynthesisMeta,
  type SynthesisProgress,
  type SynthesisTotals,
} from '../llm/synthesis-run';
import type { WorkbenchDb } from '../storage/db';
import {
  claimHomesRun,
  eventsToChunks,
  homeBytes,
  HomesRunStaleError,
  isOpenRun,
  saveHomeWithEvents,
  updateHomesRun,
  type HomesRunRecord,
  type HomesRunStatus,
  type HomesRunTotals,
  type RunSource,
} from '../storage/homes-repo';
import { webRunLocks, withHomesRunLock, type RunLocks } from '../storage/homes-run-lock';
import type { HomeRecord } from '../storage/records';
import type { HomesProgress } from '../workers/homes.api';

/**
 * Executes a synthesis run (new or resumed) over the plan items not done yet: template or survey homes
 * built locally, or LLM homes through runHomeSynthesis. Each valid home gets its events simulated from
 * (run seed, home id) and is saved with them and the run's progress in one transaction, so a reload or
 * an error loses at most the home in progress. Ends by recording the outcome in the run record.
 *
 * While it executes, the run holds a Web Lock named after it (homes-run-lock.ts): other tabs see it is
 * live (and cannot replace, resume or discard it), and a second executor of the same run is refused.
 * Holding the lock, it writes to the run record only while that record is still this run and still
 * 'running', so it never overwrites a run another tab finished, replaced or discarded.
 */

export interface RunContext {
  db: WorkbenchDb;
  run: HomesRunRecord;
  signal: AbortSignal;
  now(): number;
  onProgress(p: HomesProgress): void;
  /** Lets a cancel message in between template homes. */
  yieldToEvents(): Promise<void>;
  /** The lock manager holding the run's lock; default the browser's (null: run unlocked). */
  locks?: RunLocks | null;
}

/** What an LLM run needs besides the context; the client already holds the key. */
export interface LlmRunDeps {
  client: Pick<OpenAiClient, 'createStructured'>;
  /** The key, only to scrub it from any text this run stores or reports. */
  secret: string;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

export interface RunOutcome {
  run: HomesRunRecord;
  saved: number;
  failure: OpenAiFailure | null;
}

function addTotals(base: HomesRunTotals, t: SynthesisTotals): HomesRunTotals {
  return {
    requests: base.requests + t.requests,
    retries: base.retries + t.retries,
    rateLimitWaits: base.rateLimitWaits + t.rateLimitWaits,
    inputTokens: base.inputTokens + t.usage.input_tokens,
    outputTokens: base.outputTokens + t.usage.output_tokens,
    costUsd: base.costUsd === null || t.costUsd === null ? null : base.costUsd + t.costUsd,
  };
}

function formatCost(usd: number | null): string {
  if (usd === null) return 'cost unknown for this model';
  return `≈ $${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** The home content a template run makes for one plan item: a pure function of (seed, plan item). */
export function templateContent(seed: number, item: HomesRunRecord['plan'][number]): HomeContent {
  return buildTemplateHome({
    homeType: item.homeType,
    sizeCategory: item.sizeCategory,
    index: item.index + 1,
    rng: createRng(deriveSeed(seed, 'template-home', item.index)),
  });
}

/** The home content a survey run makes for one plan item: a pure function of (seed, plan item). */
export function surveyContent(seed: number, item: HomesRunRecord['plan'][number]): HomeContent {
  return buildSurveyHome({
    homeType: item.homeType,
    sizeCategory: item.sizeCategory,
    index: item.index + 1,
    rng: createRng(deriveSeed(seed, 'survey-home', item.index)),
  });
}

/** The content of a plan item of a run made in the browser (no LLM): templates or survey statistics. */
export function localContent(source: RunSource, seed: number, item: HomesRunRecord['plan'][number]): HomeContent {
  switch (source) {
    case 'template':
      return templateContent(seed, item);
    case 'survey':
      return surveyContent(seed, item);
    case 'llm':
      throw new Error('LLM homes come from the API, not from a local maker.');
    default: {
      const never: never = source;
      throw new Error(`unknown home source ${String(never)}`);
    }
  }
}

/**
 * Runs the not-yet-done part of `ctx.run` holding its lock; never rejects for API errors (they end the run
 * with a status). Rejects, having written nothing, with HomesRunBusyError when another tab executes the
 * run, or with HomesRunStaleError when the stored record is no longer this 'running' run.
 */
export async function executeRun(ctx: RunContext, llm: LlmRunDeps | null): Promise<RunOutcome> {
  const locks = ctx.locks === undefined ? webRunLocks() : ctx.locks;
  return withHomesRunLock(ctx.run.id, () => executeLocked(ctx, llm), locks);
}

async function executeLocked(ctx: RunContext, llm: LlmRunDeps | null): Promise<RunOutcome> {
  const { db, run, signal } = ctx;
  const claimed = await claimHomesRun(db, run.id);
  const scrub = (text: string): string => redactSecrets(text, llm === null ? [] : [llm.secret]);
  const planned = run.plan.length;
  // The stored record may be ahead of the caller's copy (an earlier executor saved more): skip those too.
  const done = new Set([...run.done, ...claimed.done]);
  const base = claimed.totals;
  let totals = base;
  let saved = 0;
  let skippedNow = 0;
  const skippedList: HomesRunRecord['skipped'] = [];

  const emit = (activity: string, savedHomeId: string | null = null): void => {
    const tokens = totals.inputTokens + totals.outputTokens;
    const cost =
      run.source === 'llm' ? ` · ${tokens.toLocaleString('en-US')} tokens, ${formatCost(totals.costUsd)}` : '';
    ctx.onProgress({
      fraction: planned === 0 ? 1 : (done.size + skippedNow) / planned,
      phase: `${done.size} of ${planned} homes${cost}`,
      activity: scrub(activity),
      savedHomeId,
      done: done.size,
      skipped: skippedNow,
      planned,
      totals,
    });
  };

  let beforeSave = (): void => undefined;
  const saveOne = async (index: number, content: HomeContent, meta: HomeSynthesisMeta | null): Promise<void> => {
    beforeSave();
    const id = homeId(run.firstNumber + index);
    const createdAt = ctx.now();
    const events = simulateHomeEvents(
      { id, occupants: content.occupants, areas: content.areas, devices: content.devices },
      { startDate: run.startDate, days: run.days, timeZone: run.timeZone, seed: run.seed },
    );
    const chunks = eventsToChunks(id, events);
    const record: Omit<HomeRecord, 'sizeBytes'> = {
      ...content,
      id,
      source: run.source,
      seed: run.seed,
      created_at: new Date(createdAt).toISOString(),
      llm:
        meta === null
          ? null
          : {
              model: meta.model,
              request_id: meta.requestId,
              input_tokens: meta.usage.input_tokens,
              output_tokens: meta.usage.output_tokens,
            },
      createdAt,
      runId: run.id,
      planIndex: index,
      timeZone: run.timeZone,
      startDate: run.startDate,
      days: run.days,
      eventCount: events.time.length,
      chunkCount: chunks.length,
      costUsd: meta === null ? null : meta.costUsd,
    };
    const totalsAtSave = totals;
    await saveHomeWithEvents(db, { ...record, sizeBytes: homeBytes(record, chunks) }, chunks, (r) => {
      // Throwing aborts the save: no home lands that the stored run would not know about.
      if (!isOpenRun(r, run.id))
        throw new HomesRunStaleError('The synthesis run was finished, replaced or discarded in another tab.');
      return {
        ...r,
        // Everything this executor knows is saved, even if a stale writer rolled the list back meanwhile.
        done: [...new Set([...r.done, ...done, index])].sort((a, b) => a - b),
        skipped: r.skipped.filter((s) => s.index !== index),
        totals: totalsAtSave,
        updatedAt: createdAt,
      };
    });
    done.add(index);
    saved += 1;
    const tokens =
      meta === null ? '' : `, ${(meta.usage.input_tokens + meta.usage.output_tokens).toLocaleString('en-US')} tokens`;
    const note = meta?.note === undefined ? '' : ` ${meta.note}`;
    emit(
      `Saved ${id} (${content.home_type.replace(/_/g, ' ')}, ${content.devices.length} devices) with ${events.time.length.toLocaleString('en-US')} events${tokens}.${note}`,
      id,
    );
  };

  let status: HomesRunStatus = 'completed';
  let message: string | null = null;
  let failure: OpenAiFailure | null = null;
  const todo = run.plan.filter((item) => !done.has(item.index));
  emit(todo.length === 0 ? 'Nothing left to make.' : `Starting: ${todo.length} of ${planned} homes to make.`);

  try {
    if (llm === null) {
      for (const item of todo) {
        await ctx.yieldToEvents();
        if (signal.aborted) break;
        await saveOne(item.index, localContent(run.source, run.seed, item), null);
      }
      if (signal.aborted) {
        status = 'cancelled';
        message = `Cancelled with ${done.size} of ${planned} homes made; they are kept. Resume to make the rest.`;
      }
    } else {
      const conn = run.llm;
      if (conn === null) throw new Error('This run has no LLM settings.');
      // Live totals from the client itself: a reply's tokens count the moment it arrives, not at the next progress event.
      const seen: TokenUsage = { input_tokens: 0, output_tokens: 0 };
      let requests = 0;
      let last: SynthesisTotals | null = null;
      const client: LlmRunDeps['client'] = {
        async createStructured(request) {
          requests += 1;
          const reply = await llm.client.createStructured(request);
          if (reply.usage !== null) {
            seen.input_tokens += reply.usage.input_tokens;
            seen.output_tokens += reply.usage.output_tokens;
          }
          return reply;
        },
      };
      const refresh = (): void => {
        const cost = estimateCost(seen, conn.model);
        totals = {
          requests: base.requests + requests,
          retries: base.retries + (last?.retries ?? 0),
          rateLimitWaits: base.rateLimitWaits + (last?.rateLimitWaits ?? 0),
          inputTokens: base.inputTokens + seen.input_tokens,
          outputTokens: base.outputTokens + seen.output_tokens,
          costUsd: base.costUsd === null || cost === null ? null : base.costUsd + cost,
        };
      };
      beforeSave = refresh;
      const onProgress = (p: SynthesisProgress): void => {
        last = p.totals;
        refresh();
        const n = p.type === 'stopped' ? 0 : p.index + 1;
        switch (p.type) {
          case 'request':
            emit(`Asking for home ${n} of ${planned}${p.attempt > 1 ? ` (request ${p.attempt})` : ''}.`);
            return;
          case 'delta':
            emit(`Receiving home ${n}: ${p.contentChars.toLocaleString('en-US')} characters so far.`);
            return;
          case 'waiting':
            emit(`${p.message} Waiting ${(p.waitMs / 1000).toFixed(1)} s before home ${n}.`);
            return;
          case 'repairing':
            emit(`Home ${n} came back invalid (${p.problems.slice(0, 2).join('; ')}); asking once more.`);
            return;
          case 'skipped':
            skippedNow += 1;
            emit(`Skipped home ${n}: ${p.message}`);
            return;
          case 'saved':
          case 'stopped':
            return; // saveOne reports the save; the outcome is reported once the run has ended
        }
      };
      const result = await runHomeSynthesis(
        { plan: run.plan, completed: [...done], model: conn.model, rpm: conn.rpm, signal, stream: true },
        {
          client,
          saveHome: (index, content, meta) => saveOne(index, content, meta),
          onProgress,
          sleep: llm.sleep,
          now: ctx.now,
          random: llm.random,
        },
      );
      totals = addTotals(base, result.totals);
      skippedList.push(...result.skipped.map((s) => ({ index: s.index, reason: s.reason, message: scrub(s.message) })));
      status = result.status;
      message = result.message;
      failure = result.failure;
      if (status === 'completed' && result.skipped.length > 0) {
        message = `${result.skipped.length} home${result.skipped.length === 1 ? ' was' : 's were'} skipped (refused or invalid twice); resume to ask for ${result.skipped.length === 1 ? 'it' : 'them'} again.`;
      }
    }
  } catch (error) {
    status = 'failed';
    message = `The run stopped: ${error instanceof Error ? error.message : String(error)}. The homes made so far are kept; resume to continue.`;
  }

  const finalTotals = totals;
  const finalMessage = message === null ? null : scrub(message);
  // Only over this run while still 'running': an outcome never replaces one another tab recorded.
  const write = { settled: false };
  const final = await updateHomesRun(db, (r) => {
    if (!isOpenRun(r, run.id)) return r;
    write.settled = true;
    return {
      ...r,
      status,
      message: finalMessage,
      skipped: [
        ...r.skipped.filter((s) => !done.has(s.index) && !skippedList.some((k) => k.index === s.index)),
        ...skippedList,
      ].sort((a, b) => a.index - b.index),
      totals: finalTotals,
      updatedAt: ctx.now(),
    };
  });
  emit(finalMessage ?? `Done: ${done.size} of ${planned} homes made.`);
  const own: HomesRunRecord = {
    ...run,
    status,
    message: finalMessage,
    done: [...done].sort((a, b) => a - b),
    totals: finalTotals,
  };
  return { run: write.settled && final !== null ? final : own, saved, failure };
}
