import { expect } from 'vitest';
import type { FakeScenario } from '../types.js';
import type { RawReply } from './raw-post.js';

/**
 * Plays `rate-limit` with each Retry-After form a scenario can ask for (seconds, milliseconds, an
 * HTTP date, none) and checks the reply carries exactly that form. Returns the reply to the
 * seconds form, for the vendor's own checks of its status, body and headers.
 */
export async function expectRetryAfterForms<R extends Pick<RawReply, 'headers'>>(
  play: (scenario: FakeScenario) => Promise<R>,
): Promise<R> {
  const seconds = await play({ kind: 'rate-limit', retryAfter: { seconds: 7 } });
  expect(seconds.headers['retry-after']).toBe('7');
  expect(seconds.headers['retry-after-ms']).toBeUndefined();
  const ms = await play({ kind: 'rate-limit', retryAfter: { ms: 1234 } });
  expect(ms.headers['retry-after-ms']).toBe('1234');
  expect(ms.headers['retry-after']).toBeUndefined();
  const date = await play({ kind: 'rate-limit', retryAfter: { httpDate: new Date('2031-02-03T04:05:06Z') } });
  expect(date.headers['retry-after']).toBe('Mon, 03 Feb 2031 04:05:06 GMT');
  const none = await play({ kind: 'rate-limit' });
  expect(none.headers['retry-after']).toBeUndefined();
  return seconds;
}
