import type { FakeRequestContext } from '../server-base.js';

/** Starts a server-sent-events answer: `text/event-stream`, no caching, headers flushed at once (`headers` add or override). */
export function startSse(ctx: FakeRequestContext, status = 200, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  ctx.res.flushHeaders();
}

/** Writes one `data:` event holding `payload` as JSON, unless the client has gone. */
export function writeSseData(ctx: FakeRequestContext, payload: unknown): void {
  if (!ctx.gone) ctx.res.write(`data: ${JSON.stringify(payload)}\n\n`);
}
