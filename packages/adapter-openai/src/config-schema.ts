import type { ConfigSchemaIssue, ConfigSchemaResult, ConfigSchemaV1 } from '@sc-safety/spec';
import { DEFAULT_TIMEOUT_MS } from './config.js';
import type { OpenAIAdapterConfig } from './config.js';
import { isRecord, splitIssuePath, validateRuleOverrides } from '@sc-safety/adapter-utils';
import { PRESET_NAMES } from './presets/index.js';

const KNOWN_FIELDS = new Set<string>([
  'model',
  'preset',
  'baseURL',
  'apiKey',
  'apiKeyEnv',
  'timeoutMs',
  'stream',
  'headers',
  'organization',
  'project',
  'maxTokensParam',
  'extraBody',
  // Rule overrides, checked by the shared vendor rule language (adapter-utils vendor-rules/).
  'blocks',
  'failures',
]);

/** Body fields the adapter owns; letting `extraBody` replace them would break every call. */
const RESERVED_BODY_FIELDS: Readonly<Record<string, string>> = {
  model: 'set "model" instead',
  messages: 'messages come from each request',
  stream: 'set "stream" instead',
};

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Validates an `openai` model entry by hand, with one issue per offending field and its path.
 * Defaults (`timeoutMs` 120 000, `stream` false) are filled in on success.
 */
export function validateConfig(value: unknown): ConfigSchemaResult<OpenAIAdapterConfig> {
  const issues: ConfigSchemaIssue[] = [];
  const issue = (path: PropertyKey[], message: string): void => {
    issues.push({ path, message });
  };
  if (!isRecord(value)) return { issues: [{ message: 'Expected an object with at least "model".', path: [] }] };

  for (const key of Object.keys(value)) {
    if (!KNOWN_FIELDS.has(key)) issue([key], `Unknown field "${key}". Known fields: ${[...KNOWN_FIELDS].join(', ')}.`);
  }

  if (value.model === undefined) issue(['model'], 'Missing "model": the vendor model id, e.g. "gpt-4o".');
  else if (typeof value.model !== 'string' || value.model.trim() === '') issue(['model'], '"model" must be a non-empty string.');

  if (value.preset !== undefined && (typeof value.preset !== 'string' || !PRESET_NAMES.includes(value.preset))) {
    issue(['preset'], `Unknown preset ${JSON.stringify(value.preset)}. Use one of: ${PRESET_NAMES.join(', ')}.`);
  }

  if (value.baseURL !== undefined && !isHttpUrl(value.baseURL)) {
    issue(['baseURL'], '"baseURL" must be an http(s) URL, e.g. "https://api.example.com/v1".');
  }

  for (const field of ['apiKey', 'organization', 'project'] as const) {
    if (value[field] !== undefined && (typeof value[field] !== 'string' || value[field].trim() === '')) {
      issue([field], `"${field}" must be a non-empty string.`);
    }
  }

  if (value.apiKeyEnv !== undefined && (typeof value.apiKeyEnv !== 'string' || !ENV_NAME.test(value.apiKeyEnv))) {
    issue(['apiKeyEnv'], '"apiKeyEnv" must be an environment variable name such as "MY_VENDOR_KEY".');
  }

  if (
    value.timeoutMs !== undefined &&
    (typeof value.timeoutMs !== 'number' || !Number.isInteger(value.timeoutMs) || value.timeoutMs <= 0)
  ) {
    issue(['timeoutMs'], '"timeoutMs" must be a positive whole number of milliseconds.');
  }

  if (value.stream !== undefined && typeof value.stream !== 'boolean') issue(['stream'], '"stream" must be true or false.');

  if (value.headers !== undefined) {
    if (!isRecord(value.headers)) issue(['headers'], '"headers" must be an object of header name → string value.');
    else {
      for (const [name, headerValue] of Object.entries(value.headers)) {
        if (typeof headerValue !== 'string') issue(['headers', name], `Header "${name}" must be a string.`);
      }
    }
  }

  if (value.maxTokensParam !== undefined && value.maxTokensParam !== 'max_tokens' && value.maxTokensParam !== 'max_completion_tokens') {
    issue(['maxTokensParam'], '"maxTokensParam" must be "max_tokens" or "max_completion_tokens".');
  }

  if (value.extraBody !== undefined) {
    if (!isRecord(value.extraBody)) issue(['extraBody'], '"extraBody" must be an object merged into the request body.');
    else {
      for (const [key, hint] of Object.entries(RESERVED_BODY_FIELDS)) {
        if (key in value.extraBody) issue(['extraBody', key], `"extraBody.${key}" is owned by the adapter: ${hint}.`);
      }
    }
  }

  // Rule overrides: one hook, kept apart from the field checks above.
  for (const found of validateRuleOverrides(value)) issue(splitIssuePath(found.path), found.message);

  if (issues.length > 0) return { issues };
  const config = value as unknown as OpenAIAdapterConfig;
  return { value: { ...config, timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS, stream: config.stream ?? false } };
}

/** The adapter's `configSchema` (Standard-Schema shaped). */
export const configSchema: ConfigSchemaV1<OpenAIAdapterConfig> = {
  '~standard': { version: 1, vendor: 'sc-safety', validate: validateConfig },
};

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
