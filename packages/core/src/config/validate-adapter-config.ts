import type { AdapterDefinitionV1, ConfigSchemaIssue, ConfigSchemaResult } from '@sc-safety/spec';
import { AdapterConfigError, type AdapterConfigProblem } from '../adapters/adapter-errors.js';
import { isSecretField, redactSecrets } from './secret-fields.js';

export interface ValidateAdapterConfigOptions {
  /** Where the entry sits in the run config, e.g. `models[1]`; prefixes every problem path. */
  path: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Joins a base path and a Standard Schema issue path: `models[1]` + `['headers', 'x-y']` → `models[1].headers["x-y"]`. */
export function formatIssuePath(base: string, issuePath: ConfigSchemaIssue['path']): string {
  let out = base;
  for (const segment of issuePath ?? []) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'symbol') out += `[${key.toString()}]`;
    else if (IDENTIFIER.test(key)) out += out.length === 0 ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out.length === 0 ? '(root)' : out;
}

// Schemas may echo the offending value; no credential (apiKey, a token in `headers`, …) may reach
// a message or a log. Uses this module's rule for which fields hold secrets (secret-fields.ts).
function scrub(message: string, config: unknown): string {
  const secrets: string[] = [];
  const collect = (value: unknown, secret: boolean): void => {
    if (typeof value === 'string') {
      if (secret) secrets.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) collect(item, secret);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) collect(item, secret || isSecretField(key));
    }
  };
  collect(config, false);
  return redactSecrets(message, secrets);
}

/**
 * Validates one model entry against the adapter's config schema and returns the validated (and
 * possibly transformed) config. Problems are reported with their full run-config path, e.g.
 * `models[1].temperature: expected a number`.
 */
export async function validateAdapterConfig<Config>(
  definition: AdapterDefinitionV1<Config>,
  config: unknown,
  options: ValidateAdapterConfigOptions,
): Promise<Config> {
  let result: ConfigSchemaResult<Config>;
  try {
    result = await definition.configSchema['~standard'].validate(config);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AdapterConfigError(
      [
        {
          path: options.path,
          message: `the "${definition.name}" adapter's config schema failed: ${scrub(reason, config)}`,
        },
      ],
      { cause: error },
    );
  }
  if (result === null || typeof result !== 'object') {
    throw new AdapterConfigError([
      { path: options.path, message: `the "${definition.name}" adapter's config schema returned no result` },
    ]);
  }
  if (result.issues !== undefined) {
    const problems: AdapterConfigProblem[] = result.issues.map((issue) => ({
      path: formatIssuePath(options.path, issue.path),
      message: scrub(issue.message, config),
    }));
    if (problems.length === 0) {
      problems.push({ path: options.path, message: `rejected by the "${definition.name}" adapter's config schema` });
    }
    throw new AdapterConfigError(problems);
  }
  return result.value;
}
