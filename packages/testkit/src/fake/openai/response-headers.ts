import type { Exchange } from './exchange.js';

/** Headers every response of this exchange carries (the vendor's request-id header). */
export function baseHeaders(exchange: Exchange): Record<string, string> {
  return exchange.profile.requestIdHeader ? { [exchange.profile.requestIdHeader]: exchange.requestId } : {};
}

/**
 * Headers for an error response. `x-should-retry: false` stops the openai / anthropic SDKs from
 * retrying on their own, so a test sees exactly what the adapter does with one failure.
 */
export function errorHeaders(exchange: Exchange): Record<string, string> {
  return { ...baseHeaders(exchange), 'x-should-retry': 'false' };
}
