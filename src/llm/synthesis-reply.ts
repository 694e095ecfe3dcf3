import type { HomePlanItem } from '../domain/homes/home-plan';
import type { HomeContent, SizeCategory } from '../domain/homes/home-schema';
import { buildRepairMessages } from './home-prompt';
import { checkHomeReply } from './home-reply';
import { REPLY_TOO_LARGE, type ChatMessage, type StructuredResult } from './openai-types';
import type { SkipReason } from './synthesis-types';

/**
 * What a synthesis run does with one home's reply: skip the home, re-ask once (with the problems, or with a
 * larger token budget), leave it for a resume because the run is stopping, or accept the content. Pure, so
 * the decision table can be read in one place; the caller applies it.
 */

/** Default reply budgets: ~60 tokens per device plus occupants and areas, with headroom. */
export const DEFAULT_MAX_TOKENS: Readonly<Record<SizeCategory, number>> = {
  small: 4000,
  medium: 6000,
  large: 8000,
  extra_large: 12000,
};
const MAX_TOKENS_CEILING = 32_000;

/** The conversation and budget of a home's current attempt, and whether its one re-ask is used up. */
export interface HomeAttempt {
  messages: ChatMessage[];
  maxTokens: number;
  repaired: boolean;
}

export type ReplyVerdict =
  | { kind: 'skip'; reason: SkipReason; message: string }
  /** The run is stopping: no re-ask, the home stays unsaved and a resume asks for it again. */
  | { kind: 'leave' }
  | { kind: 'reask'; messages: ChatMessage[]; maxTokens: number; problems: string[] }
  | { kind: 'accept'; content: HomeContent; note: string | undefined };

export function judgeReply(
  reply: StructuredResult,
  item: HomePlanItem,
  attempt: HomeAttempt,
  stopping: boolean,
): ReplyVerdict {
  const { messages, maxTokens, repaired } = attempt;
  if (reply.refusal !== null || reply.finishReason === 'content_filter') {
    const why = reply.refusal ?? 'the content filter stopped the reply';
    return { kind: 'skip', reason: 'refusal', message: `The model declined this home: ${why}` };
  }
  if (reply.finishReason === REPLY_TOO_LARGE) {
    return {
      kind: 'skip',
      reason: 'truncated',
      message: 'The reply was far larger than any home and was cut off unread; resume asks for this home again.',
    };
  }
  if (reply.finishReason === 'length') {
    if (stopping) return { kind: 'leave' };
    if (repaired || maxTokens >= MAX_TOKENS_CEILING) {
      return { kind: 'skip', reason: 'truncated', message: `The reply was cut off at ${maxTokens} tokens twice.` };
    }
    return {
      kind: 'reask',
      messages,
      maxTokens: Math.min(MAX_TOKENS_CEILING, maxTokens * 2),
      problems: ['the reply was cut off at the token limit'],
    };
  }
  const check = checkHomeReply(reply.content, item);
  if (!check.ok) {
    if (stopping) return { kind: 'leave' };
    if (repaired) {
      return {
        kind: 'skip',
        reason: 'invalid',
        message: `Still invalid after one re-ask: ${check.problems.slice(0, 5).join('; ')}`,
      };
    }
    return {
      kind: 'reask',
      messages: buildRepairMessages(messages, reply.content ?? '', check.problems),
      maxTokens,
      problems: check.problems,
    };
  }
  let note: string | undefined;
  if (check.content.home_type !== item.homeType) {
    const asked = item.homeType.replace(/_/g, ' ');
    const got = check.content.home_type.replace(/_/g, ' ');
    if (!repaired && !stopping) {
      const problem = `home_type is "${check.content.home_type}", but a ${asked} ("${item.homeType}") was asked for: describe a ${asked}`;
      return {
        kind: 'reask',
        messages: buildRepairMessages(messages, reply.content ?? '', [problem]),
        maxTokens,
        problems: [problem],
      };
    }
    note = `The model made a ${got} although a ${asked} was asked for; it is kept as a ${got}, not relabelled.`;
  }
  return { kind: 'accept', content: check.content, note };
}
