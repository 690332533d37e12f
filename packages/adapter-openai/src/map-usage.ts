import type { UsageV1 } from '@sc-safety/spec';
import { getPath } from '@sc-safety/adapter-utils';

/**
 * Token usage from an OpenAI-shaped `usage` object: prompt/completion/total, reasoning tokens and
 * cached prompt tokens (OpenAI `prompt_tokens_details.cached_tokens`, DeepSeek
 * `prompt_cache_hit_tokens`). Fields the vendor did not send stay absent.
 */
export function mapUsage(usage: unknown): UsageV1 {
  const out: UsageV1 = {};
  const set = (key: keyof UsageV1, ...paths: string[]): void => {
    for (const path of paths) {
      const value = getPath(usage, path);
      if (typeof value === 'number' && Number.isFinite(value)) {
        out[key] = value;
        return;
      }
    }
  };
  set('inputTokens', 'prompt_tokens');
  set('outputTokens', 'completion_tokens');
  set('totalTokens', 'total_tokens');
  set('reasoningTokens', 'completion_tokens_details.reasoning_tokens');
  set('cachedInputTokens', 'prompt_tokens_details.cached_tokens', 'prompt_cache_hit_tokens');
  return out;
}
