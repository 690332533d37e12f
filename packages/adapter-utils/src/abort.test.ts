import { describe, expect, it } from 'vitest';
import { combineSignals, isAbortError, isTimeoutAbort, timeoutSignal } from './abort.js';

describe('combineSignals', () => {
  it('returns undefined for no signals and the signal itself for one', () => {
    expect(combineSignals(undefined, null)).toBeUndefined();
    const c = new AbortController();
    expect(combineSignals(undefined, c.signal)).toBe(c.signal);
  });

  it('aborts when any input aborts, with that input reason', () => {
    const a = new AbortController();
    const b = new AbortController();
    const combined = combineSignals(a.signal, b.signal);
    expect(combined?.aborted).toBe(false);
    b.abort(new Error('stop b'));
    expect(combined?.aborted).toBe(true);
    expect((combined?.reason as Error).message).toBe('stop b');
  });
});

describe('timeoutSignal', () => {
  it('returns undefined when there is no usable limit', () => {
    expect(timeoutSignal(undefined)).toBeUndefined();
    expect(timeoutSignal(0)).toBeUndefined();
    expect(timeoutSignal(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('aborts with a TimeoutError', async () => {
    const signal = timeoutSignal(1);
    if (signal === undefined) throw new Error('expected a signal');
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    expect(isAbortError(signal.reason)).toBe(true);
    expect(isTimeoutAbort(signal.reason)).toBe(true);
  });
});

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
