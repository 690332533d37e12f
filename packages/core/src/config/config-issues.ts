import type { z } from 'zod';
import { describeValue, NUMERIC_TEXT } from './checks.js';
import { childPath } from './expand-env.js';
import type { RunConfigProblem } from './run-config-error.js';
import { isSecretField } from './secret-fields.js';
import { didYouMean } from './suggest.js';

// The one place zod issues become our messages: a field's own message (set in its schema) wins;
// this map words everything else the same way everywhere (`expected a list, got "x"`).

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

/** The last named key of an issue path: secret fields are described by type only. */
function fieldName(path: readonly PropertyKey[] | undefined): string {
  const last = [...(path ?? [])].reverse().find((k) => typeof k === 'string');
  return typeof last === 'string' ? last : '';
}

/**
 * Words a zod issue that its schema gave no message of its own. Pass it as `error` to
 * `safeParse`; values of secret-like fields (`apiKey`, a token header) are never quoted.
 */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  const secret = isSecretField(fieldName(issue.path));
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'required';
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      const hint = issue.input === null ? ' (remove the line to leave it unset)' : '';
      return `expected ${expected}, got ${describeValue(issue.input, secret)}${hint}`;
    }
    case 'invalid_value': {
      const choices = issue.values.map((v) => JSON.stringify(v));
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, issue.values.map(String)) : '';
      return `expected one of ${choices.join(', ')}, got ${describeValue(issue.input, secret)}${hint}`;
    }
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
      if (issue.origin === 'array')
        return `expected at least ${issue.minimum} entries, got ${(issue.input as unknown[]).length}`;
      return `expected at least ${issue.minimum}, got ${describeValue(issue.input, secret)}`;
    case 'too_big':
      if (issue.origin === 'array')
        return `expected at most ${issue.maximum} entries, got ${(issue.input as unknown[]).length}`;
      return `expected at most ${issue.maximum}, got ${describeValue(issue.input, secret)}`;
    default:
      return undefined;
  }
};

export interface IssueProblemOptions {
  /** Where the validated value sits in the config (`models[1]`); empty for the whole file. */
  base?: string;
  /** Paths whose `${VAR}` expansion failed and are already reported: one mistake, one message. */
  failedPaths?: ReadonlySet<string>;
}

/** Turns finished zod issues into run-config problems (`models[2].params.temperature: …`), each once. */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  options: IssueProblemOptions = {},
): RunConfigProblem[] {
  const seen = new Set<string>();
  const problems: RunConfigProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.reduce<string>((at, key) => childPath(at, key as string | number), options.base ?? '');
    if (options.failedPaths?.has(path)) continue;
    // A value can break several checks of one field (-1.5 for a positive integer): say it once.
    const key = `${path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, message: issue.message });
  }
  return problems;
}

export interface ParseConfigOptions extends IssueProblemOptions {
  /** Paths whose text came from `${VAR}` expansion: there, numeric text may stand for a number. */
  expandedPaths?: ReadonlySet<string>;
}

/** A value the schema accepted, or every problem found in it. */
export type ParsedConfig<T> = { ok: true; data: T } | { ok: false; problems: RunConfigProblem[] };

/**
 * How configs are parsed. `jitless`: zod would otherwise compile a fast path (generated code, through
 * `new Function`) for every object schema on its first parse; a config is parsed once or twice per
 * process, so that compile cost is all start-up (bench `first-request`) and never paid back. The
 * result is the same either way.
 */
const PARSE_CONTEXT = { error: configErrorMap, jitless: true } as const;

/**
 * Validates `value` with `schema`, worded by {@link configErrorMap}. Where a number is expected and
 * the value is numeric text from `${VAR}` expansion, the text is read as that number and the value
 * checked again (the schema alone cannot know which text came from the environment).
 */
export function parseConfig<T>(
  schema: z.ZodType<T>,
  value: unknown,
  options: ParseConfigOptions = {},
): ParsedConfig<T> {
  let result = schema.safeParse(value, PARSE_CONTEXT);
  const expanded = options.expandedPaths;
  if (!result.success && expanded !== undefined && expanded.size > 0) {
    const numbers = result.error.issues.filter(
      (issue) =>
        issue.code === 'invalid_type' &&
        issue.expected === 'number' &&
        expanded.has(
          issue.path.reduce<string>((at, key) => childPath(at, key as string | number), options.base ?? ''),
        ) &&
        typeof valueAt(value, issue.path) === 'string' &&
        NUMERIC_TEXT.test(valueAt(value, issue.path) as string),
    );
    if (numbers.length > 0) {
      const copy = structuredClone(value);
      for (const issue of numbers) setAt(copy, issue.path, Number(valueAt(value, issue.path)));
      value = copy;
      result = schema.safeParse(value, PARSE_CONTEXT);
    }
  }
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, problems: problemsFromIssues(result.error.issues, options) };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const key of path)
    node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

function setAt(value: unknown, path: readonly PropertyKey[], replacement: unknown): void {
  const parent = valueAt(value, path.slice(0, -1)) as Record<PropertyKey, unknown>;
  parent[path[path.length - 1]!] = replacement;
}
