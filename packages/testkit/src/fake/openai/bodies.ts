import type { FakeUsage } from '../types.js';
import type { Exchange } from './exchange.js';

/** `usage` as the vendor spells it. */
export function usageBody(exchange: Exchange, usage: FakeUsage): Record<string, unknown> {
  const base: Record<string, unknown> = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  if (exchange.vendor === 'openai') {
    base.prompt_tokens_details = { cached_tokens: 0 };
    base.completion_tokens_details = { reasoning_tokens: 0 };
  }
  if (exchange.vendor === 'deepseek') {
    base.prompt_cache_hit_tokens = 0;
    base.prompt_cache_miss_tokens = usage.inputTokens;
  }
  return base;
}

/** The top-level fields every body and chunk of this exchange carries. */
function envelope(exchange: Exchange, object: string): Record<string, unknown> {
  const head: Record<string, unknown> = {
    id: exchange.completionId,
    object,
    created: exchange.created,
    model: exchange.model,
  };
  if (exchange.profile.requestIdInBody === 'always') head.request_id = exchange.requestId;
  if (exchange.fingerprint !== undefined) head.system_fingerprint = exchange.fingerprint;
  return head;
}

export interface ChoiceParts {
  content: string | null;
  refusal?: string;
  finishReason: string;
  /** Non-standard per-choice fields (Qianfan `flag`, `ban_round`). */
  extras?: Record<string, unknown>;
}

/** A non-streamed `chat.completion` body. */
export function completionBody(exchange: Exchange, choice: ChoiceParts, usage: FakeUsage): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: choice.content };
  if (exchange.vendor === 'openai') message.refusal = choice.refusal ?? null;
  else if (choice.refusal !== undefined) message.refusal = choice.refusal;
  return {
    ...envelope(exchange, 'chat.completion'),
    choices: [{ index: 0, message, logprobs: null, finish_reason: choice.finishReason, ...choice.extras }],
    usage: usageBody(exchange, usage),
  };
}

export interface ChunkParts {
  delta: Record<string, unknown>;
  finishReason?: string | null;
  extras?: Record<string, unknown>;
  /** Zhipu: usage rides on the final chunk. */
  usage?: FakeUsage;
}

/** One streamed `chat.completion.chunk`. */
export function chunkBody(exchange: Exchange, parts: ChunkParts): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...envelope(exchange, 'chat.completion.chunk'),
    choices: [
      { index: 0, delta: parts.delta, logprobs: null, finish_reason: parts.finishReason ?? null, ...parts.extras },
    ],
  };
  if (parts.usage) body.usage = usageBody(exchange, parts.usage);
  // With include_usage, OpenAI-style servers send `usage: null` on every chunk but the last.
  else if (exchange.includeUsage && !exchange.profile.usageInFinalChunk) body.usage = null;
  return body;
}

/** The extra `choices: []` chunk that carries usage when `stream_options.include_usage` is set. */
export function usageChunkBody(exchange: Exchange, usage: FakeUsage): Record<string, unknown> {
  return { ...envelope(exchange, 'chat.completion.chunk'), choices: [], usage: usageBody(exchange, usage) };
}
