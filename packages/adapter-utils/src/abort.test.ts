import { describe, expect, it } from 'vitest';
import { isAbortError, isTimeoutAbort } from './abort.js';

describe('isAbortError', () => {
  it('recognises fetch aborts, timeouts and wrapped ones', async () => {
    const c = new AbortController();
    c.abort();
    const rejection = await fetch('http://127.0.0.1:9/', { signal: c.signal }).catch((e: unknown) => e);
    expect(isAbortError(rejection)).toBe(true);
    expect(isTimeoutAbort(rejection)).toBe(false);
    expect(isAbortError(new Error('wrapped', { cause: new DOMException('x', 'AbortError') }))).toBe(true);
    expect(isAbortError(new Error('boom'))).toBe(false);
    expect(isAbortError('AbortError')).toBe(false);
    expect(isAbortError(null)).toBe(false);
  });
});
