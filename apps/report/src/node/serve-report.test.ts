import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { serveReport } from './serve-report.js';

function get(
  url: string,
  method = 'GET',
  host?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    // An empty `host` sends no Host header at all (Node would otherwise fill in the URL's).
    const hostOptions = host === undefined ? {} : host === '' ? { setHost: false } : { headers: { host } };
    const req = request(url, { method, ...hostOptions }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveReport', () => {
  it('serves the page on loopback with its CSP, and nothing else', async () => {
    const html = `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:"></head><body>报告</body></html>`;
    const server = await serveReport(html);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await get(server.url);
      expect(page.status).toBe(200);
      expect(page.body).toBe(html);
      expect(page.headers['content-security-policy']).toBe("default-src 'none'; img-src data:");
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect((await get(`${server.url}index.html?x=1`)).status).toBe(200);
      expect((await get(`${server.url}../etc/passwd`)).status).toBe(404);
      expect((await get(`${server.url}results.json`)).status).toBe(404);
      expect((await get(server.url, 'POST')).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('answers only to 127.0.0.1:<port> and localhost:<port> Host headers (no DNS rebinding)', async () => {
    const server = await serveReport('<html><body>报告</body></html>');
    try {
      const port = new URL(server.url).port;
      expect((await get(server.url, 'GET', `localhost:${port}`)).status).toBe(200);
      expect((await get(server.url, 'GET', `127.0.0.1:${port}`)).status).toBe(200);
      for (const host of [
        `evil.example:${port}`,
        'evil.example',
        `127.0.0.1:${Number(port) + 1}`,
        `localhost.evil.example:${port}`,
        '',
      ]) {
        const res = await get(server.url, 'GET', host);
        // No Host header at all is refused by Node's HTTP/1.1 parser itself (400).
        expect(res.status, `Host: ${host}`).toBe(host === '' ? 400 : 421);
        expect(res.body).not.toContain('报告');
      }
    } finally {
      await server.close();
    }
  });
});
