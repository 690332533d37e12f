import type { FakeRespondContext } from '../../server-base.js';

/** What the answers to one request share, for a vendor whose answers need nothing more of it. */
export interface HttpExchange {
  /** The id the answers carry (also recorded on the request). */
  requestId: string;
  /** Whether the body's stream flag is `true`. */
  stream: boolean;
}

/** Reads one request's {@link HttpExchange} (its stream flag named `streamField`) and records its id. */
export function httpExchange(ctx: FakeRespondContext, requestId: string, streamField = 'stream'): HttpExchange {
  ctx.request.requestId = requestId;
  return { requestId, stream: (ctx.request.body as Record<string, unknown>)[streamField] === true };
}
