import type { AdapterBaseConfigV1 } from '@sc-safety/spec';

/** Default per-call timeout: two minutes, covering the whole answer (streamed or not). */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** `max_tokens` is required by the Messages API; used when neither the request nor the config sets one. */
export const DEFAULT_MAX_TOKENS = 1024;

/** Where the key is read from when the entry names no other variable. */
export const DEFAULT_API_KEY_ENV = 'ANTHROPIC_API_KEY';

/** A model entry for the `anthropic` adapter. */
export interface AnthropicAdapterConfig extends AdapterBaseConfigV1 {
  /** The model id, e.g. `claude-sonnet-4-5`. */
  model: string;
  /** The API key. Prefer `apiKeyEnv` (or `ANTHROPIC_API_KEY`) so keys stay out of config files. */
  apiKey?: string;
  /** Environment variable holding the key (default `ANTHROPIC_API_KEY`). */
  apiKeyEnv?: string;
  /** API origin (default `https://api.anthropic.com`): proxies, gateways, Anthropic-compatible vendors. */
  baseURL?: string;
  /** Per-call timeout in milliseconds, covering the whole answer (default 120 000). */
  timeoutMs?: number;
  /** Stream the answer (default false). Streaming keeps the text written before a refusal. */
  stream?: boolean;
  /** `max_tokens` when a request sets no `maxTokens` (default 1024). */
  maxTokens?: number;
  /** Extra HTTP headers on every call (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
}

/** The config after validation: defaults filled in. */
export type ResolvedAnthropicConfig = AnthropicAdapterConfig & {
  timeoutMs: number;
  stream: boolean;
  maxTokens: number;
};
