import type { RunConfigProblem } from './run-config-error.js';
import { didYouMean } from './suggest.js';

/** How a value is named in a message. Secret fields are described by type only, never by value. */
export function describeValue(value: unknown, secret = false): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    if (secret) return 'a string';
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (secret) return `a ${typeof value}`;
  return String(value);
}

/** A plain object (mapping), not a list or null. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A number written through `${VAR}` arrives as text; only such text may stand for a number.
export const NUMERIC_TEXT = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

export type NumberKind =
  | 'positive integer'
  | 'non-negative integer'
  | 'integer'
  | 'positive number'
  | 'non-negative number';

function fits(n: number, kind: NumberKind): boolean {
  if (!Number.isFinite(n)) return false;
  switch (kind) {
    case 'positive integer':
      return Number.isInteger(n) && n > 0;
    case 'non-negative integer':
      return Number.isInteger(n) && n >= 0;
    case 'integer':
      return Number.isInteger(n);
    case 'positive number':
      return n > 0;
    case 'non-negative number':
      return n >= 0;
  }
}

/**
 * Collects problems while a config is checked. Paths whose environment expansion already failed
 * are skipped, so one mistake gives one message.
 */
export class ConfigChecker {
  readonly problems: RunConfigProblem[] = [];

  constructor(
    readonly expandedPaths: ReadonlySet<string> = new Set(),
    private readonly failedPaths: ReadonlySet<string> = new Set(),
  ) {}

  problem(path: string, message: string): void {
    if (this.failedPaths.has(path)) return;
    this.problems.push({ path, message });
  }

  /** A string field; `undefined` when absent or invalid. */
  string(
    value: unknown,
    path: string,
    options: { required?: string; nonEmpty?: boolean; secret?: boolean } = {},
  ): string | undefined {
    if (value === undefined || value === null) {
      if (options.required !== undefined) this.problem(path, options.required);
      else if (value === null) this.problem(path, 'expected a string, got null (remove the line to leave it unset)');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.problem(path, `expected a string, got ${describeValue(value, options.secret)}`);
      return undefined;
    }
    if (options.nonEmpty === true && value.trim().length === 0) {
      this.problem(path, options.required ?? 'must not be empty');
      return undefined;
    }
    return value;
  }

  /** A number field of the given kind; `undefined` when absent or invalid. */
  number(value: unknown, path: string, kind: NumberKind): number | undefined {
    if (value === undefined) return undefined;
    let n: number | undefined;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && this.expandedPaths.has(path) && NUMERIC_TEXT.test(value)) n = Number(value);
    if (n === undefined || !fits(n, kind)) {
      this.problem(path, `expected ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}, got ${describeValue(value)}`);
      return undefined;
    }
    return n;
  }

  /** One of a fixed set of strings, with a did-you-mean for near misses. */
  choice<T extends string>(value: unknown, path: string, choices: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    const list = choices.map((c) => `"${c}"`).join(', ');
    const hint = typeof value === 'string' ? didYouMean(value, choices) : '';
    this.problem(path, `expected one of ${list}, got ${describeValue(value)}${hint}`);
    return undefined;
  }

  /** A mapping; reports anything else. `undefined` when absent or invalid. */
  mapping(value: unknown, path: string, what: string): Record<string, unknown> | undefined {
    if (value === undefined) return undefined;
    if (isMapping(value)) return value;
    this.problem(path, `expected ${what}, got ${describeValue(value)}`);
    return undefined;
  }

  /** Reports keys outside `known`, suggesting the closest known one. */
  unknownKeys(
    value: Record<string, unknown>,
    known: readonly string[],
    pathOf: (key: string) => string,
    what: string,
  ): void {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const hint = didYouMean(key, known);
      this.problem(
        pathOf(key),
        hint === '' ? `unknown ${what} (known: ${known.join(', ')})` : `unknown ${what}${hint}`,
      );
    }
  }
}
