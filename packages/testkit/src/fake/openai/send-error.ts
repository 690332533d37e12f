import { sendNotExpressible } from '../server-base.js';
import type { FakeRespondContext } from '../server-base.js';
import { vendorError } from './error-bodies.js';
import type { OpenAIErrorKind } from './error-bodies.js';
import type { Exchange } from './exchange.js';
import { errorHeaders } from './response-headers.js';

/** Sends the vendor's error for `kind`, or a 501 when this vendor has no such error. */
export function sendVendorError(
  ctx: FakeRespondContext,
  exchange: Exchange,
  kind: OpenAIErrorKind,
  options: { status?: number; headers?: Record<string, string> } = {},
): void {
  const reply = vendorError(exchange.vendor, kind, {
    requestId: exchange.requestId,
    completionId: exchange.completionId,
    status: options.status,
    maskedKey: maskKey(ctx.request.headers.authorization),
  });
  if (!reply) {
    sendNotExpressible(ctx, `openai/${exchange.vendor}`, `${exchange.vendor} has no ${kind} error`);
    return;
  }
  const headers = { ...errorHeaders(exchange), ...options.headers };
  if (reply.text !== undefined) {
    ctx.res.writeHead(reply.status, {
      'content-type': 'text/html',
      'content-length': String(Buffer.byteLength(reply.text)),
      ...headers,
    });
    ctx.res.end(reply.text);
    return;
  }
  ctx.sendJson(reply.status, reply.body, headers);
}

/** The sent key as vendors echo it in auth errors: a few characters kept, never the whole key. */
export function maskKey(authorization: string | undefined): string {
  const key = authorization?.replace(/^Bearer\s+/i, '') ?? '';
  if (key.length < 12) return '*'.repeat(Math.max(4, key.length));
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}
