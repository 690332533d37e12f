import type { FakeRespondContext } from '../server-base.js';
import type { FakeScenario, FakeServedModel, ServedModelOverride } from '../types.js';
import { playScenario } from '../common/play-scenario.js';
import type { ErrorScenario } from '../common/play-scenario.js';
import { servedOverride } from '../served-override.js';
import { retryAfterHeaders } from '../common/retry-after.js';
import { buildExchange } from './exchange.js';
import type { Exchange } from './exchange.js';
import { playBlock } from './play-block.js';
import { brokenWire, playText } from './play-text.js';
import { sendVendorError } from './send-error.js';
import type { OpenAIFakeVendor } from './vendors.js';

/**
 * Builds the `respond` of the OpenAI family: every scenario in `vendor`'s wire format. `served`
 * overrides the response's `model` and `system_fingerprint` per request.
 */
export function createOpenAIResponder(
  vendor: OpenAIFakeVendor,
  served?: ServedModelOverride,
): (ctx: FakeRespondContext) => Promise<void> {
  let seq = 0;
  return async (ctx) => {
    const exchange = buildExchange(ctx, vendor, ++seq, servedOverride(ctx.scenario, served));
    if (exchange.profile.requestIdHeader || exchange.profile.requestIdInBody === 'always')
      ctx.request.requestId = exchange.requestId;
    return playScenario(ctx, exchange, { servedModel, playAnswer: playText, playError, brokenWire, playBlock });
  };
}

function servedModel(exchange: Exchange): FakeServedModel {
  return { id: exchange.model, ...(exchange.fingerprint === undefined ? {} : { fingerprint: exchange.fingerprint }) };
}

function playError(ctx: FakeRespondContext, exchange: Exchange, scenario: ErrorScenario): void {
  switch (scenario.kind) {
    case 'rate-limit':
      return sendVendorError(ctx, exchange, 'rate-limit', { headers: rateLimitHeaders(scenario.retryAfter) });
    case 'server-error':
      return sendVendorError(ctx, exchange, 'server-error', { status: scenario.status ?? 500 });
    default:
      return sendVendorError(ctx, exchange, scenario.kind);
  }
}

type RetryAfter = Extract<FakeScenario, { kind: 'rate-limit' }>['retryAfter'];

/** `x-ratelimit-*` as OpenAI sends them, plus Retry-After in exactly the form the scenario asks for. */
export function rateLimitHeaders(retryAfter: RetryAfter): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ratelimit-limit-requests': '60',
    'x-ratelimit-remaining-requests': '0',
    'x-ratelimit-reset-requests': '1s',
    'x-ratelimit-limit-tokens': '150000',
    'x-ratelimit-remaining-tokens': '149000',
    'x-ratelimit-reset-tokens': '6m0s',
  };
  return { ...headers, ...retryAfterHeaders(retryAfter) };
}
