import { AuthError, InvalidRequestError, QuotaExhaustedError, RateLimitedError, TransientError } from '@sc-safety/spec';
import type { AdapterError, AdapterErrorOptions } from '@sc-safety/spec';
import type { FailureKind } from './types.js';

/**
 * The spec error a failure rule's `kind` stands for: rate_limited → RateLimitedError (with the wait
 * `retryAfterMs` reads, when it finds one), quota_exhausted → QuotaExhaustedError, auth → AuthError,
 * context_length / model_not_found / invalid_request → InvalidRequestError with reason
 * context_length / model_not_found / parameter, transient → TransientError.
 */
export function failureKindError(
  kind: FailureKind,
  options: AdapterErrorOptions,
  retryAfterMs: () => number | undefined = () => undefined,
): AdapterError {
  switch (kind) {
    case 'rate_limited': {
      const wait = retryAfterMs();
      return new RateLimitedError({ ...options, ...(wait === undefined ? {} : { retryAfterMs: wait }) });
    }
    case 'quota_exhausted':
      return new QuotaExhaustedError(options);
    case 'auth':
      return new AuthError(options);
    case 'context_length':
      return new InvalidRequestError({ ...options, reason: 'context_length' });
    case 'model_not_found':
      return new InvalidRequestError({ ...options, reason: 'model_not_found' });
    case 'invalid_request':
      return new InvalidRequestError({ ...options, reason: 'parameter' });
    case 'transient':
      return new TransientError(options);
  }
}
