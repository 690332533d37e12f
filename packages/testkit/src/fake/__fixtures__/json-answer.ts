import { expect } from 'vitest';
import type { RawReply } from './raw-post.js';

/**
 * Checks that `reply` is a JSON answer carrying `requestId` in the `header` header and no
 * `x-should-retry` (only errors send it); returns the parsed body for the vendor's own checks.
 */
export function expectJsonAnswer(reply: RawReply, header: string, requestId: string): unknown {
  expect(reply.headers['content-type']).toBe('application/json');
  expect(reply.headers[header]).toBe(requestId);
  expect(reply.headers['x-should-retry']).toBeUndefined();
  return JSON.parse(reply.body) as unknown;
}
