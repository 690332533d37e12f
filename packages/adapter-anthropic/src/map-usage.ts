import type { UsageV1 } from '@sc-safety/spec';

/**
 * Maps Anthropic `usage`. `inputTokens` is the whole prompt: the API counts cache writes and cache
 * reads apart from `input_tokens`, so they are added back; `cachedInputTokens` is the cache reads.
 */
export function mapUsage(usage: unknown): UsageV1 {
  if (typeof usage !== 'object' || usage === null) return {};
  const u = usage as Record<string, unknown>;
  const input = count(u.input_tokens);
  const cacheWrite = count(u.cache_creation_input_tokens);
  const cacheRead = count(u.cache_read_input_tokens);
  const output = count(u.output_tokens);
  const out: UsageV1 = {};
  if (input !== undefined) out.inputTokens = input + (cacheWrite ?? 0) + (cacheRead ?? 0);
  if (output !== undefined) out.outputTokens = output;
  if (out.inputTokens !== undefined && output !== undefined) out.totalTokens = out.inputTokens + output;
  if (cacheRead !== undefined && cacheRead > 0) out.cachedInputTokens = cacheRead;
  return out;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
