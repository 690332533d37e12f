import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { serveReport } from './serve-report.js';

function get(url: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method }, (res) => {
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
});
