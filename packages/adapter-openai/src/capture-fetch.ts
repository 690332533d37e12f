import { createSseParser, safeParseJson } from '@sc-safety/adapter-utils';
import { isRecord } from '@sc-safety/adapter-utils';

/** An error response as received, before the SDK reduced it to its `error` field. */
export interface CapturedErrorResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Where a call's capture rides along with its request: a key of the SDK's per-request `fetchOptions`. */
export const FETCH_CAPTURE = Symbol('sc-safety.fetch-capture');

/** What one call's fetch saw. */
export interface FetchCapture {
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
 *
 * One wrapper serves every call of a client: each call passes its own {@link FetchCapture} under
 * {@link FETCH_CAPTURE} in the request's `fetchOptions` (see {@link captureOptions}), which the SDK
 * spreads into the `init` it gives fetch, so no client is built per call.
 */
export function capturingFetch(base: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const capture = (init as { [FETCH_CAPTURE]?: FetchCapture } | undefined)?.[FETCH_CAPTURE];
    const response = await base(input, init);
    if (capture === undefined) return response;
    if (!response.ok) {
      const text = await response.text();
      capture.errorResponse = { status: response.status, headers: response.headers, text };
      return new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    }
    const type = response.headers.get('content-type') ?? '';
    // The type first: asking a whole-body response (adapter-utils' BufferedResponse) for its
    // `body` would wrap the bytes in a stream that nothing reads.
    if (!type.includes('text/event-stream') || response.body === null) return response;
    return new Response(observeSse(response.body, capture), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** The `fetchOptions` that route one call's fetch through `capture`. */
export function captureFetchOptions(capture: FetchCapture): { readonly [FETCH_CAPTURE]: FetchCapture } {
  return { [FETCH_CAPTURE]: capture };
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
