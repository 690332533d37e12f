import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extractCsp } from './csp.js';

/** A running report server. */
export interface ReportServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves one report page on loopback only: `GET /` (and `/index.html`) returns it, anything else is
 * 404, anything but GET/HEAD is 405. The page carries its data, so nothing else is ever needed.
 * The page's Content-Security-Policy is repeated as a header. Only requests addressed to
 * `127.0.0.1:<port>` or `localhost:<port>` are answered (421 otherwise): a web page on another
 * site that points its own host name at 127.0.0.1 (DNS rebinding) sends its own name in `Host`,
 * and must not read the report.
 *
 * @param port 0 picks a free port.
 */
export async function serveReport(html: string, options: { port?: number } = {}): Promise<ReportServer> {
  const body = Buffer.from(html, 'utf8');
  const csp = extractCsp(html);
  let allowedHosts = new Set<string>();
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      res
        .writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('misdirected request: this server answers only to 127.0.0.1 and localhost\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
        .end('method not allowed\n');
      return;
    }
    if (url !== '/' && url !== '/index.html') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
      ...(csp === undefined ? {} : { 'Content-Security-Policy': csp }),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
