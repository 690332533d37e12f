import type { ConfigSchemaResult, ConfigSchemaV1 } from '@sc-safety/spec';
import {
  CALL_FIELDS,
  configObject,
  envNameField,
  EVEN_IF_INVALID,
  freeObject,
  headersField,
  modelField,
  nonEmptyString,
  validateWith,
  withCallDefaults,
  RULE_OVERRIDE_FIELDS,
  checkRuleOverrides,
} from '@sc-safety/adapter-utils/config-fields';
import { z } from 'zod';
import { DEFAULT_TIMEOUT_MS } from './config.js';
import type { HttpAdapterConfig } from './config.js';
import { isJsonPath, splitIssuePath } from '@sc-safety/adapter-utils';
import { PRESET_NAMES } from './presets/index.js';
import { resolveTemplate, type TemplateChoice } from './resolve-template.js';
import type { HttpTemplate } from './template/types.js';
import { TemplateError } from './template/validate-template.js';

const URL_PATTERN = /^(https?|wss?):\/\/\S+$/;

function urlOf(field: string) {
  const message = `"${field}" must be an http(s) or ws(s) URL.`;
  return z.string({ error: message }).regex(URL_PATTERN, { error: message });
}

/**
 * An `http` model entry (zod 4, a Standard Schema), with one issue per offending field. The
 * template (preset, inline or file) is resolved and checked here too, so a wrong template field
 * is reported before the run starts with its exact path (`template.response.text: expected a JSON path …`).
 */
const schema = configObject(
  {
    model: modelField('Missing "model": the vendor model id, e.g. "qwen-plus".'),
    preset: z
      .string({
        error: (issue) => `Unknown preset ${JSON.stringify(issue.input)}. Use one of: ${PRESET_NAMES.join(', ')}.`,
      })
      .refine((name) => PRESET_NAMES.includes(name), {
        error: (issue) => `Unknown preset ${JSON.stringify(issue.input)}. Use one of: ${PRESET_NAMES.join(', ')}.`,
      })
      .optional(),
    template: z
      .union([z.string(), z.record(z.string(), z.unknown())], {
        error: '"template" must be a template object or a path to a .yaml/.yml/.json file.',
      })
      .optional(),
    baseURL: urlOf('baseURL').optional(),
    tokenURL: urlOf('tokenURL').optional(),
    ...CALL_FIELDS,
    headers: headersField().optional(),
    extraBody: freeObject('"extraBody" must be an object of JSON path → value.')
      .superRefine((body, ctx) => {
        for (const key of Object.keys(body)) {
          if (!isJsonPath(key))
            ctx.addIssue({
              code: 'custom',
              path: [key],
              input: key,
              message: `"${key}" is not a JSON path such as "parameters.enable_search".`,
            });
        }
      })
      .optional(),
    apiKey: nonEmptyString('apiKey').optional(),
    secretKey: nonEmptyString('secretKey').optional(),
    secretId: nonEmptyString('secretId').optional(),
    appId: nonEmptyString('appId').optional(),
    apiSecret: nonEmptyString('apiSecret').optional(),
    region: nonEmptyString('region').optional(),
    apiKeyEnv: envNameField('apiKeyEnv').optional(),
    secretKeyEnv: envNameField('secretKeyEnv').optional(),
    secretIdEnv: envNameField('secretIdEnv').optional(),
    appIdEnv: envNameField('appIdEnv').optional(),
    apiSecretEnv: envNameField('apiSecretEnv').optional(),
    // Rule overrides (`blocks:`, `failures:`) in the shared vendor-rule language, tried before the template's own rules.
    ...RULE_OVERRIDE_FIELDS,
  },
  { notAnObject: 'Expected an object with "model" and "preset" or "template".' },
)
  .superRefine(checkRuleOverrides, EVEN_IF_INVALID)
  .superRefine((value: unknown, ctx) => {
    if (typeof value !== 'object' || value === null) return;
    if (!('preset' in value) && !('template' in value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['preset'],
        input: undefined,
        message: `Give "preset" (${PRESET_NAMES.join(', ')}) or "template" (an object or a YAML/JSON file path).`,
      });
    }
  }, EVEN_IF_INVALID)
  // The template is read only once every field is right: its own problems would only add noise.
  .superRefine(
    (config, ctx) => {
      try {
        // The rule arrays were checked by checkRuleOverrides (issues stop this step), so they have the rule shape.
        const template = resolveTemplate({
          ...config,
          template: config.template as string | HttpTemplate | undefined,
        } as TemplateChoice);
        if (config.stream === true && template.stream === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['stream'],
            input: config.stream,
            message: `${template.label} template has no "stream" section: set stream: false.`,
          });
        }
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        for (const found of error.issues)
          ctx.addIssue({
            code: 'custom',
            path: splitIssuePath(found.path),
            input: undefined,
            message: `${found.path}: ${found.message}`,
          });
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  )
  // The template was checked by resolveTemplate above, so an object here is a template.
  .transform(
    ({ template, ...config }) =>
      withCallDefaults(
        { ...config, ...(template === undefined ? {} : { template: template as string | HttpTemplate }) },
        DEFAULT_TIMEOUT_MS,
      ) as HttpAdapterConfig,
  );

/** Validates an `http` model entry; see {@link configSchema}. */
export function validateConfig(value: unknown): ConfigSchemaResult<HttpAdapterConfig> {
  return validateWith(schema, value);
}

/** The adapter's `configSchema`: the zod schema itself (zod 4 implements Standard Schema). */
export const configSchema: ConfigSchemaV1<HttpAdapterConfig> = schema;
