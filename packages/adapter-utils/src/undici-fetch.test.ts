import { getEventListeners } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUndiciFetch } from './undici-fetch.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** One request as the server saw it. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let origin: string;
let handler: Handler = (_req, res) => res.end();
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  seen.length = 0;
  handler = (_req, res) => res.end();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Resolves when the server has received the next request. */
function nextRequest(): { received: Promise<ServerResponse> } & { wrap: (then: Handler) => Handler } {
  let resolve!: (res: ServerResponse) => void;
  const received = new Promise<ServerResponse>((r) => (resolve = r));
  return {
    received,
    wrap: (then) => (req, res, body) => {
      then(req, res, body);
      resolve(res);
    },
  };
}

/**
 * Fetches `path` with an abortable signal and resolves once the server has the request, which it
 * answers with `respond` (by default not at all): the test then aborts with `controller`.
 */
async function fetchUntilReceived(
  path: string,
  respond: Handler = () => undefined,
  init: RequestInit = {},
): Promise<{ controller: AbortController; pending: Promise<Response> }> {
  const next = nextRequest();
  handler = next.wrap(respond);
  const controller = new AbortController();
  const pending = createUndiciFetch()(`${origin}${path}`, { ...init, signal: controller.signal });
  await next.received;
  return { controller, pending };
}

