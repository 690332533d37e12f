import type { FakeUsage } from '../types.js';
import type { AnthropicExchange } from './exchange.js';

/** `stop_details` as the API sends it with `stop_reason: "refusal"` (docs/vendor-apis.md §2). */
export const REFUSAL_STOP_DETAILS = { type: 'refusal', category: null, explanation: null } as const;

/** `usage` of a message body (and of `message_start`). */
export function usageBody(usage: FakeUsage): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: usage.outputTokens,
    service_tier: 'standard',
  };
}

export interface MessageParts {
  /** Text of the single text block; `''` sends `content: []` as the API does for an empty answer. */
  text: string;
  stopReason: string | null;
  stopDetails?: Record<string, unknown> | null;
}

/** A non-streamed Messages response body (`type: "message"`). */
export function messageBody(
  exchange: AnthropicExchange,
  parts: MessageParts,
  usage: FakeUsage,
): Record<string, unknown> {
  return {
    id: exchange.messageId,
    type: 'message',
    role: 'assistant',
    model: exchange.model,
    content: parts.text === '' ? [] : [{ type: 'text', text: parts.text }],
    stop_reason: parts.stopReason,
    stop_sequence: null,
    stop_details: parts.stopDetails ?? null,
    usage: usageBody(usage),
  };
}

/** The `message_start` event: the message shell with no content, no stop reason, output tokens 1. */
export function messageStartEvent(
  exchange: AnthropicExchange,
  inputTokens = exchange.inputTokens,
): Record<string, unknown> {
  return {
    type: 'message_start',
    message: messageBody(exchange, { text: '', stopReason: null }, { inputTokens, outputTokens: 1 }),
  };
}

/** The `message_delta` event: stop reason, stop details and the cumulative usage. */
export function messageDeltaEvent(
  stopReason: string,
  usage: FakeUsage,
  stopDetails: Record<string, unknown> | null = null,
): Record<string, unknown> {
  return {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null, stop_details: stopDetails },
    usage: {
      input_tokens: usage.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: usage.outputTokens,
    },
  };
}
