import type { ConfigSchemaResult, ConfigSchemaV1 } from '@sc-safety/spec';
import {
  CALL_FIELDS,
  choiceField,
  configObject,
  envNameField,
  freeObject,
  headersField,
  modelField,
  nonEmptyString,
  urlField,
  validateWith,
  withCallDefaults,
  RULE_OVERRIDE_FIELDS,
  checkRuleOverrides,
  EVEN_IF_INVALID,
} from '@sc-safety/adapter-utils/config-fields';
import { DEFAULT_TIMEOUT_MS } from './config.js';
import type { OpenAIAdapterConfig } from './config.js';
import { PRESET_NAMES } from './presets/index.js';

/** Body fields the adapter owns; letting `extraBody` replace them would break every call. */
const RESERVED_BODY_FIELDS: Readonly<Record<string, string>> = {
  model: 'set "model" instead',
  messages: 'messages come from each request',
  stream: 'set "stream" instead',
};

const presetMessage = (input: unknown): string =>
  `Unknown preset ${JSON.stringify(input)}. Use one of: ${PRESET_NAMES.join(', ')}.`;

/**
 * An `openai` model entry (zod 4, a Standard Schema): one issue per offending field, at its path.
 * Defaults (`timeoutMs` 120 000, `stream` false) are filled in on success.
 */
const schema = configObject(
  {
    model: modelField('Missing "model": the vendor model id, e.g. "gpt-4o".'),
    preset: nonEmptyString('preset')
      .refine((name) => PRESET_NAMES.includes(name), { error: (issue) => presetMessage(issue.input) })
      .optional()
      .describe('A built-in vendor preset: base URL, key variable, parameter ranges, block rules.'),
    baseURL: urlField('baseURL', '"baseURL" must be an http(s) URL, e.g. "https://api.example.com/v1".').optional(),
    apiKey: nonEmptyString('apiKey').optional(),
    apiKeyEnv: envNameField('apiKeyEnv').optional(),
    ...CALL_FIELDS,
    headers: headersField().optional(),
    organization: nonEmptyString('organization').optional(),
    project: nonEmptyString('project').optional(),
    maxTokensParam: choiceField(
      ['max_tokens', 'max_completion_tokens'],
      '"maxTokensParam" must be "max_tokens" or "max_completion_tokens".',
    ).optional(),
    extraBody: freeObject('"extraBody" must be an object merged into the request body.')
      .superRefine((body, ctx) => {
        for (const [key, hint] of Object.entries(RESERVED_BODY_FIELDS)) {
          if (key in body)
            ctx.addIssue({
              code: 'custom',
              path: [key],
              input: body[key],
              message: `"extraBody.${key}" is owned by the adapter: ${hint}.`,
            });
        }
      })
      .optional(),
    // Rule overrides (`blocks:`, `failures:`) in the shared vendor-rule language, tried before the preset's own rules.
    ...RULE_OVERRIDE_FIELDS,
  },
  { notAnObject: 'Expected an object with at least "model".' },
)
  .superRefine(checkRuleOverrides, EVEN_IF_INVALID)
  // The rule arrays were checked by checkRuleOverrides, so they have the rule shape here.
  .transform((config) => withCallDefaults(config, DEFAULT_TIMEOUT_MS) as OpenAIAdapterConfig);

/** Validates an `openai` model entry; see {@link configSchema}. */
export function validateConfig(value: unknown): ConfigSchemaResult<OpenAIAdapterConfig> {
  return validateWith(schema, value);
}

/** The adapter's `configSchema`: the zod schema itself (zod 4 implements Standard Schema). */
export const configSchema: ConfigSchemaV1<OpenAIAdapterConfig> = schema;
