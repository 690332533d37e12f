import { getHeader, parseRetryAfter } from '@sc-safety/adapter-utils';

const BUCKETS = ['requests', 'tokens', 'input-tokens', 'output-tokens'] as const;

/**
 * How long to wait after a 429, in ms: `retry-after-ms` / `retry-after` when present; otherwise the
 * latest `anthropic-ratelimit-<bucket>-reset` (an RFC 3339 time) among the buckets whose
 * `-remaining` is 0, since those are the limits that were hit.
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  const explicit = parseRetryAfter(headers, now, { rateLimitReset: false });
  if (explicit !== undefined) return explicit;
  const waits: number[] = [];
  for (const bucket of BUCKETS) {
    if (getHeader(headers, `anthropic-ratelimit-${bucket}-remaining`)?.trim() !== '0') continue;
    const reset = Date.parse(getHeader(headers, `anthropic-ratelimit-${bucket}-reset`) ?? '');
    if (!Number.isNaN(reset)) waits.push(Math.max(0, reset - now));
  }
  return waits.length === 0 ? undefined : Math.ceil(Math.max(...waits));
}
