import { formatIssue, formatOmitted } from './issues.js';
import type { DatasetIssue } from './types.js';

const MARKER = Symbol.for('@sc-safety/core.dataset-error');

/** How many issues the error message itself lists; the full list is on `issues`. */
const MESSAGE_ISSUES = 10;

/**
 * A dataset could not be used. Carries every issue found (up to the validation cap) so callers
 * can print them all; `omitted` counts the ones past the cap.
 */
export class DatasetError extends Error {
  readonly [MARKER] = true;
  readonly code = 'dataset_invalid';
  readonly issues: readonly DatasetIssue[];
  readonly omitted: number;

  constructor(issues: readonly DatasetIssue[], options: { omitted?: number; message?: string } = {}) {
    super(options.message ?? summarise(issues, options.omitted ?? 0));
    this.name = 'DatasetError';
    this.issues = issues;
    this.omitted = options.omitted ?? 0;
  }

  /** The errors only (the issues may include warnings found on the way). */
  get errors(): DatasetIssue[] {
    return this.issues.filter((i) => i.severity === 'error');
  }

  /** Works across duplicate copies of this package, where `instanceof` does not. */
  static isInstance(error: unknown): error is DatasetError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

function summarise(issues: readonly DatasetIssue[], omitted: number): string {
  const errors = issues.filter((i) => i.severity === 'error');
  const shown = errors.slice(0, MESSAGE_ISSUES).map(formatIssue);
  const more = errors.length - shown.length + omitted;
  if (more > 0) shown.push(formatOmitted(more));
  const total = errors.length + omitted;
  const head = total === 1 ? 'invalid dataset' : `invalid dataset (${total} problems)`;
  return shown.length === 0 ? head : `${head}:\n${shown.join('\n')}`;
}
