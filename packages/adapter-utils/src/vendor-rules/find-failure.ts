import type { HeadersInput } from '../headers.js';
import { parseRetryAfter } from '../retry-after.js';
import { matches } from './condition.js';
import { getPath, numberOf } from './json-path.js';
import type { FailureRule, RetryAfterSource, RuleSubject } from './types.js';

/** The first failure rule whose condition holds for an error body, or undefined. */
export function findFailure(rules: readonly FailureRule[], subject: RuleSubject): FailureRule | undefined {
  return rules.find((rule) => matches(rule.when, subject));
}

/** What reading a retry-after wait may look at. */
export interface RetryAfterEvidence {
  headers?: HeadersInput | undefined;
  body: unknown;
  /** The vendor's error message, for `messagePattern` sources. */
  message?: string | undefined;
  /** Clock for HTTP-date headers (tests). */
  now?: number | undefined;
}

/** The wait in milliseconds from the first source that gives one, tried in order. */
export function readRetryAfter(sources: readonly RetryAfterSource[], evidence: RetryAfterEvidence): number | undefined {
  for (const source of sources) {
    if ('headers' in source) {
      const ms = parseRetryAfter(evidence.headers, evidence.now);
      if (ms !== undefined) return ms;
    } else if ('path' in source) {
      const n = numberOf(getPath(evidence.body, source.path));
      if (n !== undefined && n >= 0) return Math.ceil(source.unit === 'ms' ? n : n * 1000);
    } else if (evidence.message !== undefined) {
      const found = new RegExp(source.messagePattern, 'i').exec(evidence.message)?.[1];
      const n = numberOf(found);
      if (n !== undefined && n >= 0) return Math.ceil(n * 1000);
    }
  }
  return undefined;
}
