import { TransientError } from '@sc-safety/spec';
import type { AdapterError } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { networkFailure } from './network-error.js';

const KEY = 'http-net-key-0123456789';

describe('networkFailure', () => {
  it('keeps the thrown error out: the cause is a plain Error with the redacted message only', () => {
    const request = { headers: { authorization: `Bearer ${KEY}` } };
    const thrown = Object.assign(new Error(`connect failed for ${KEY}`, { cause: request }), {
      request,
      code: 'ECONNRESET',
    });
    const error = networkFailure(thrown, {
      label: 'Vendor',
      timeoutMs: 1000,
      secrets: [KEY],
      warnings: [],
      phase: 'before the answer arrived',
    });
    expect(TransientError.isInstance(error)).toBe(true);
    const cause = (error as AdapterError).cause as Error;
    expect(cause).not.toBe(thrown);
    expect(Object.keys(cause)).toEqual([]);
    expect(cause.cause).toBeUndefined();
    for (const text of [error.message, error.stack ?? '', cause.message, cause.stack ?? ''])
      expect(text).not.toContain(KEY);
  });

  it('a fired deadline is a TimeoutError, the caller abort wins over it', () => {
    const base = { label: 'Vendor', timeoutMs: 1000, secrets: [], warnings: [], phase: 'while reading the answer' };
    expect(networkFailure(new Error('aborted'), { ...base, timedOut: true }).kind).toBe('timeout');
    const controller = new AbortController();
    controller.abort();
    expect(
      networkFailure(new Error('aborted'), { ...base, timedOut: true, callerSignal: controller.signal }).kind,
    ).toBe('aborted');
  });
});
