import type { ConfigSchemaResult, ConfigSchemaV1 } from '@sc-safety/spec';
import {
  CALL_FIELDS,
  configObject,
  envNameField,
  EVEN_IF_INVALID,
  headersField,
  modelField,
  nonEmptyString,
  positiveWholeNumber,
  urlField,
  validateWith,
  withCallDefaults,
} from '@sc-safety/adapter-utils/config-fields';
import { DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS } from './config.js';
import type { ResolvedAnthropicConfig } from './config.js';

/** Headers the SDK sets from the config; setting them by hand would send a second credential. */
const RESERVED_HEADERS = new Set(['x-api-key', 'authorization']);

/**
 * An `anthropic` model entry (zod 4, a Standard Schema): one issue per offending field, with its
 * path. Defaults (`timeoutMs` 120 000, `stream` false, `maxTokens` 1024) are filled in on success.
 * Messages never echo a value, so a key pasted in the wrong field cannot end up in a log.
 */
const schema = configObject(
  {
    model: modelField('Missing "model": the Anthropic model id, e.g. "claude-sonnet-4-5".'),
    apiKey: nonEmptyString('apiKey').optional(),
    apiKeyEnv: envNameField('apiKeyEnv', 'ANTHROPIC_API_KEY').optional(),
    baseURL: urlField('baseURL', '"baseURL" must be an http(s) URL, e.g. "https://api.anthropic.com".').optional(),
    ...CALL_FIELDS,
    maxTokens: positiveWholeNumber('maxTokens', '', ' (the Messages API requires max_tokens)').optional(),
    headers: headersField()
      .superRefine((headers: unknown, ctx) => {
        if (typeof headers !== 'object' || headers === null) return;
        for (const name of Object.keys(headers)) {
          if (!RESERVED_HEADERS.has(name.toLowerCase())) continue;
          ctx.addIssue({
            code: 'custom',
            path: [name],
            input: undefined,
            message: `Header "${name}" is set from "apiKey" / "apiKeyEnv"; do not set it here.`,
          });
        }
      }, EVEN_IF_INVALID)
      .optional(),
  },
  { notAnObject: 'Expected an object with at least "model", e.g. { "model": "claude-sonnet-4-5" }.' },
).transform(
  (config): ResolvedAnthropicConfig => ({
    ...withCallDefaults(config, DEFAULT_TIMEOUT_MS),
    maxTokens: config.maxTokens ?? DEFAULT_MAX_TOKENS,
  }),
);

/** Validates an `anthropic` model entry; see {@link configSchema}. */
export function validateConfig(value: unknown): ConfigSchemaResult<ResolvedAnthropicConfig> {
  return validateWith(schema, value);
}

/** The adapter's `configSchema`: the zod schema itself (zod 4 implements Standard Schema). */
export const configSchema: ConfigSchemaV1<ResolvedAnthropicConfig> = schema;
