import { createFakeServerBase } from '../server-base.js';
import type { FakeServerBase } from '../server-base.js';
import type { FakeScenario, ServedModelOverride } from '../types.js';
import { createAnthropicIntercept, MESSAGES_PATH } from './intercept.js';
import { createAnthropicResponder } from './respond.js';
import type { StreamedOverload } from './respond.js';

export interface AnthropicFakeServerOptions {
  /**
   * When set, every request must carry this key, as `x-api-key` or as `Authorization: Bearer`
   * (SDK 1.x sends `apiKey` that way); others get a 401 `authentication_error` (recorded as `auth`).
   */
  apiKey?: string;
  /** Played when the queue is empty and no handler is set. */
  defaultScenario?: FakeScenario;
  /**
   * How `{kind:'server-error', status:529}` is played for a streamed request: `event` (default) as
   * a 200 stream that starts answering and then sends `event: error` with `overloaded_error`;
   * `http` as an HTTP 529 before any stream.
   */
  streamedOverload?: StreamedOverload;
  /** What answers report as the served model: `id` replaces the response's `model` (default: the requested one). */
  servedModel?: ServedModelOverride;
}

/** A running Anthropic Messages fake. */
export interface AnthropicFakeServer extends FakeServerBase {
  /** Full URL of the Messages route (`${url}/v1/messages`). */
  readonly messagesURL: string;
}

/**
 * Starts a loopback fake of the Anthropic Messages API (POST `/v1/messages`) that plays every
 * {@link FakeScenario} in Anthropic's wire format, streamed (named SSE events) or not. `baseURL`
 * is the origin, which is what `new Anthropic({ baseURL })` takes. Requests are validated the way
 * the API does (key, `anthropic-version`, `max_tokens`, roles and alternation, unknown fields), and
 * every error carries `x-should-retry: false` and a `request-id`. Block signal: `anthropic-refusal`
 * (output); other signals answer 501.
 */
export async function createAnthropicFakeServer(
  options: AnthropicFakeServerOptions = {},
): Promise<AnthropicFakeServer> {
  const base = await createFakeServerBase({
    intercept: createAnthropicIntercept({ apiKey: options.apiKey }),
    respond: createAnthropicResponder({
      streamedOverload: options.streamedOverload ?? 'event',
      ...(options.servedModel ? { servedModel: options.servedModel } : {}),
    }),
    defaultScenario: options.defaultScenario,
  });
  // Spread would freeze the getter `pending`; keep the object and add fields.
  return Object.assign(base, { messagesURL: `${base.url}${MESSAGES_PATH}` });
}
