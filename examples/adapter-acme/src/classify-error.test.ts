import { describe, expect, it } from 'vitest';
import { classifyError } from './classify-error.js';

const KEY = 'acme-live-key-0123456789';
const redact = (s: string): string => s.split(KEY).join('[REDACTED]');

describe('classifyError', () => {
  it('keeps no fragment of a key that straddles the message or body cut', () => {
    // A non-JSON body (a proxy page) echoing the key across both cut points (200 and 4096 characters).
    const text = `${'x'.repeat(190)}${KEY}${'y'.repeat(4096 - 190 - KEY.length - 10)}${KEY}`;
    const error = classifyError(502, new Headers(), text, [], redact);
    for (const kept of [error.message, error.body ?? '']) {
      expect(kept).not.toContain(KEY.slice(0, 10));
      expect(kept).toContain('[REDACTED]');
    }
  });
});
