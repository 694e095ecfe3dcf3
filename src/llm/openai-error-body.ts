import { z } from 'zod';

/**
 * Reading what an OpenAI (or compatible) server said when it refused a request: the error envelope, the
 * quota and billing codes with the remedy for each, the rate-limit markers and the wait a reply states.
 * The classification built on these is in ./openai-errors.ts.
 */

/** The quota codes of openai.md §3; any of them (or type insufficient_quota) means "stop, add credit". */
export const QUOTA_CODES: ReadonlySet<string> = new Set([
  'insufficient_quota',
  'credit_balance_exhausted',
  'organization_spend_limit_exceeded',
  'project_spend_limit_exceeded',
  'organization_usage_limit_exceeded',
  // Billing, not quota, but the same remedy and the same rule: stop at once, never retry.
  'billing_not_active',
  'billing_hard_limit_reached',
  'access_terminated',
  'account_deactivated',
]);

/** `code` or `type` values of a 429 that is a real rate or token limit (the only 429s worth waiting out). */
const RATE_LIMIT_MARKERS: ReadonlySet<string> = new Set([
  'rate_limit_exceeded',
  'requests',
  'tokens',
  'rate_limit_error',
  'tokens_usage_based',
  'requests_usage_based',
]);

/**
 * Whether a 429 is a rate or token limit: its code or type says so, its message does ("Rate limit reached
 * for … on requests per min", "try again in 1.2s"), or it carries nothing at all (a bare 429 from a proxy or
 * a compatible server). Any other 429 (billing not active, a hard limit, an account problem) will not pass
 * by waiting.
 */
export function isRateOrTokenLimit(body: ParsedBody): boolean {
  if (body.code !== null && RATE_LIMIT_MARKERS.has(body.code)) return true;
  if (body.type !== null && RATE_LIMIT_MARKERS.has(body.type)) return true;
  const message = body.message ?? '';
  if (/rate limit|too many requests|try again in|per min(ute)?\b|\b(rpm|tpm|rpd|tpd)\b/i.test(message)) return true;
  return body.code === null && body.type === null && message.trim().length === 0;
}

export const BILLING_URL = 'https://platform.openai.com/settings/organization/billing/overview';
export const ORG_LIMITS_URL = 'https://platform.openai.com/settings/organization/limits';
const MAX_DETAIL_CHARS = 300;

/**
 * Parses the wait out of a 429 message ("Please try again in 1.146s", "in 84ms", "in 6m0s", "in 1h2m3s").
 * Returns milliseconds (rounded up), or null when the message states none.
 */
export function parseRetryAfterMs(message: string): number | null {
  const match = /try again in\s+((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)/i.exec(message);
  const duration = match?.[1];
  if (duration === undefined) return null;
  let total = 0;
  // `ms` must be tried before `m`, or "84ms" would read as 84 minutes.
  for (const part of duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    const value = Number(part[1]);
    const unit = part[2];
    total += unit === 'ms' ? value : unit === 's' ? value * 1000 : unit === 'm' ? value * 60_000 : value * 3_600_000;
  }
  return Math.ceil(total);
}

const envelopeSchema = z.object({
  error: z.union([
    z.object({
      message: z.string().nullish(),
      type: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
    }),
    // Some compatible servers (e.g. Ollama's native routes) send `{ "error": "text" }`.
    z.string(),
  ]),
});

export interface ParsedBody {
  message: string | null;
  type: string | null;
  code: string | null;
  html: boolean;
}

export function parseErrorBody(bodyText: string): ParsedBody {
  const trimmed = bodyText.trim();
  const html = /^<(!doctype|html|head|body)/i.test(trimmed);
  let json: unknown = null;
  if (!html && trimmed.length > 0) {
    try {
      json = JSON.parse(trimmed);
    } catch {
      json = null;
    }
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    return { message: html || trimmed.length === 0 ? null : trimmed, type: null, code: null, html };
  }
  const error = parsed.data.error;
  if (typeof error === 'string') return { message: error, type: null, code: null, html: false };
  return {
    message: error.message ?? null,
    type: error.type ?? null,
    code: error.code === undefined || error.code === null ? null : String(error.code),
    html: false,
  };
}

export function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_CHARS ? `${oneLine.slice(0, MAX_DETAIL_CHARS - 1)}…` : oneLine;
}

export function formatWait(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

export function quotaMessage(code: string | null): string {
  const keep = 'The homes made so far are kept; resume once this is fixed.';
  switch (code) {
    case 'billing_not_active':
      return `Billing is not active on this OpenAI account: add a payment method or buy credit on the OpenAI billing page (${BILLING_URL}). Waiting will not help. ${keep}`;
    case 'billing_hard_limit_reached':
      return `This OpenAI account has reached its hard billing limit: raise the limit on the organization Limits page (${ORG_LIMITS_URL}) or wait for the next billing month. ${keep}`;
    case 'access_terminated':
    case 'account_deactivated':
      return `OpenAI has deactivated access for this account or key. Contact OpenAI support, or use another key. ${keep}`;
    case 'credit_balance_exhausted':
      return `Your OpenAI credit balance is used up. Add credit on the OpenAI billing page (${BILLING_URL}). ${keep}`;
    case 'project_spend_limit_exceeded':
      return `This OpenAI project has reached its spend limit. Raise the budget on the project's Limits page (OpenAI dashboard → Settings → Project → Limits) or wait for the next billing month. ${keep}`;
    case 'organization_spend_limit_exceeded':
      return `Your OpenAI organization has reached its spend limit. Raise it on the organization Limits page (${ORG_LIMITS_URL}). ${keep}`;
    case 'organization_usage_limit_exceeded':
      return `Your OpenAI organization has reached its usage limit. Raise it on the organization Limits page (${ORG_LIMITS_URL}) or add credit on the billing page (${BILLING_URL}). ${keep}`;
    default:
      return `Your OpenAI account has no quota left. Add credit on the OpenAI billing page (${BILLING_URL}) and check the project and organization limits. ${keep}`;
  }
}

/**
 * The quota or billing code of an error body (its `code`, else its `type`: `billing_not_active` comes as
 * either, with the other null), `null` for a bare `insufficient_quota` type; undefined when it is neither.
 */
export function quotaCodeOf(body: ParsedBody): string | null | undefined {
  if (body.code !== null && QUOTA_CODES.has(body.code)) return body.code;
  if (body.type !== null && QUOTA_CODES.has(body.type)) return body.type;
  if (body.type === 'insufficient_quota') return null;
  return undefined;
}

/** The wait of `retry-after-ms` (ms) or `retry-after` (seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterFromHeaders(headers: Pick<Headers, 'get'>, now: number = Date.now()): number | null {
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms);
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
