import type { FakeRespondContext } from '../../server-base.js';

/** The HTML page a gateway in front of any vendor answers 502 with. */
export function sendGateway502(ctx: FakeRespondContext): void {
  const page = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
  ctx.res.writeHead(502, { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(page)) });
  ctx.res.end(page);
}

/** Closes the connection after what was written, without ending the HTTP body. */
export function cutConnection(ctx: FakeRespondContext): void {
  ctx.res.socket?.end();
}
