import { AuthError, InvalidRequestError, QuotaExhaustedError, RateLimitedError, TransientError } from '@sc-safety/spec';
import type { AdapterError } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { failureKindError } from './failure-error.js';
import { FAILURE_KINDS } from './types.js';
import type { FailureKind } from './types.js';

const OPTIONS = { message: 'Vendor HTTP 400: no', status: 400, vendorCode: 'x1', warnings: [] };

describe('failureKindError', () => {
  it.each<[FailureKind, (e: unknown) => boolean, string | undefined]>([
    ['rate_limited', (e) => RateLimitedError.isInstance(e), undefined],
    ['quota_exhausted', (e) => QuotaExhaustedError.isInstance(e), undefined],
    ['auth', (e) => AuthError.isInstance(e), undefined],
    ['context_length', (e) => InvalidRequestError.isInstance(e), 'context_length'],
    ['model_not_found', (e) => InvalidRequestError.isInstance(e), 'model_not_found'],
    ['invalid_request', (e) => InvalidRequestError.isInstance(e), 'parameter'],
    ['transient', (e) => TransientError.isInstance(e), undefined],
  ])('%s → its spec error, with the given fields', (kind, isExpected, reason) => {
    const error = failureKindError(kind, OPTIONS);
    expect(isExpected(error)).toBe(true);
    expect(error).toMatchObject({ message: OPTIONS.message, status: 400, vendorCode: 'x1' });
    if (reason !== undefined) expect((error as InvalidRequestError).reason).toBe(reason);
  });

  it('knows every failure kind', () => {
    for (const kind of FAILURE_KINDS) expect(failureKindError(kind, OPTIONS)).toBeInstanceOf(Error);
  });

  it('reads the wait only for rate_limited, and leaves it out when there is none', () => {
    let reads = 0;
    const wait = () => {
      reads += 1;
      return 1500;
    };
    expect((failureKindError('rate_limited', OPTIONS, wait) as RateLimitedError).retryAfterMs).toBe(1500);
    failureKindError('transient', OPTIONS, wait);
    expect(reads).toBe(1);
    const noWait: AdapterError = failureKindError('rate_limited', OPTIONS, () => undefined);
    expect((noWait as RateLimitedError).retryAfterMs).toBeUndefined();
  });
});
