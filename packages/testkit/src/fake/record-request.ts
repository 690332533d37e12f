import type { IncomingMessage } from 'node:http';
import type { RecordedRequest } from './types.js';

/** A request as the log records it: method, path, query, lower-case headers, the body parsed when it is JSON. */
export function recordRequest(req: IncomingMessage, rawBody: string): RecordedRequest {
  const target = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  let body: unknown;
  if (rawBody !== '') {
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
  }
  return {
    method: req.method ?? 'GET',
    path: target.pathname,
    search: target.search,
    headers,
    body,
    rawBody,
    scenario: 'none',
    receivedAt: Date.now(),
  };
}
