import { describe, expect, it } from 'vitest';
import { errorText, sanitizedCause } from './sanitized-cause.js';

const KEY = 'sk-ant-0123456789abcdefghij';

describe('sanitizedCause', () => {
  it('keeps name and messages, redacted, and drops everything else the error carried', () => {
    const original = Object.assign(
      new TypeError(`fetch failed for key ${KEY}`, { cause: new Error(`socket hang up ${KEY}`) }),
      {
        request: { headers: { 'x-api-key': KEY } },
      },
    );
    const cause = sanitizedCause(original, [KEY]);
    expect(cause.name).toBe('TypeError');
    expect(cause.message).toMatch(/^fetch failed for key .+ \(socket hang up .+\)$/);
    expect(cause.message).not.toContain(KEY);
    expect(cause.cause).toBeUndefined();
    expect(Object.keys(cause)).toEqual([]);
    expect(JSON.stringify({ ...cause, message: cause.message, name: cause.name })).not.toContain(KEY);
  });

  it('turns a thrown non-Error into text', () => {
    expect(errorText('boom')).toBe('boom');
    expect(sanitizedCause(42, []).message).toBe('42');
  });
});
