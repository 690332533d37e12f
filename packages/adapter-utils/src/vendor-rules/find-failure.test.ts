import { describe, expect, it } from 'vitest';
import { findFailure, readRetryAfter } from './find-failure.js';
import type { FailureRule } from './types.js';

describe('findFailure', () => {
  const rules: FailureRule[] = [
    { when: { path: 'code', startsWith: 'Throttling' }, kind: 'rate_limited' },
    { when: { path: 'code', oneOf: ['Arrearage'] }, kind: 'quota_exhausted' },
    { when: { status: 429 }, kind: 'transient' },
  ];

  it('returns the first rule whose condition holds, or undefined', () => {
    expect(findFailure(rules, { status: 429, body: { code: 'Throttling.RateQuota' } })?.kind).toBe('rate_limited');
    expect(findFailure(rules, { status: 400, body: { code: 'Arrearage' } })?.kind).toBe('quota_exhausted');
    expect(findFailure(rules, { status: 429, body: {} })?.kind).toBe('transient');
    expect(findFailure(rules, { status: 400, body: { code: 'Other' } })).toBeUndefined();
  });
});

describe('readRetryAfter', () => {
  it('tries the sources in order: headers, a body field (s or ms), a message pattern', () => {
    const body = { wait: 2, waitMs: 1500 };
    expect(readRetryAfter([{ headers: true }, { path: 'wait' }], { headers: { 'retry-after': '7' }, body })).toBe(7000);
    expect(readRetryAfter([{ headers: true }, { path: 'wait' }], { headers: {}, body })).toBe(2000);
    expect(readRetryAfter([{ path: 'waitMs', unit: 'ms' }], { body })).toBe(1500);
    expect(
      readRetryAfter([{ messagePattern: 'after (\\d+) seconds' }], { body, message: 'try again after 20 seconds' }),
    ).toBe(20_000);
    expect(
      readRetryAfter([{ path: 'missing' }, { messagePattern: 'after (\\d+)' }], { body, message: 'no number' }),
    ).toBeUndefined();
  });
});
