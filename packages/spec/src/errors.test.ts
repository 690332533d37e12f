import { describe, expect, it } from 'vitest';
import { AdapterError, AuthError, QuotaExhaustedError, RateLimitedError, TransientError } from './errors.js';

describe('adapter errors', () => {
  it('are recognised by marker, across copies', () => {
    const e = new RateLimitedError({ message: 'slow down', status: 429, retryAfterMs: 1500 });
    expect(AdapterError.isInstance(e)).toBe(true);
    expect(RateLimitedError.isInstance(e)).toBe(true);
    expect(TransientError.isInstance(e)).toBe(false);
    expect(e.retryable).toBe(true);
    // A structurally identical object from another copy of the package carries the same registered symbol.
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('@sc-safety/spec.adapter-error')]: true,
      kind: 'auth',
    });
    expect(AuthError.isInstance(foreign)).toBe(true);
    expect(AdapterError.isInstance(new Error('plain'))).toBe(false);
  });

  it('never marks quota or auth as retryable', () => {
    expect(new QuotaExhaustedError({ message: 'spent' }).retryable).toBe(false);
    expect(new AuthError({ message: 'bad key' }).retryable).toBe(false);
  });
});
