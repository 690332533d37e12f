import { estimateTokens } from '../common/split-text.js';
import type { FakeRequestContext } from '../server-base.js';
import type { FakeUsage, ServedModelOverride } from '../types.js';

/** What every response to one Messages request shares: ids, model, streaming mode, prompt size. */
export interface AnthropicExchange {
  /** `msg_…`, the message id in bodies and `message_start`. */
  messageId: string;
  /** `req_…`, sent as the `request-id` header and as `request_id` in error bodies. */
  requestId: string;
  /** The response's `model`: the requested one unless a served-model override says otherwise. */
  model: string;
  stream: boolean;
  inputTokens: number;
}

/** Reads the parts of a request the responses depend on. `seq` makes ids unique and predictable. */
export function buildAnthropicExchange(
  ctx: FakeRequestContext,
  seq: number,
  served?: ServedModelOverride,
): AnthropicExchange {
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  const n = String(seq).padStart(4, '0');
  return {
    messageId: `msg_fake_${n}`,
    requestId: `req_fake_${n}`,
    model: served?.(ctx.request)?.id ?? (typeof body.model === 'string' ? body.model : 'claude-fake'),
    stream: body.stream === true,
    inputTokens: countInputTokens(body),
  };
}

/** Usage for an answer of `text`, unless the scenario fixed it. */
export function usageFor(exchange: AnthropicExchange, text: string, fixed?: FakeUsage): FakeUsage {
  return fixed ?? { inputTokens: exchange.inputTokens, outputTokens: estimateTokens(text) };
}

function countInputTokens(body: Record<string, unknown>): number {
  let total = typeof body.system === 'string' ? estimateTokens(body.system) : 0;
  if (Array.isArray(body.messages)) {
    for (const message of body.messages as Array<Record<string, unknown>>) {
      total += 4 + (typeof message.content === 'string' ? estimateTokens(message.content) : 0);
    }
  }
  return total;
}
