import { createSseParser, safeParseJson } from '@sc-safety/adapter-utils';
import { isRecord } from './json-path.js';

/** An error response as received, before the SDK reduced it to its `error` field. */
export interface CapturedErrorResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** What one call's fetch saw. */
export interface FetchCapture {
  /** Pass to the SDK client for this call. */
  readonly fetch: typeof globalThis.fetch;
  /** The last non-2xx response, body included. */
  errorResponse?: CapturedErrorResponse;
  /** The last SSE data frame that held an `error` object, whole (top-level fields included). */
  errorFrame?: { body: Record<string, unknown>; text: string };
}

/**
 * Wraps fetch so the adapter keeps what the SDK throws away: the SDK's `APIError.error` holds only
 * the body's `error` field, which drops DeepSeek's top-level `detail` and Zhipu's `contentFilter`,
 * the very fields the block rules read. Error bodies are read here and handed back to the SDK
 * unchanged; SSE bodies are observed as they pass through.
 */
export function createFetchCapture(base: typeof globalThis.fetch): FetchCapture {
  const capture: FetchCapture = {
    fetch: async (input, init) => {
      const response = await base(input, init);
      if (!response.ok) {
        const text = await response.text();
        capture.errorResponse = { status: response.status, headers: response.headers, text };
        return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
      }
      const type = response.headers.get('content-type') ?? '';
      if (response.body === null || !type.includes('text/event-stream')) return response;
      return new Response(observeSse(response.body, capture), {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    },
  };
  return capture;
}

function observeSse(body: ReadableStream<Uint8Array>, capture: FetchCapture): ReadableStream<Uint8Array> {
  const parser = createSseParser((event) => {
    if (!event.data.includes('"error"')) return;
    const parsed = safeParseJson(event.data);
    if (parsed.success && isRecord(parsed.value) && parsed.value.error !== undefined && parsed.value.error !== null) {
      capture.errorFrame = { body: parsed.value, text: event.data };
    }
  });
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        parser.push(chunk);
        controller.enqueue(chunk);
      },
      flush() {
        parser.end();
      },
    }),
  );
}
