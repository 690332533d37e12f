import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callSignal } from './call-signal.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('callSignal', () => {
  it("aborts with the caller's reason while linked, and not after dispose", () => {
    const caller = new AbortController();
    const first = callSignal(caller.signal, 60_000);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    first.dispose();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    const second = callSignal(caller.signal, 60_000);
    const reason = new Error('run cancelled');
    caller.abort(reason);
    expect(second.signal.aborted).toBe(true);
    expect(second.signal.reason).toBe(reason);
    expect(second.timedOut).toBe(false);
    expect(first.signal.aborted).toBe(false);
    second.dispose();
  });

  it('starts aborted when the caller already is', () => {
    const caller = new AbortController();
    caller.abort(new Error('early'));
    const call = callSignal(caller.signal, 60_000);
    expect(call.signal.aborted).toBe(true);
    expect((call.signal.reason as Error).message).toBe('early');
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    call.dispose();
  });

  it('aborts with a TimeoutError at the deadline and says so', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const call = callSignal(undefined, 1000);
    vi.advanceTimersByTime(999);
    expect(call.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(call.signal.aborted).toBe(true);
    expect(call.timedOut).toBe(true);
    expect(call.signal.reason).toMatchObject({ name: 'TimeoutError' });
    call.dispose();
  });

  it('clears its timer on dispose', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const call = callSignal(new AbortController().signal, 1000);
    expect(vi.getTimerCount()).toBe(1);
    call.dispose();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(call.signal.aborted).toBe(false);
    expect(call.timedOut).toBe(false);
  });
});
