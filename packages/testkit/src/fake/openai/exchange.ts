import { estimateTokens } from '../common/split-text.js';
import type { FakeRequestContext } from '../server-base.js';
import type { FakeUsage, ServedModelOverride } from '../types.js';
import { OPENAI_VENDOR_PROFILES } from './vendors.js';
import type { OpenAIFakeVendor, OpenAIVendorProfile } from './vendors.js';

/** What every response to one chat request shares: ids, model, streaming mode. */
export interface Exchange {
  vendor: OpenAIFakeVendor;
  profile: OpenAIVendorProfile;
  completionId: string;
  requestId: string;
  /** The response's `model`: the requested one unless a served-model override says otherwise. */
  model: string;
  /** The response's `system_fingerprint`, when this vendor sends one. */
  fingerprint?: string;
  created: number;
  stream: boolean;
  includeUsage: boolean;
  inputTokens: number;
}

/** Reads the parts of a chat request the responses depend on. `seq` makes ids unique and predictable. */
export function buildExchange(
  ctx: FakeRequestContext,
  vendor: OpenAIFakeVendor,
  seq: number,
  served?: ServedModelOverride,
): Exchange {
  const profile = OPENAI_VENDOR_PROFILES[vendor];
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  const options = body.stream_options as Record<string, unknown> | undefined;
  const n = String(seq).padStart(4, '0');
  const override = served?.(ctx.request);
  // Only vendors that send a system_fingerprint get one, overridden or not.
  const fingerprint = profile.fingerprint === undefined ? undefined : (override?.fingerprint ?? profile.fingerprint);
  return {
    vendor,
    profile,
    completionId: `${profile.idPrefix}fake-${n}`,
    requestId: `fake-req-${n}`,
    model: override?.id ?? (typeof body.model === 'string' ? body.model : 'fake-model'),
    ...(fingerprint === undefined ? {} : { fingerprint }),
    created: Math.floor(Date.now() / 1000),
    stream: body.stream === true,
    includeUsage: options?.include_usage === true,
    inputTokens: countInputTokens(body.messages),
  };
}

function countInputTokens(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  let total = 0;
  for (const message of messages as Array<Record<string, unknown>>) {
    total += 4 + (typeof message.content === 'string' ? estimateTokens(message.content) : 0);
  }
  return total;
}

/** Usage for an answer of `text`, unless the scenario fixed it. */
export function usageFor(exchange: Exchange, text: string, fixed?: FakeUsage): FakeUsage {
  return fixed ?? { inputTokens: exchange.inputTokens, outputTokens: estimateTokens(text) };
}
