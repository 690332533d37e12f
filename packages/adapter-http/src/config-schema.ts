import type { ConfigSchemaIssue, ConfigSchemaResult, ConfigSchemaV1 } from '@sc-safety/spec';
import { DEFAULT_TIMEOUT_MS } from './config.js';
import type { HttpAdapterConfig } from './config.js';
import { isJsonPath, isRecord, splitIssuePath, validateRuleOverrides } from '@sc-safety/adapter-utils';
import { PRESET_NAMES } from './presets/index.js';
import { resolveTemplate } from './resolve-template.js';
import { TemplateError } from './template/validate-template.js';

/** Rule overrides (`blocks:`, `failures:`), checked by the shared vendor-rule language. */
const RULE_FIELDS = ['blocks', 'failures'] as const;
const STRING_FIELDS = ['apiKey', 'secretKey', 'secretId', 'appId', 'apiSecret', 'region'] as const;
const ENV_FIELDS = ['apiKeyEnv', 'secretKeyEnv', 'secretIdEnv', 'appIdEnv', 'apiSecretEnv'] as const;
const KNOWN_FIELDS = new Set<string>(['model', 'preset', 'template', 'baseURL', 'tokenURL', 'timeoutMs', 'stream', 'headers', 'extraBody', ...STRING_FIELDS, ...ENV_FIELDS, ...RULE_FIELDS]);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Validates an `http` model entry, with one issue per offending field. The template (preset,
 * inline or file) is resolved and checked here too, so a wrong template field is reported before
 * the run starts with its exact path (`template.response.text: expected a JSON path …`).
 */
export function validateConfig(value: unknown): ConfigSchemaResult<HttpAdapterConfig> {
  const issues: ConfigSchemaIssue[] = [];
  const issue = (path: PropertyKey[], message: string): void => {
    issues.push({ path, message });
  };
  if (!isRecord(value)) return { issues: [{ message: 'Expected an object with "model" and "preset" or "template".', path: [] }] };
  for (const key of Object.keys(value)) if (!KNOWN_FIELDS.has(key)) issue([key], `Unknown field "${key}". Known fields: ${[...KNOWN_FIELDS].join(', ')}.`);
  if (typeof value.model !== 'string' || value.model.trim() === '') issue(['model'], 'Missing "model": the vendor model id, e.g. "qwen-plus".');
  if (value.preset === undefined && value.template === undefined) issue(['preset'], `Give "preset" (${PRESET_NAMES.join(', ')}) or "template" (an object or a YAML/JSON file path).`);
  if (value.preset !== undefined && (typeof value.preset !== 'string' || !PRESET_NAMES.includes(value.preset))) {
    issue(['preset'], `Unknown preset ${JSON.stringify(value.preset)}. Use one of: ${PRESET_NAMES.join(', ')}.`);
  }
  if (value.template !== undefined && typeof value.template !== 'string' && !isRecord(value.template)) issue(['template'], '"template" must be a template object or a path to a .yaml/.yml/.json file.');
  for (const field of ['baseURL', 'tokenURL'] as const) {
    if (value[field] !== undefined && (typeof value[field] !== 'string' || !/^(https?|wss?):\/\/\S+$/.test(value[field]))) issue([field], `"${field}" must be an http(s) or ws(s) URL.`);
  }
  for (const field of STRING_FIELDS) if (value[field] !== undefined && (typeof value[field] !== 'string' || value[field].trim() === '')) issue([field], `"${field}" must be a non-empty string.`);
  for (const field of ENV_FIELDS) if (value[field] !== undefined && (typeof value[field] !== 'string' || !ENV_NAME.test(value[field]))) issue([field], `"${field}" must be an environment variable name such as "MY_VENDOR_KEY".`);
  if (value.timeoutMs !== undefined && (typeof value.timeoutMs !== 'number' || !Number.isInteger(value.timeoutMs) || value.timeoutMs <= 0)) issue(['timeoutMs'], '"timeoutMs" must be a positive whole number of milliseconds.');
  if (value.stream !== undefined && typeof value.stream !== 'boolean') issue(['stream'], '"stream" must be true or false.');
  if (value.headers !== undefined) {
    if (!isRecord(value.headers)) issue(['headers'], '"headers" must be an object of header name → string value.');
    else for (const [name, v] of Object.entries(value.headers)) if (typeof v !== 'string') issue(['headers', name], `Header "${name}" must be a string.`);
  }
  if (value.extraBody !== undefined) {
    if (!isRecord(value.extraBody)) issue(['extraBody'], '"extraBody" must be an object of JSON path → value.');
    else for (const key of Object.keys(value.extraBody)) if (!isJsonPath(key)) issue(['extraBody', key], `"${key}" is not a JSON path such as "parameters.enable_search".`);
  }
  // Rule overrides: one hook, kept apart from the field checks above.
  for (const found of validateRuleOverrides(value)) issue(splitIssuePath(found.path), found.message);
  if (issues.length > 0) return { issues };
  const config = value as unknown as HttpAdapterConfig;
  try {
    const template = resolveTemplate(config);
    if (config.stream === true && template.stream === undefined) issue(['stream'], `${template.label} template has no "stream" section: set stream: false.`);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    for (const found of error.issues) issue(splitIssuePath(found.path), `${found.path}: ${found.message}`);
  }
  if (issues.length > 0) return { issues };
  return { value: { ...config, timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS, stream: config.stream ?? false } };
}

/** The adapter's `configSchema` (Standard-Schema shaped). */
export const configSchema: ConfigSchemaV1<HttpAdapterConfig> = {
  '~standard': { version: 1, vendor: 'sc-safety', validate: validateConfig },
};