/** Rejects-or-resolves as a value, so a test can look at what a promise failed with. */
async function settle(
  promise: Promise<unknown>,
): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await settle(promise);
  if (outcome.ok) throw new Error('expected a rejection, got a value');
  return outcome.error;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('createUndiciFetch', () => {
  it('returns the status, the JSON body and repeated response headers', async () => {
    handler = (_req, res) =>
      json(res, 201, { id: 'msg_1', text: 'héllo 安全' }, { 'x-multi': ['a', 'b'], 'request-id': 'req_1' });
    const response = await createUndiciFetch()(`${origin}/v1/messages`);
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('request-id')).toBe('req_1');
    expect(response.headers.get('x-multi')).toBe('a, b');
    expect(await response.json()).toEqual({ id: 'msg_1', text: 'héllo 安全' });
    expect(seen).toMatchObject([{ method: 'GET', url: '/v1/messages' }]);
  });

  it('keeps each set-cookie value apart, as fetch does', async () => {
    handler = (_req, res) => json(res, 200, {}, { 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] });
    const response = await createUndiciFetch()(`${origin}/c`);
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('sends the path, query and request headers given as a Headers object, an array or a record', async () => {
    handler = (_req, res) => json(res, 200, {});
    const send = createUndiciFetch();
    const headers = new Headers({ 'x-api-key': 'k-1', 'anthropic-version': '2023-06-01' });
    headers.append('x-multi', 'one');
    headers.append('x-multi', 'two');
    await send(`${origin}/v1/m?beta=true&x=1`, { headers });
    await send(new URL(`${origin}/array`), { headers: [['x-from', 'array']] });
    await send(`${origin}/record`, { headers: { 'x-from': 'record' } });
    expect(seen[0]).toMatchObject({
      url: '/v1/m?beta=true&x=1',
      headers: { 'x-api-key': 'k-1', 'anthropic-version': '2023-06-01', 'x-multi': 'one, two' },
    });
    expect(seen[1]).toMatchObject({ url: '/array', headers: { 'x-from': 'array' } });
    expect(seen[2]).toMatchObject({ url: '/record', headers: { 'x-from': 'record' } });
  });

  it('sends a POST string body whole, with its content-length in bytes', async () => {
    handler = (_req, res) => json(res, 200, { ok: true });
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: '你好, wörld' }] });
    const response = await createUndiciFetch()(`${origin}/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(await response.json()).toEqual({ ok: true });
    expect(seen[0]).toMatchObject({ method: 'POST', body });
    expect(seen[0]?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen[0]?.headers['transfer-encoding']).toBeUndefined();
  });

  it('sends a Uint8Array body as it is', async () => {
    handler = (_req, res) => json(res, 200, {});
    const bytes = new TextEncoder().encode('{"bytes":"ü"}');
    await createUndiciFetch()(`${origin}/bytes`, { method: 'POST', body: bytes });
    expect(seen[0]).toMatchObject({ body: '{"bytes":"ü"}', headers: { 'content-length': String(bytes.byteLength) } });
  });

  it('hands over an SSE body as it arrives: the first event is readable before the server ends', async () => {
    const next = nextRequest();
    handler = next.wrap((_req, res) => {
      // Header names as many servers write them: the transport must not depend on their case.
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.write('event: message_start\ndata: {"n":1}\n\n');
    });
    const response = await createUndiciFetch()(`${origin}/stream`, { method: 'POST', body: '{}' });
    const res = await next.received;
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let first = '';
    while (!first.includes('\n\n')) {
      const { done, value } = await reader.read();
      if (done) throw new Error('the stream ended before its first event');
      first += value;
    }
    expect(first).toBe('event: message_start\ndata: {"n":1}\n\n');
    // Only now does the server finish the answer.
    expect(res.writableEnded).toBe(false);
    res.end('event: message_stop\ndata: {"n":2}\n\n');
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += value;
    }
    expect(rest).toBe('event: message_stop\ndata: {"n":2}\n\n');
  });

  describe('abort', () => {
    it('before the request: rejects with the reason and sends nothing', async () => {
      const controller = new AbortController();
      const reason = new Error('caller gave up');
      controller.abort(reason);
      expect(await rejection(createUndiciFetch()(`${origin}/x`, { signal: controller.signal }))).toBe(reason);
      expect(seen).toHaveLength(0);
    });

    it('before the request, without a reason: rejects with an AbortError', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(createUndiciFetch()(`${origin}/x`, { signal: controller.signal }));
      expect(error).toBeInstanceOf(DOMException);
      expect(error).toMatchObject({ name: 'AbortError' });
      expect(seen).toHaveLength(0);
    });

    it('while waiting for headers: rejects with the reason', async () => {
      const { controller, pending } = await fetchUntilReceived('/hang', undefined, { method: 'POST', body: '{}' });
      const outcome = settle(pending);
      const reason = new Error('deadline');
      controller.abort(reason);
      expect(await outcome).toEqual({ ok: false, error: reason });
    });

    it('while waiting for headers, with a reason that is not an Error: rejects with that value', async () => {
      const { controller, pending } = await fetchUntilReceived('/hang');
      const outcome = settle(pending);
      controller.abort('shutting down');
      expect(await outcome).toEqual({ ok: false, error: 'shutting down' });
    });

    it('while waiting for headers, without a reason: rejects with an AbortError', async () => {
      const { controller, pending } = await fetchUntilReceived('/hang');
      const rejected = rejection(pending);
      controller.abort();
      const error = await rejected;
      expect(error).toBeInstanceOf(DOMException);
      expect(error).toMatchObject({ name: 'AbortError' });
    });

    it('while a JSON body is being read: rejects with the reason', async () => {
      const { controller, pending } = await fetchUntilReceived('/slow-json', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"partial":');
      });
      const outcome = settle(pending);
      const reason = new Error('deadline mid-body');
      controller.abort(reason);
      expect(await outcome).toEqual({ ok: false, error: reason });
    });

    it('while a stream is being read: the read rejects with the reason', async () => {
      const { controller, pending } = await fetchUntilReceived('/slow-stream', (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"n":1}\n\n');
      });
      const response = await pending;
      const reader = response.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      const reason = new Error('deadline mid-stream');
      controller.abort(reason);
      expect(await rejection(reader.read())).toBe(reason);
    });
  });

  it('leaves no abort listener on a long-lived signal once each answer has been read', async () => {
    handler = (req, res) =>
      req.url === '/sse'
        ? (res.writeHead(200, { 'content-type': 'text/event-stream' }), res.end('data: 1\n\n'))
        : json(res, 200, { ok: true });
    const run = new AbortController();
    const send = createUndiciFetch();
    for (let i = 0; i < 20; i++) {
      await (await send(`${origin}/json`, { signal: run.signal })).json();
      await (await send(`${origin}/sse`, { signal: run.signal })).text();
    }
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  describe('a body cut short', () => {
    it('rejects a JSON answer whose connection closes before content-length bytes', async () => {
      handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
        res.write('{"id":"msg_1","content":[{"type":"te', () => res.socket?.destroy());
      };
      const error = await rejection(createUndiciFetch()(`${origin}/cut`));
      expect(error).toBeInstanceOf(Error);
    });

    it('rejects an error answer cut the same way', async () => {
      handler = (_req, res) => {
        res.writeHead(500, { 'content-type': 'application/json', 'content-length': '200' });
        res.write('{"error":', () => res.socket?.destroy());
      };
      expect(await rejection(createUndiciFetch()(`${origin}/cut-error`))).toBeInstanceOf(Error);
    });

    it('makes a stream read reject, never end cleanly', async () => {
      handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'content-length': '200' });
        res.write('data: {"n":1}\n\n', () => res.socket?.destroy());
      };
      const response = await createUndiciFetch()(`${origin}/cut-stream`);
      const outcome = await settle(new Response(response.body).text());
      expect(outcome.ok).toBe(false);
    });
  });

  it('gives a 204 a null body', async () => {
    handler = (_req, res) => {
      res.writeHead(204, { 'request-id': 'req_204' });
      res.end();
    };
    const response = await createUndiciFetch()(`${origin}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(response.headers.get('request-id')).toBe('req_204');
  });

  it('follows a 307 redirect through the fallback, method and body kept', async () => {
    handler = (req, res, body) => {
      if (req.url === '/old') {
        res.writeHead(307, { Location: '/new', 'Content-Type': 'application/json' });
        res.end('{"moved":true}');
        return;
      }
      json(res, 200, { at: req.url, method: req.method, body });
    };
    const fallback = vi.fn<typeof globalThis.fetch>((input, init) => globalThis.fetch(input, init));
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"q":1}' };
    const response = await createUndiciFetch({ fallback })(`${origin}/old`, init);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ at: '/new', method: 'POST', body: '{"q":1}' });
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(fallback).toHaveBeenCalledWith(`${origin}/old`, init);
  });

  it("returns a redirect as it is when the caller asked for redirect: 'manual'", async () => {
    handler = (_req, res) => {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    };
    const fallback = vi.fn<typeof globalThis.fetch>();
    const response = await createUndiciFetch({ fallback })(`${origin}/moved`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
    expect(fallback).not.toHaveBeenCalled();
  });

  it('hands a Request object to the fallback unchanged', async () => {
    const fallback = vi.fn<typeof globalThis.fetch>(async () => new Response('from fallback', { status: 299 }));
    const request = new Request(`${origin}/req`, { method: 'POST', body: 'x' });
    const init = { headers: { 'x-extra': '1' } };
    const response = await createUndiciFetch({ fallback })(request, init);
    expect(response.status).toBe(299);
    expect(await response.text()).toBe('from fallback');
    expect(fallback).toHaveBeenCalledWith(request, init);
    expect(seen).toHaveLength(0);
  });

  it('hands a body it does not send itself (a stream) to the fallback', async () => {
    const fallback = vi.fn<typeof globalThis.fetch>(async () => new Response('ok'));
    const body = new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    await createUndiciFetch({ fallback })(`${origin}/s`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(0);
  });

  it('returns a 500 JSON error body whole, however many chunks it came in', async () => {
    const error = { type: 'error', error: { type: 'api_error', message: 'x'.repeat(200_000) }, request_id: 'req_500' };
    const text = JSON.stringify(error);
    handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      for (let i = 0; i < text.length; i += 16_384) res.write(text.slice(i, i + 16_384));
      res.end();
    };
    const response = await createUndiciFetch()(`${origin}/boom`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(500);
    expect(response.ok).toBe(false);
    expect(await response.text()).toBe(text);
  });
});
