/** Test support (see openai-test-kit.ts): OpenAI's error bodies, never imported by the app. */

function envelope(message: string, type: string | null, code: string | null): string {
  // The real API pretty-prints its error envelope with 4-space indentation.
  return JSON.stringify({ error: { message, type, param: null, code } }, null, 4);
}

/**
 * Error bodies as OpenAI sends them (openai.md §3). Where the doc gives only the type and code (the newer
 * quota codes), the message text is illustrative.
 */
export const OPENAI_ERROR_BODIES = {
  invalidKey: envelope(
    'Incorrect API key provided: sk-proj-…I0gA. You can find your API key at https://platform.openai.com/account/api-keys.',
    'invalid_request_error',
    'invalid_api_key',
  ),
  noKey: envelope(
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    'invalid_request_error',
    null,
  ),
  quotaLegacy: envelope(
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
    'insufficient_quota',
    'insufficient_quota',
  ),
  quotaLegacyNullCode: envelope(
    'You exceeded your current quota, please check your plan and billing details.',
    'insufficient_quota',
    null,
  ),
  creditExhausted: envelope(
    'Your credit balance is exhausted. Add credits on the billing page to continue using the API.',
    'insufficient_quota',
    'credit_balance_exhausted',
  ),
  projectSpendLimit: envelope(
    'This project has exceeded its monthly spend limit. Raise the limit in the project settings to continue.',
    'insufficient_quota',
    'project_spend_limit_exceeded',
  ),
  orgSpendLimit: envelope(
    'Your organization has exceeded its spend limit.',
    'insufficient_quota',
    'organization_spend_limit_exceeded',
  ),
  orgUsageLimit: envelope(
    'Your organization has exceeded its usage limit.',
    'insufficient_quota',
    'organization_usage_limit_exceeded',
  ),
  rateLimitRequests: (wait: string): string =>
    envelope(
      `Rate limit reached for gpt-6-luna in organization org-abc123 on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${wait}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
      'requests',
      'rate_limit_exceeded',
    ),
  rateLimitTokens: envelope(
    'Rate limit reached for gpt-6-luna in organization org-abc123 on tokens per min (TPM): Limit 200000, Used 199500, Requested 1646. Please try again in 1.146s. Visit https://platform.openai.com/account/rate-limits to learn more.',
    'tokens',
    'rate_limit_exceeded',
  ),
  rateLimitNoWait: envelope('Rate limit exceeded.', 'rate_limit_error', 'rate_limit_exceeded'),
  requestTooLarge: envelope(
    'Request too large for gpt-6-luna in organization org-abc123 on tokens per min (TPM): Limit 30000, Requested 205482. The input or output tokens must be reduced in order to run successfully. Visit https://platform.openai.com/account/rate-limits to learn more.',
    'tokens',
    'rate_limit_exceeded',
  ),
  slowDown: envelope(
    'Please reduce your rate of requests: your traffic ramped up too quickly.',
    'rate_limit_error',
    'slow_down',
  ),
  modelNotFound: (model: string): string =>
    envelope(
      `The model \`${model}\` does not exist or you do not have access to it.`,
      'invalid_request_error',
      'model_not_found',
    ),
  contextLength: envelope(
    "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.",
    'invalid_request_error',
    'context_length_exceeded',
  ),
  invalidSchema: (name: string, reason: string): string =>
    envelope(`Invalid schema for response_format '${name}': ${reason}`, 'invalid_request_error', null),
  regionForbidden: envelope(
    'Country, region, or territory not supported',
    'request_forbidden',
    'unsupported_country_region_territory',
  ),
  // Billing, which waiting does not fix: the type or the code carries it, sometimes with the other null.
  billingNotActive: envelope(
    'Your account is not active, please check your billing details on our website.',
    'billing_not_active',
    null,
  ),
  billingNotActiveCode: envelope(
    'Your account is not active, please check your billing details on our website.',
    'invalid_request_error',
    'billing_not_active',
  ),
  billingHardLimit: envelope(
    'Billing hard limit has been reached',
    'invalid_request_error',
    'billing_hard_limit_reached',
  ),
  serverError: envelope(
    'The server had an error while processing your request. Sorry about that!',
    'server_error',
    null,
  ),
  overloaded: envelope(
    'The engine is currently overloaded, please try again later.',
    'service_unavailable_error',
    'server_is_overloaded',
  ),
  badGatewayHtml:
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n',
} as const;
