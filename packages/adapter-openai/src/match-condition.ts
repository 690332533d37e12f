import { getPath, scalarString } from './json-path.js';
import type { FieldCondition, MatchCondition } from './presets/types.js';

/** What a condition is evaluated against: a vendor body and, for HTTP errors, its status. */
export interface MatchSubject {
  /** HTTP status; undefined for a 200 answer read as an answer, or an error frame inside a stream. */
  status?: number | undefined;
  body: unknown;
}

/** The vendor's error message: `error.message`, else a top-level `message` or `detail` string. */
export function errorMessageOf(body: unknown): string | undefined {
  return (
    stringAt(body, 'error.message') ?? stringAt(body, 'message') ?? stringAt(body, 'detail') ?? (typeof body === 'string' ? body : undefined)
  );
}

/** The vendor's error code: `error.code`, else `error.type`, else a top-level `code`. */
export function errorCodeOf(body: unknown): string | undefined {
  return scalarString(getPath(body, 'error.code')) ?? scalarString(getPath(body, 'error.type')) ?? scalarString(getPath(body, 'code'));
}

/** Whether every condition given holds for the subject. An empty condition never matches. */
export function matchCondition(condition: MatchCondition, subject: MatchSubject): boolean {
  const checks: boolean[] = [];
  const { body } = subject;
  if (condition.status !== undefined) checks.push(subject.status === condition.status);
  if (condition.errorCode !== undefined) checks.push(oneOf(scalarString(getPath(body, 'error.code')), condition.errorCode));
  if (condition.errorCodePrefix !== undefined) {
    const code = scalarString(getPath(body, 'error.code'));
    checks.push(code !== undefined && code.startsWith(condition.errorCodePrefix));
  }
  if (condition.errorType !== undefined) checks.push(oneOf(scalarString(getPath(body, 'error.type')), condition.errorType));
  if (condition.detail !== undefined) checks.push(stringAt(body, 'detail') === condition.detail);
  if (condition.messageIncludes !== undefined) {
    const message = errorMessageOf(body)?.toLowerCase();
    checks.push(message !== undefined && message.includes(condition.messageIncludes.toLowerCase()));
  }
  if (condition.messageStartsWith !== undefined) {
    const message = errorMessageOf(body)?.trimStart().toLowerCase();
    checks.push(message !== undefined && message.startsWith(condition.messageStartsWith.toLowerCase()));
  }
  if (condition.finishReason !== undefined) {
    checks.push(oneOf(scalarString(getPath(body, 'choices.0.finish_reason')), condition.finishReason));
  }
  if (condition.field !== undefined) checks.push(matchField(condition.field, body));
  return checks.length > 0 && checks.every(Boolean);
}

/** Whether any of the conditions holds. */
export function matchAny(conditions: readonly MatchCondition[], subject: MatchSubject): boolean {
  return conditions.some((condition) => matchCondition(condition, subject));
}

function matchField(condition: FieldCondition, body: unknown): boolean {
  const value = getPath(body, condition.path);
  const checks: boolean[] = [];
  if (condition.equals !== undefined) checks.push(scalarString(value) === String(condition.equals));
  if (condition.gte !== undefined) {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    checks.push(Number.isFinite(n) && n >= condition.gte);
  }
  if (condition.nonEmpty === true) checks.push(typeof value === 'string' && value.trim().length > 0);
  return checks.length > 0 && checks.every(Boolean);
}

function oneOf(value: string | undefined, expected: string | readonly string[]): boolean {
  if (value === undefined) return false;
  return typeof expected === 'string' ? value === expected : expected.includes(value);
}

function stringAt(body: unknown, path: string): string | undefined {
  const value = getPath(body, path);
  return typeof value === 'string' ? value : undefined;
}
