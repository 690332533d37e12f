import type { RuleOverrides } from '@sc-safety/adapter-utils';
import type { AdapterBaseConfigV1 } from '@sc-safety/spec';

/** Default per-call timeout: two minutes, long enough for a slow reasoning model's full answer. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * A model entry for the `openai` adapter (OpenAI and every OpenAI-compatible endpoint). `blocks:` and
 * `failures:` (from {@link RuleOverrides}) are tried before the preset's rules.
 */
export interface OpenAIAdapterConfig extends AdapterBaseConfigV1, RuleOverrides {
  /** The vendor's model id, e.g. `gpt-4o`, `glm-4-plus`, `ep-2024…`. */
  model: string;
  /** A built-in vendor preset (`openai` when absent): base URL, key variable, block rules, clamps. */
  preset?: string;
  /** Overrides the preset's base URL (proxies, intl endpoints, local ports). */
  baseURL?: string;
  /** The API key. Prefer `apiKeyEnv` or the preset's variable so keys stay out of config files. */
  apiKey?: string;
  /** Environment variable to read the key from, overriding the preset's. */
  apiKeyEnv?: string;
  /** Per-call timeout in milliseconds, covering the whole answer (default 120 000). */
  timeoutMs?: number;
  /** Stream the answer (default false). Streaming keeps partial text when an output block arrives. */
  stream?: boolean;
  /** Extra HTTP headers on every call. */
  headers?: Record<string, string>;
  /** `OpenAI-Organization` header. */
  organization?: string;
  /** `OpenAI-Project` header. */
  project?: string;
  /** Body name for `params.maxTokens` (OpenAI reasoning models need `max_completion_tokens`). */
  maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
  /** Extra fields merged into every request body (vendor options such as `enable_thinking`). */
  extraBody?: Record<string, unknown>;
}
