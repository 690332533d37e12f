import type { FakeRequestContext } from '../server-base.js';

/** The HTML page a gateway in front of any vendor answers 502 with. */
export const GATEWAY_502_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';

/** Answers 502 with {@link GATEWAY_502_PAGE}, as a proxy in front of the vendor does; `headers` are added. */
export function sendGateway502(ctx: FakeRequestContext, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(502, {
    'content-type': 'text/html',
    'content-length': String(Buffer.byteLength(GATEWAY_502_PAGE)),
    ...headers,
  });
  ctx.res.end(GATEWAY_502_PAGE);
}

/** Closes the connection after what was written, without ending the HTTP body. */
export function cutConnection(ctx: FakeRequestContext): void {
  ctx.res.socket?.end();
}

/**
 * Plays a `server-error` scenario: a 502 is the gateway's page (with `gatewayHeaders`); any other
 * status (500 unless the scenario names one) is the vendor's own error, sent by `send`.
 */
export function playServerError(
  ctx: FakeRequestContext,
  scenario: { status?: number },
  send: (status: number) => void,
  gatewayHeaders: Record<string, string> = {},
): void {
  const status = scenario.status ?? 500;
  if (status === 502) return sendGateway502(ctx, gatewayHeaders);
  send(status);
}
