import { describe, expect, it, vi } from 'vitest';
import { isTimeoutAbort } from './abort.js';
import { callSignal } from './call-signal.js';

describe('callSignal', () => {
  it('aborts with the caller reason when the caller aborts, and does not count as a timeout', () => {
    const caller = new AbortController();
    const call = callSignal(caller.signal, 60_000);
    const reason = new Error('stop');
    caller.abort(reason);
    expect(call.signal.aborted).toBe(true);
    expect(call.signal.reason).toBe(reason);
    expect(call.timedOut).toBe(false);
    call.dispose();
  });

  it('starts aborted when the caller already is', () => {
    const caller = new AbortController();
    caller.abort('gone');
    const call = callSignal(caller.signal, 1_000);
    expect(call.signal.aborted).toBe(true);
    expect(call.signal.reason).toBe('gone');
    call.dispose();
  });

  it('aborts with a TimeoutError at the deadline', () => {
    vi.useFakeTimers();
    try {
      const call = callSignal(undefined, 500);
      vi.advanceTimersByTime(499);
      expect(call.signal.aborted).toBe(false);
      vi.advanceTimersByTime(1);
      expect(call.signal.aborted).toBe(true);
      expect(call.timedOut).toBe(true);
      expect(isTimeoutAbort(call.signal.reason)).toBe(true);
      call.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('dispose unlinks the caller and clears the deadline', () => {
    vi.useFakeTimers();
    try {
      const caller = new AbortController();
      const call = callSignal(caller.signal, 500);
      call.dispose();
      caller.abort();
      vi.advanceTimersByTime(1_000);
      expect(call.signal.aborted).toBe(false);
      expect(call.timedOut).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('without a caller or a usable limit never aborts', () => {
    for (const ms of [undefined, 0, -1, Number.POSITIVE_INFINITY]) {
      const call = callSignal(undefined, ms);
      expect(call.signal.aborted).toBe(false);
      call.dispose();
    }
  });
});
