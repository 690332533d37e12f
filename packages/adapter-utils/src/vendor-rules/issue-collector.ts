import { isJsonPath, isRecord } from './json-path.js';

/** One problem in a rule, template or config, named by its field path (`blocks[0].when.path`). */
export interface RuleIssue {
  path: string;
  message: string;
}

/**
 * Collects issues while a value is checked field by field; every helper names the field it checks
 * and says what was expected, so a message tells the user the fix.
 */
export class IssueCollector {
  readonly issues: RuleIssue[] = [];
  /** Records one problem at a field path. */
  issue(path: string, message: string): void {
    this.issues.push({ path, message });
  }
  /** Flags every key of `value` that is not in `keys`, listing the known ones. */
  known(p: string, value: Record<string, unknown>, keys: string[]): void {
    for (const k of Object.keys(value))
      if (!keys.includes(k)) this.issue(`${p}.${k}`, `unknown field; known fields: ${keys.join(', ')}`);
  }
  /** A non-empty string, optionally matching `pattern`; `what` says what was expected. */
  string(p: string, value: unknown, what: string, pattern?: RegExp): void {
    if (typeof value !== 'string' || value.trim() === '' || (pattern !== undefined && !pattern.test(value)))
      this.issue(p, `expected ${what}`);
  }
  /** A JSON path; `example` shows a good one. */
  path(p: string, value: unknown, example: string): void {
    if (!isJsonPath(value)) this.issue(p, `expected a JSON path such as ${example}`);
  }
  /** A non-empty list of JSON paths. */
  pathList(p: string, value: unknown, example: string): void {
    if (!Array.isArray(value) || value.length === 0)
      return this.issue(p, `expected a non-empty list of JSON paths such as ${example}`);
    value.forEach((path, i) => {
      if (!isJsonPath(path)) this.issue(`${p}[${i}]`, `expected a JSON path such as ${example}`);
    });
  }
  /** A positive whole number. */
  positiveInt(p: string, value: unknown): void {
    if (!Number.isInteger(value) || (value as number) <= 0) this.issue(p, 'expected a positive whole number');
  }
  /** A list of strings. */
  stringList(p: string, value: unknown): void {
    if (!Array.isArray(value) || !value.every((s) => typeof s === 'string'))
      this.issue(p, 'expected a list of strings');
  }
  /** A map of name → string (absent is fine when `optional`). */
  stringMap(p: string, value: unknown, optional: boolean): void {
    if (value === undefined && optional) return;
    if (!isRecord(value)) return this.issue(p, 'expected a map of name → string');
    for (const [k, s] of Object.entries(value)) if (typeof s !== 'string') this.issue(`${p}.${k}`, 'expected a string');
  }
  /** A map whose keys are JSON paths (request body fields). */
  bodyMap(p: string, value: unknown): void {
    if (value === undefined) return;
    if (!isRecord(value))
      return this.issue(p, 'expected a map of JSON path → value, such as { "parameters.result_format": "message" }');
    for (const k of Object.keys(value))
      if (!isJsonPath(k)) this.issue(`${p}.${k}`, 'the key must be a JSON path such as "parameters.result_format"');
  }
  /** A valid regular expression, with a capture group when `needsGroup`. */
  regex(p: string, value: unknown, needsGroup: boolean): void {
    if (typeof value !== 'string') return this.issue(p, 'expected a regular expression');
    try {
      const compiled = new RegExp(value);
      if (needsGroup && new RegExp(`${compiled.source}|`).exec('')!.length < 2)
        this.issue(p, 'the expression needs a capture group for the number');
    } catch (error) {
      this.issue(p, `not a valid regular expression: ${(error as Error).message}`);
    }
  }
  /** A list; `each` checks every item at `path[i]`. */
  list(p: string, value: unknown, each: (path: string, item: unknown) => void): void {
    if (!Array.isArray(value)) return this.issue(p, 'expected a list');
    value.forEach((item, i) => each(`${p}[${i}]`, item));
  }
}
