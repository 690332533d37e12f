import { getPath, numberOf, scalarString } from './json-path.js';
import type { Condition, RuleSubject } from './types.js';

const regexCache = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let compiled = regexCache.get(pattern);
  if (compiled === undefined) {
    compiled = new RegExp(pattern, 'i');
    regexCache.set(pattern, compiled);
  }
  return compiled;
}

/** Whether every test the condition gives holds for the subject. A condition with no test never matches. */
export function matches(condition: Condition, subject: RuleSubject): boolean {
  const checks: boolean[] = [];
  const { status } = subject;
  if (condition.status !== undefined) {
    const wanted = Array.isArray(condition.status) ? condition.status : [condition.status];
    checks.push(status !== undefined && wanted.includes(status));
  }
  if (condition.statusAtLeast !== undefined) checks.push(status !== undefined && status >= condition.statusAtLeast);
  if (condition.event !== undefined) checks.push(subject.event === condition.event);
  if (condition.path !== undefined) checks.push(...fieldChecks(condition, getPath(subject.body, condition.path)));
  if (condition.all !== undefined) checks.push(condition.all.every((c) => matches(c, subject)));
  if (condition.any !== undefined) checks.push(condition.any.some((c) => matches(c, subject)));
  if (condition.not !== undefined) checks.push(!matches(condition.not, subject));
  return checks.length > 0 && checks.every(Boolean);
}

/** Whether any of the conditions holds. */
export function matchesAny(conditions: readonly Condition[] | undefined, subject: RuleSubject): boolean {
  return conditions !== undefined && conditions.some((c) => matches(c, subject));
}

function fieldChecks(condition: Condition, value: unknown): boolean[] {
  const checks: boolean[] = [];
  const text = scalarString(value);
  const present = value !== undefined && value !== null;
  if (condition.exists !== undefined) checks.push(present === condition.exists);
  if (condition.equals !== undefined) checks.push(text !== undefined && text === String(condition.equals));
  if (condition.notEquals !== undefined) checks.push(text === undefined || text !== String(condition.notEquals));
  if (condition.oneOf !== undefined) checks.push(text !== undefined && condition.oneOf.map(String).includes(text));
  if (condition.gte !== undefined) {
    const n = numberOf(value);
    checks.push(n !== undefined && n >= condition.gte);
  }
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (condition.includes !== undefined)
    checks.push(lower !== undefined && lower.includes(condition.includes.toLowerCase()));
  if (condition.startsWith !== undefined)
    checks.push(lower !== undefined && lower.trimStart().startsWith(condition.startsWith.toLowerCase()));
  if (condition.matches !== undefined) checks.push(typeof value === 'string' && regex(condition.matches).test(value));
  if (condition.isTrue !== undefined) checks.push((value === true || value === 'true') === condition.isTrue);
  // `path` alone means "the field is present".
  if (checks.length === 0) checks.push(present);
  return checks;
}
