import type { ConfigSchemaIssue, ConfigSchemaResult, ConfigSchemaV1 } from '@sc-safety/spec';
import type { AcmeAdapterConfig } from './config.js';

const KNOWN = ['model', 'apiKey', 'apiKeyEnv', 'baseURL', 'timeoutMs', 'headers'];

/**
 * Validates an `acme` model entry: one issue per bad field, with its path, and no value ever
 * echoed in a message (a key pasted into the wrong field must not reach a log).
 */
export function validateConfig(value: unknown): ConfigSchemaResult<AcmeAdapterConfig> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { issues: [{ path: [], message: 'Expected an object with at least "model".' }] };
  }
  const v = value as Record<string, unknown>;
  const issues: ConfigSchemaIssue[] = [];
  for (const key of Object.keys(v))
    if (!KNOWN.includes(key))
      issues.push({ path: [key], message: `Unknown field "${key}". Known fields: ${KNOWN.join(', ')}.` });
  if (typeof v.model !== 'string' || v.model.trim() === '')
    issues.push({ path: ['model'], message: '"model" is required: the Acme model id, e.g. "acme-chat-2".' });
  for (const field of ['apiKey', 'apiKeyEnv'] as const) {
    if (v[field] !== undefined && (typeof v[field] !== 'string' || v[field].trim() === ''))
      issues.push({ path: [field], message: `"${field}" must be a non-empty string.` });
  }
  if (v.baseURL !== undefined && !(typeof v.baseURL === 'string' && /^https?:\/\/\S+$/.test(v.baseURL))) {
    issues.push({ path: ['baseURL'], message: '"baseURL" must be an http(s) URL.' });
  }
  if (
    v.timeoutMs !== undefined &&
    !(typeof v.timeoutMs === 'number' && Number.isInteger(v.timeoutMs) && v.timeoutMs > 0)
  ) {
    issues.push({ path: ['timeoutMs'], message: '"timeoutMs" must be a positive whole number of milliseconds.' });
  }
  if (v.headers !== undefined) {
    if (typeof v.headers !== 'object' || v.headers === null || Array.isArray(v.headers))
      issues.push({ path: ['headers'], message: '"headers" must be an object of strings.' });
    else
      for (const [name, h] of Object.entries(v.headers))
        if (typeof h !== 'string')
          issues.push({ path: ['headers', name], message: `Header "${name}" must be a string.` });
  }
  return issues.length > 0 ? { issues } : { value: v as unknown as AcmeAdapterConfig };
}

/** The adapter's `configSchema` (Standard-Schema shaped, written by hand: no validation library needed). */
export const configSchema: ConfigSchemaV1<AcmeAdapterConfig> = {
  '~standard': { version: 1, vendor: 'acme', validate: validateConfig },
};
