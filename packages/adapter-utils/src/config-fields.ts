import type { ConfigSchemaIssue, ConfigSchemaResult } from '@sc-safety/spec';
import { z } from 'zod';
import { splitIssuePath, validateRuleOverrides } from './vendor-rules/validate-rules.js';

// Zod 4 field schemas for adapter configs, worded the way every adapter words them: the field by
// name, what it must be, and an example. A zod schema is a Standard Schema, so an adapter can use
// the object it builds from these as its `configSchema` directly.

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Shape = z.core.$ZodLooseShape;

/** Runs a refinement even when other parts of the value already failed: every problem shows at once. */
export const EVEN_IF_INVALID = { when: (): boolean => true } as const;

/** A message for every way a field can be wrong, absence included. */
const always = (message: string) => ({ error: message });

/**
 * An adapter config object whose every unknown key is its own issue at its own path (zod's strict
 * objects report them together on the parent). `unknown` words one key; `notAnObject` the whole
 * value when it is not an object.
 */
export function configObject<S extends Shape>(
  shape: S,
  options: { notAnObject: string; unknown?: (key: string, known: readonly string[]) => string },
) {
  const known = Object.keys(shape);
  const unknown = options.unknown ?? ((key: string) => `Unknown field "${key}". Known fields: ${known.join(', ')}.`);
  return z
    .looseObject(shape, always(options.notAnObject))
    .superRefine((value: unknown, ctx) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      for (const key of Object.keys(value)) {
        if (!known.includes(key))
          ctx.addIssue({ code: 'custom', path: [key], input: undefined, message: unknown(key, known) });
      }
    }, EVEN_IF_INVALID)
    .meta({ additionalProperties: false });
}

/** `"field" must be a non-empty string.` */
export function nonEmptyString(field: string, message = `"${field}" must be a non-empty string.`) {
  return z.string(always(message)).refine((s) => s.trim() !== '', always(message));
}

/** `model`, required, with what to write when it is missing. */
export function modelField(missing: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? missing : '"model" must be a non-empty string.') })
    .refine((s) => s.trim() !== '', always('"model" must be a non-empty string.'));
}

/** The name of an environment variable (`apiKeyEnv: MY_VENDOR_KEY`). */
export function envNameField(field: string, example = 'MY_VENDOR_KEY') {
  const message = `"${field}" must be an environment variable name such as "${example}".`;
  return z.string(always(message)).regex(ENV_NAME, always(message));
}

/** A positive whole number: `"timeoutMs" must be a positive whole number of milliseconds.` */
export function positiveWholeNumber(field: string, unit: string, why = '') {
  const message = `"${field}" must be a positive whole number${unit === '' ? '' : ` of ${unit}`}${why}.`;
  return z
    .number(always(message))
    .positive(always(message))
    .refine(Number.isInteger, always(message))
    .meta({ type: 'integer' });
}

/** `"stream" must be true or false.` */
export function booleanField(field: string) {
  return z.boolean(always(`"${field}" must be true or false.`));
}

/** A URL with one of the given schemes: `"baseURL" must be an http(s) URL, e.g. "https://…".` */
export function urlField(field: string, message: string, schemes: readonly string[] = ['http:', 'https:']) {
  return z.string(always(message)).refine((value) => {
    try {
      return schemes.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, always(message));
}

/** One of a few strings. */
export function choiceField<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, always(message));
}

/** `headers`: header name → string value, each wrong header named. */
export function headersField() {
  const header = z.string({
    error: (issue) => `Header "${String(issue.path?.[issue.path.length - 1])}" must be a string.`,
  });
  return z.record(z.string(), header, always('"headers" must be an object of header name → string value.'));
}

/** An object whose keys are free (`extraBody`). */
export function freeObject(message: string) {
  return z.record(z.string(), z.unknown(), always(message));
}

/**
 * Runs a config schema synchronously and returns a Standard Schema result with plain issues, for
 * adapters that also export a `validateConfig(value)` function.
 */
export function validateWith<T>(schema: z.ZodType<T>, value: unknown): ConfigSchemaResult<T> {
  const result = schema.safeParse(value);
  if (result.success) return { value: result.data };
  const issues: ConfigSchemaIssue[] = result.error.issues.map((issue) => ({
    path: issue.path,
    message: issue.message,
  }));
  return { issues };
}

/**
 * The call settings of a vendor adapter's entry, both optional: `timeoutMs` (a positive whole number
 * of milliseconds) and `stream` (true or false). Spread into the shape; {@link withCallDefaults}
 * fills them in.
 */
export const CALL_FIELDS = {
  timeoutMs: positiveWholeNumber('timeoutMs', 'milliseconds').optional(),
  stream: booleanField('stream').optional(),
};

/** The entry with {@link CALL_FIELDS} filled in where absent: the adapter's own timeout, and no streaming. */
export function withCallDefaults<C extends { timeoutMs?: number | undefined; stream?: boolean | undefined }>(
  config: C,
  timeoutMs: number,
): C & { timeoutMs: number; stream: boolean } {
  return { ...config, timeoutMs: config.timeoutMs ?? timeoutMs, stream: config.stream ?? false };
}

/**
 * `blocks:` and `failures:` of a model entry: rule overrides in the shared vendor-rule language
 * (docs/vendor-rules.md). The shape is checked by {@link checkRuleOverrides}, which words every
 * problem at its path (`blocks[0].when.path`).
 */
export const RULE_OVERRIDE_FIELDS = { blocks: z.unknown().optional(), failures: z.unknown().optional() };

/** A refinement for an entry with {@link RULE_OVERRIDE_FIELDS}: each bad rule field becomes an issue at its path. */
export function checkRuleOverrides(value: unknown, ctx: z.RefinementCtx): void {
  if (typeof value !== 'object' || value === null) return;
  for (const found of validateRuleOverrides(value as Record<string, unknown>)) {
    ctx.addIssue({ code: 'custom', path: splitIssuePath(found.path), input: undefined, message: found.message });
  }
}
