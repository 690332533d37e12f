import type { FakeScenario } from '../types.js';

type RetryAfter = Extract<FakeScenario, { kind: 'rate-limit' }>['retryAfter'];

/** The Retry-After header in exactly the form a rate-limit scenario asks for (none when it asks for none). */
export function retryAfterHeaders(retryAfter: RetryAfter): Record<string, string> {
  if (!retryAfter) return {};
  if ('seconds' in retryAfter) return { 'retry-after': String(retryAfter.seconds) };
  if ('ms' in retryAfter) return { 'retry-after-ms': String(retryAfter.ms) };
  return { 'retry-after': retryAfter.httpDate.toUTCString() };
}
