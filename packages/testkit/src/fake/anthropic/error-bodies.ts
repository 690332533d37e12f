import type { AnthropicExchange } from './exchange.js';

/** The `error.type` values of the Messages API and the status each comes with (docs/vendor-apis.md §2). */
export const ANTHROPIC_ERROR_STATUS = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
} as const;

export type AnthropicErrorType = keyof typeof ANTHROPIC_ERROR_STATUS;

/** Anthropic has no quota status: a spent balance is a 400 with this message. */
export const CREDIT_BALANCE_MESSAGE =
  'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.';
export const CONTEXT_LENGTH_MESSAGE = 'prompt is too long: 215000 tokens > 200000 maximum';
export const OVERLOADED_MESSAGE = 'Overloaded';
/** The 400 observed when output is withheld by the content filter (anthropics/claude-code#31615). */
export const CONTENT_FILTERING_MESSAGE = 'Output blocked by content filtering policy';

/** `{"type":"error","error":{type,message},"request_id"}`, the one error envelope of the API. */
export function anthropicErrorBody(
  type: AnthropicErrorType | string,
  message: string,
  requestId?: string,
): Record<string, unknown> {
  return { type: 'error', error: { type, message }, ...(requestId === undefined ? {} : { request_id: requestId }) };
}

/**
 * Headers of every error response. `x-should-retry: false` stops the SDK's own retries, so a test
 * sees exactly what the adapter does with one failure.
 */
export function errorHeaders(exchange: Pick<AnthropicExchange, 'requestId'>): Record<string, string> {
  return { 'request-id': exchange.requestId, 'x-should-retry': 'false' };
}

const GATEWAY_502 =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>';

/** An error response: a JSON envelope, or an HTML page for a 502 from the CDN in front of the API. */
export interface AnthropicErrorReply {
  status: number;
  body?: Record<string, unknown>;
  html?: string;
}

/** The reply for a 5xx: 502 is a gateway page, 529 `overloaded_error`, 503 and others `api_error`. */
export function serverErrorReply(status: number, requestId: string): AnthropicErrorReply {
  if (status === 502) return { status, html: GATEWAY_502 };
  if (status === 529) return { status, body: anthropicErrorBody('overloaded_error', OVERLOADED_MESSAGE, requestId) };
  const message = status === 503 ? 'Service unavailable' : 'Internal server error';
  return { status, body: anthropicErrorBody('api_error', message, requestId) };
}
