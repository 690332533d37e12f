import { Agent } from 'undici';

/** Longest wait for a TCP/TLS connection, whatever the per-call timeout. */
const MAX_CONNECT_TIMEOUT_MS = 10_000;

/**
 * A keep-alive connection pool per origin for one model. Headers and body idle timeouts follow the
 * per-call timeout (the call's own deadline still bounds the whole answer); connecting gets at
 * most ten seconds, since a host that takes longer is unreachable rather than slow.
 */
export function createDispatcher(timeoutMs: number): Agent {
  return new Agent({
    connect: { timeout: Math.min(MAX_CONNECT_TIMEOUT_MS, timeoutMs) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 30_000,
    connections: 16,
  });
}
