import type { FakeRequestContext } from '../server-base.js';
import { cutConnection } from './gateway.js';

/** A 200 JSON answer whose body is `text`, which is not valid JSON (`malformed-json`, not streaming). */
export function sendBrokenJson(ctx: FakeRequestContext, text: string, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  ctx.res.end(text);
}

/**
 * A 200 JSON answer cut off halfway (`truncated-stream`, not streaming): `Content-Length` promises
 * the whole of `body`, half of it is sent, then the connection closes.
 */
export function sendHalfJson(ctx: FakeRequestContext, body: unknown, headers: Record<string, string> = {}): void {
  const full = Buffer.from(JSON.stringify(body));
  ctx.res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(full.length), ...headers });
  ctx.res.write(full.subarray(0, Math.floor(full.length / 2)));
  cutConnection(ctx);
}
