import { afterEach, describe, expect, it } from 'vitest';
import { createFakeServerBase, sendNotExpressible } from './server-base.js';
import type { FakeServerBase } from './server-base.js';

let server: FakeServerBase | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<FakeServerBase> {
  server = await createFakeServerBase({
    basePath: '/v9',
    intercept: (ctx) => {
      if (ctx.request.path !== '/teapot') return false;
      ctx.sendJson(418, { short: 'and stout' });
      return true;
    },
    respond: (ctx) => {
      if (ctx.scenario.kind === 'text') ctx.sendJson(200, { said: ctx.scenario.text });
      else sendNotExpressible(ctx, 'test');
    },
  });
  return server;
}

describe('createFakeServerBase', () => {
  it('listens on loopback and exposes the base URL', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.baseURL).toBe(`${s.url}/v9`);
    expect(s.port).toBeGreaterThan(0);
  });

  it('records method, path, query, lowercased headers, raw and parsed body', async () => {
    const s = await start();
    await fetch(`${s.url}/a/b?x=1`, {
      method: 'POST',
      headers: { 'X-Thing': 'Yes', 'content-type': 'application/json' },
      body: '{"n":1}',
    });
    await fetch(`${s.url}/c`, { method: 'POST', body: 'not json' });
    expect(s.requests).toHaveLength(2);
    const [first, second] = s.requests;
    expect(first).toMatchObject({
      method: 'POST',
      path: '/a/b',
      search: '?x=1',
      rawBody: '{"n":1}',
      body: { n: 1 },
      scenario: 'text',
    });
    expect(first?.headers['x-thing']).toBe('Yes');
    expect(second).toMatchObject({ rawBody: 'not json', body: undefined });
  });

  it('picks header over queue over handler over default', async () => {
    const s = await start();
    s.enqueue({ kind: 'text', text: 'queued' });
    s.setHandler(() => ({ kind: 'text', text: 'handled' }));
    const viaHeader = await fetch(s.url, { headers: { 'x-fake-scenario': '{"kind":"text","text":"header"}' } });
    expect(await viaHeader.json()).toEqual({ said: 'header' });
    expect(s.pending).toHaveLength(1);
    expect(await (await fetch(s.url)).json()).toEqual({ said: 'queued' });
    expect(await (await fetch(s.url)).json()).toEqual({ said: 'handled' });
    s.reset();
    expect(s.requests).toHaveLength(0);
    expect(await (await fetch(s.url)).json()).toEqual({ said: 'Hello from the fake server.' });
  });

  it('rejects a bad scenario header with a 400 that says why', async () => {
    const s = await start();
    const res = await fetch(s.url, { headers: { 'x-fake-scenario': 'text' } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('x-fake-scenario');
    expect(s.requests[0]?.scenario).toBe('none');
  });

  it('lets the family answer requests itself through intercept', async () => {
    const s = await start();
    s.enqueue({ kind: 'text', text: 'kept' });
    const res = await fetch(`${s.url}/teapot`);
    expect(res.status).toBe(418);
    expect(s.pending).toHaveLength(1);
    expect(s.requests[0]?.scenario).toBe('none');
  });

  it('answers 501 naming a scenario the family cannot express', async () => {
    const s = await start();
    s.enqueue({ kind: 'block', signal: 'zhipu-1301', stage: 'input' });
    const res = await fetch(s.url);
    expect(res.status).toBe(501);
    expect(await res.text()).toContain('block/zhipu-1301/input');
  });

  it('plays reset as a dropped connection', async () => {
    const s = await start();
    s.enqueue({ kind: 'reset' });
    await expect(fetch(s.url)).rejects.toThrow();
    expect(s.requests[0]?.scenario).toBe('reset');
  });

  it('holds a hang until the client aborts, and recorded it', async () => {
    const s = await start();
    s.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const pending = fetch(s.url, { signal: controller.signal });
    await waitFor(() => s.requests.length === 1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(s.requests[0]?.scenario).toBe('hang');
  });

  it('drops a timed hang after ms', async () => {
    const s = await start();
    s.enqueue({ kind: 'hang', ms: 20 });
    await expect(fetch(s.url)).rejects.toThrow();
  });

  it('closes promptly while a request hangs', async () => {
    const s = await start();
    s.enqueue({ kind: 'hang' });
    const pending = fetch(s.url).catch((error: unknown) => error);
    await waitFor(() => s.requests.length === 1);
    await s.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('condition never became true');
}
