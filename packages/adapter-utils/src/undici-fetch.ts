import { Readable } from 'node:stream';
import type { Agent, Dispatcher } from 'undici';
import { BufferedResponse } from './buffered-response.js';
import { loadUndiciParts, type UndiciParts } from './undici-parts.js';

export interface UndiciFetchOptions {
  /** The connection pool to send through. Default: one keep-alive `Agent` shared by every fetch this module creates. */
  dispatcher?: Dispatcher;
  /** Where requests this transport does not handle itself go (see {@link createUndiciFetch}). Default: `globalThis.fetch`. */
  fallback?: typeof globalThis.fetch;
}

/** Statuses whose response has no body (the Response constructor rejects one). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

let sharedAgent: Agent | undefined;
/** Loaded on the first call, not when this module is imported. */
let parts: UndiciParts | undefined;

/**
 * A `fetch` for SDK clients (`openai`, `@anthropic-ai/sdk`) that sends through undici's dispatcher
 * API instead of the WHATWG fetch pipeline. The SDKs only need `fetch(url, init)` → `Response`;
 * Node's built-in fetch spends about as much CPU per call on its spec machinery (request and
 * response objects, stream plumbing, abort bookkeeping) as the SDK spends on everything else, and
 * a run makes tens of thousands of calls. Measured with the bench's bare SDK loop against its fake
 * server (200 ms latency, 200 concurrent; bench/results/sample-2026-11-28*.json): 0.82 ms CPU per
 * call instead of 1.31 ms.
 *
 * Semantics the SDKs rely on are kept: the caller's `signal` aborts the request with the signal's
 * reason (an `AbortError` DOMException when none was given); JSON and error bodies are read whole
 * before the promise resolves (a body cut short rejects, as a connection error); any other body
 * (SSE, NDJSON) is handed over as a stream as it arrives; null-body statuses get no body.
 * Requests this transport does not speak — a `Request` object, a body that is not a string or
 * bytes, a redirect to follow — go to `fallback` unchanged.
 */
export function createUndiciFetch(options: UndiciFetchOptions = {}): typeof globalThis.fetch {
  const fallback = options.fallback ?? globalThis.fetch;
  return async function undiciFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const body = init?.body ?? undefined;
    if (typeof input !== 'string' && !(input instanceof URL)) return fallback(input, init);
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array))
      return fallback(input, init);
    const undici = (parts ??= loadUndiciParts());
    const dispatcher = options.dispatcher ?? (sharedAgent ??= new undici.Agent({ keepAliveTimeout: 4_000 }));
    const url = typeof input === 'string' ? new URL(input) : input;
    const signal = init?.signal ?? undefined;
    signal?.throwIfAborted();
    // The request API works on any dispatcher (it only calls `dispatch`), the caller's included.
    const response = await undici.request.call(dispatcher, {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: flattenHeaders(init?.headers),
      ...(body === undefined || body === null ? {} : { body }),
      ...(signal ? { signal } : {}),
    });
    const { statusCode } = response;
    const headers = responseHeaders(response.headers);
    if (
      REDIRECT_STATUS.has(statusCode) &&
      headers.some(([name]) => name === 'location') &&
      init?.redirect !== 'manual'
    ) {
      await response.body.dump();
      return fallback(input, init);
    }
    if (NULL_BODY_STATUS.has(statusCode)) {
      await response.body.dump();
      return new Response(null, { status: statusCode, headers });
    }
    const type = headers.find(([name]) => name === 'content-type')?.[1] ?? '';
    if (statusCode >= 400 || type === '' || type.includes('json')) {
      // Read whole: the SDK parses JSON at once anyway, and a cut-off body fails here as a connection error.
      // Handed over as bytes, not re-wrapped in a stream that the SDK's `text()` would read back out.
      const bytes = await response.body.arrayBuffer();
      return new BufferedResponse(new Uint8Array(bytes), { status: statusCode, headers });
    }
    const stream = Readable.toWeb(response.body) as ReadableStream<Uint8Array>;
    return new Response(stream, { status: statusCode, headers });
  };
}

/** The SDKs pass a Headers object; undici takes a flat `[name, value, …]` list. */
function flattenHeaders(headers: RequestInit['headers']): string[] {
  const flat: string[] = [];
  if (headers === undefined) return flat;
  // Headers (of any implementation) and arrays of pairs are iterables of [name, value].
  if (typeof (headers as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') {
    for (const [name, value] of headers as Iterable<[string, string]>) flat.push(name, value);
    return flat;
  }
  for (const [name, value] of Object.entries(headers as Record<string, string | undefined>))
    if (value !== undefined) flat.push(name, value);
  return flat;
}

function responseHeaders(headers: Record<string, string | string[] | undefined>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) pairs.push([name, v]);
    else pairs.push([name, value]);
  }
  return pairs;
}
