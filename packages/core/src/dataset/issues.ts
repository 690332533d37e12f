import type { DatasetIssue, ItemLocation, IssueSeverity } from './types.js';

/** How many issues a validation keeps by default before it only counts them. */
export const DEFAULT_MAX_ISSUES = 200;

/**
 * Collects issues up to a cap and counts the rest, so a broken 100k-line file produces a readable
 * report instead of 100k lines. Warnings that would repeat on every line (an extra field on every
 * item) are kept once and annotated with how often they recurred.
 */
export class IssueCollector {
  readonly issues: DatasetIssue[] = [];
  errorCount = 0;
  warningCount = 0;
  /** Issues counted but not kept because the cap was reached. */
  omitted = 0;
  private readonly repeats = new Map<string, { issue: DatasetIssue; extra: number }>();

  constructor(
    readonly file: string,
    readonly maxIssues: number = DEFAULT_MAX_ISSUES,
  ) {}

  report(
    at: ItemLocation | undefined,
    field: string | undefined,
    message: string,
    severity: IssueSeverity = 'error',
  ): void {
    const issue: DatasetIssue = { file: this.file, message, severity };
    if (at?.line !== undefined) issue.line = at.line;
    if (at?.item !== undefined) issue.item = at.item;
    if (field !== undefined) issue.field = field;
    this.add(issue);
  }

  error(at: ItemLocation | undefined, field: string | undefined, message: string): void {
    this.report(at, field, message, 'error');
  }

  warn(at: ItemLocation | undefined, field: string | undefined, message: string): void {
    this.report(at, field, message, 'warning');
  }

  /** A warning reported once per `key`; later occurrences only bump a counter. */
  warnOnce(key: string, at: ItemLocation | undefined, field: string | undefined, message: string): void {
    const seen = this.repeats.get(key);
    if (seen !== undefined) {
      seen.extra++;
      return;
    }
    const before = this.issues.length;
    this.warn(at, field, message);
    const kept = this.issues[before];
    if (kept !== undefined && this.issues.length > before) this.repeats.set(key, { issue: kept, extra: 0 });
    else this.repeats.set(key, { issue: { file: this.file, message, severity: 'warning' }, extra: 0 });
  }

  add(issue: DatasetIssue): void {
    if (issue.severity === 'error') this.errorCount++;
    else this.warningCount++;
    if (this.issues.length < this.maxIssues) this.issues.push(issue);
    else this.omitted++;
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  /** Annotates repeated warnings; call once when the scan is over. */
  finish(): void {
    for (const { issue, extra } of this.repeats.values()) {
      if (extra > 0) {
        const unit = issue.item !== undefined ? (extra === 1 ? 'item' : 'items') : extra === 1 ? 'line' : 'lines';
        issue.message += ` (also on ${extra} more ${unit})`;
      }
    }
    this.repeats.clear();
  }

  /** Only the warnings that were kept. */
  get warnings(): DatasetIssue[] {
    return this.issues.filter((i) => i.severity === 'warning');
  }
}

/** Where an issue is: `data.jsonl:7`, `data.json:item[3]` or just `data.json`. */
export function formatLocation(issue: Pick<DatasetIssue, 'file' | 'line' | 'item'>): string {
  if (issue.line !== undefined) return `${issue.file}:${issue.line}`;
  if (issue.item !== undefined) return `${issue.file}:item[${issue.item}]`;
  return issue.file;
}

/**
 * One issue as a line: `data.jsonl:7: turns[1]: empty string; every turn needs text`.
 * Warnings read `data.jsonl:3: color: warning: unknown field …`.
 */
export function formatIssue(issue: DatasetIssue): string {
  const parts = [formatLocation(issue)];
  if (issue.field !== undefined) parts.push(issue.field);
  parts.push(issue.severity === 'warning' ? `warning: ${issue.message}` : issue.message);
  return parts.join(': ');
}

/** The line that closes a capped list: `… and 12 more`. */
export function formatOmitted(omitted: number): string {
  return `… and ${omitted} more`;
}

/** Describes a JSON value for messages: `number 5`, `null`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
