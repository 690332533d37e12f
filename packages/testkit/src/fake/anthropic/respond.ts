import type { FakeRespondContext } from '../server-base.js';
import type { FakeScenario, ServedModelOverride } from '../types.js';
import {
  anthropicErrorBody,
  ANTHROPIC_ERROR_STATUS,
  CONTEXT_LENGTH_MESSAGE,
  CREDIT_BALANCE_MESSAGE,
  errorHeaders,
  OVERLOADED_MESSAGE,
  serverErrorReply,
} from './error-bodies.js';
import type { AnthropicErrorReply, AnthropicErrorType } from './error-bodies.js';
import { servedOverride } from '../served-override.js';
import { retryAfterHeaders } from '../common/retry-after.js';
import { playScenario } from '../common/play-scenario.js';
import type { ErrorScenario } from '../common/play-scenario.js';
import { buildAnthropicExchange } from './exchange.js';
import type { AnthropicExchange } from './exchange.js';
import { playBlock } from './play-block.js';
import { brokenWire, playText } from './play-text.js';
import { AnthropicStreamWriter } from './stream-writer.js';

/** How a streamed request gets a 529: as an HTTP status, or as `event: error` after a 200 (the usual way). */
export type StreamedOverload = 'event' | 'http';

/**
 * Builds the `respond` of the Anthropic family: every scenario in the Messages wire format.
 * `servedModel` overrides the response's `model` per request.
 */
export function createAnthropicResponder(options: {
  streamedOverload: StreamedOverload;
  servedModel?: ServedModelOverride;
}): (ctx: FakeRespondContext) => Promise<void> {
  let seq = 0;
  return async (ctx) => {
    const exchange = buildAnthropicExchange(ctx, ++seq, servedOverride(ctx.scenario, options.servedModel));
    ctx.request.requestId = exchange.requestId;
    return playScenario(ctx, exchange, {
      servedModel: (x) => ({ id: x.model }),
      playAnswer: playText,
      playError: (_ctx, x, scenario) => playError(ctx, x, scenario, options.streamedOverload),
      brokenWire,
      playBlock,
    });
  };
}

function playError(
  ctx: FakeRespondContext,
  exchange: AnthropicExchange,
  scenario: ErrorScenario,
  streamedOverload: StreamedOverload,
): void | Promise<void> {
  switch (scenario.kind) {
    case 'rate-limit':
      return sendError(
        ctx,
        exchange,
        'rate_limit_error',
        'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.',
        rateLimitHeaders(scenario.retryAfter),
      );
    case 'server-error': {
      const status = scenario.status ?? 500;
      if (status === 529 && exchange.stream && streamedOverload === 'event')
        return playMidStreamOverload(ctx, exchange);
      return sendReply(ctx, exchange, serverErrorReply(status, exchange.requestId));
    }
    case 'quota':
      return sendError(ctx, exchange, 'invalid_request_error', CREDIT_BALANCE_MESSAGE);
    case 'auth':
      return sendError(ctx, exchange, 'authentication_error', 'invalid x-api-key');
    case 'context-length':
      return sendError(ctx, exchange, 'invalid_request_error', CONTEXT_LENGTH_MESSAGE);
  }
}

function sendError(
  ctx: FakeRespondContext,
  exchange: AnthropicExchange,
  type: AnthropicErrorType,
  message: string,
  headers: Record<string, string> = {},
): void {
  ctx.sendJson(ANTHROPIC_ERROR_STATUS[type], anthropicErrorBody(type, message, exchange.requestId), {
    ...errorHeaders(exchange),
    ...headers,
  });
}

function sendReply(ctx: FakeRespondContext, exchange: AnthropicExchange, reply: AnthropicErrorReply): void {
  if (reply.html !== undefined) {
    ctx.res.writeHead(reply.status, {
      'content-type': 'text/html',
      'content-length': String(Buffer.byteLength(reply.html)),
      ...errorHeaders(exchange),
    });
    ctx.res.end(reply.html);
    return;
  }
  ctx.sendJson(reply.status, reply.body, errorHeaders(exchange));
}

/** A 200 stream that starts answering, then reports `overloaded_error` as an `event: error`. */
async function playMidStreamOverload(ctx: FakeRespondContext, exchange: AnthropicExchange): Promise<void> {
  const writer = new AnthropicStreamWriter(ctx, exchange);
  if (!(await writer.begin())) return;
  if (!(await writer.deltas(['Let me start answering'] as const))) return;
  writer.fail(anthropicErrorBody('overloaded_error', OVERLOADED_MESSAGE, exchange.requestId));
}

type RetryAfter = Extract<FakeScenario, { kind: 'rate-limit' }>['retryAfter'];

/**
 * `anthropic-ratelimit-*` headers as the API sends them (limits, remaining, RFC 3339 resets; the
 * requests bucket is the one exhausted), plus Retry-After in exactly the form the scenario asks for.
 */
export function rateLimitHeaders(retryAfter: RetryAfter, now = Date.now()): Record<string, string> {
  const reset = new Date(Math.ceil(now / 1000) * 1000 + 20_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const headers: Record<string, string> = {
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '0',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': '40000',
    'anthropic-ratelimit-tokens-remaining': '39000',
    'anthropic-ratelimit-tokens-reset': reset,
    'anthropic-ratelimit-input-tokens-limit': '30000',
    'anthropic-ratelimit-input-tokens-remaining': '29000',
    'anthropic-ratelimit-input-tokens-reset': reset,
    'anthropic-ratelimit-output-tokens-limit': '10000',
    'anthropic-ratelimit-output-tokens-remaining': '10000',
    'anthropic-ratelimit-output-tokens-reset': reset,
  };
  return { ...headers, ...retryAfterHeaders(retryAfter) };
}
