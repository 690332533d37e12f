import type { ConfigSchemaIssue, ConfigSchemaResult, ConfigSchemaV1 } from '@sc-safety/spec';
import { DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS } from './config.js';
import type { AnthropicAdapterConfig, ResolvedAnthropicConfig } from './config.js';

const KNOWN_FIELDS = ['model', 'apiKey', 'apiKeyEnv', 'baseURL', 'timeoutMs', 'stream', 'maxTokens', 'headers'] as const;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Headers the SDK sets from the config; setting them by hand would send a second credential. */
const RESERVED_HEADERS = new Set(['x-api-key', 'authorization']);

/**
 * Validates an `anthropic` model entry by hand: one issue per offending field, with its path.
 * Defaults (`timeoutMs` 120 000, `stream` false, `maxTokens` 1024) are filled in on success.
 * Messages never echo a value, so a key pasted in the wrong field cannot end up in a log.
 */
export function validateConfig(value: unknown): ConfigSchemaResult<ResolvedAnthropicConfig> {
  const issues: ConfigSchemaIssue[] = [];
  const issue = (path: PropertyKey[], message: string): void => {
    issues.push({ path, message });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { issues: [{ message: 'Expected an object with at least "model", e.g. { "model": "claude-sonnet-4-5" }.', path: [] }] };
  }
  const v = value as Record<string, unknown>;

  for (const key of Object.keys(v)) {
    if (!(KNOWN_FIELDS as readonly string[]).includes(key)) issue([key], `Unknown field "${key}". Known fields: ${KNOWN_FIELDS.join(', ')}.`);
  }

  if (v.model === undefined) issue(['model'], 'Missing "model": the Anthropic model id, e.g. "claude-sonnet-4-5".');
  else if (typeof v.model !== 'string' || v.model.trim() === '') issue(['model'], '"model" must be a non-empty string.');

  if (v.apiKey !== undefined && (typeof v.apiKey !== 'string' || v.apiKey.trim() === '')) issue(['apiKey'], '"apiKey" must be a non-empty string.');

  if (v.apiKeyEnv !== undefined && (typeof v.apiKeyEnv !== 'string' || !ENV_NAME.test(v.apiKeyEnv))) {
    issue(['apiKeyEnv'], '"apiKeyEnv" must be an environment variable name such as "ANTHROPIC_API_KEY".');
  }

  if (v.baseURL !== undefined && !isHttpUrl(v.baseURL)) issue(['baseURL'], '"baseURL" must be an http(s) URL, e.g. "https://api.anthropic.com".');

  if (v.timeoutMs !== undefined && !isPositiveInteger(v.timeoutMs)) issue(['timeoutMs'], '"timeoutMs" must be a positive whole number of milliseconds.');

  if (v.stream !== undefined && typeof v.stream !== 'boolean') issue(['stream'], '"stream" must be true or false.');

  if (v.maxTokens !== undefined && !isPositiveInteger(v.maxTokens)) issue(['maxTokens'], '"maxTokens" must be a positive whole number (the Messages API requires max_tokens).');

  if (v.headers !== undefined) {
    if (typeof v.headers !== 'object' || v.headers === null || Array.isArray(v.headers)) {
      issue(['headers'], '"headers" must be an object of header name → string value.');
    } else {
      for (const [name, headerValue] of Object.entries(v.headers as Record<string, unknown>)) {
        if (typeof headerValue !== 'string') issue(['headers', name], `Header "${name}" must be a string.`);
        else if (RESERVED_HEADERS.has(name.toLowerCase())) issue(['headers', name], `Header "${name}" is set from "apiKey" / "apiKeyEnv"; do not set it here.`);
      }
    }
  }

  if (issues.length > 0) return { issues };
  const config = v as unknown as AnthropicAdapterConfig;
  return {
    value: {
      ...config,
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      stream: config.stream ?? false,
      maxTokens: config.maxTokens ?? DEFAULT_MAX_TOKENS,
    },
  };
}

/** The adapter's `configSchema` (Standard-Schema shaped). */
export const configSchema: ConfigSchemaV1<ResolvedAnthropicConfig> = {
  '~standard': { version: 1, vendor: 'sc-safety', validate: validateConfig },
};

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
