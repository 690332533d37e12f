import { anthropicErrorBody, createAnthropicFakeServer, createFakeServerBase } from '@sc-safety/testkit';
import type { AnthropicFakeServer, AnthropicFakeServerOptions, FakeRespondContext, FakeServerBase } from '@sc-safety/testkit';
import { createModel } from '../create-model.js';
import type { AnthropicAdapterConfig } from '../config.js';
import type { AnthropicMessagesModel } from '../anthropic-messages-model.js';

export const KEY = 'sk-ant-api03-unit-test-key-0123456789';

const open: Array<{ close(): Promise<void> }> = [];

/** Closes every server started by this fixture (call in afterEach). */
export async function closeServers(): Promise<void> {
  await Promise.all(open.splice(0).map((s) => s.close()));
}

export async function fake(options: AnthropicFakeServerOptions = {}): Promise<AnthropicFakeServer> {
  const server = await createAnthropicFakeServer({ apiKey: KEY, ...options });
  open.push(server);
  return server;
}

/**
 * A server that answers every request with the given status, headers and body: for vendor replies
 * the scenario set does not cover (content-filtering 400, an error that echoes the key).
 */
export async function replying(reply: (ctx: FakeRespondContext) => { status: number; body: unknown; headers?: Record<string, string> } | string): Promise<FakeServerBase> {
  const server = await createFakeServerBase({
    respond: (ctx) => {
      const r = reply(ctx);
      if (typeof r === 'string') {
        // A raw SSE body.
        ctx.res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': 'req_stub' });
        ctx.res.end(r);
        return;
      }
      ctx.sendJson(r.status, r.body, { 'x-should-retry': 'false', ...r.headers });
    },
  });
  open.push(server);
  return server;
}

/** A server that answers every request with a non-JSON page (a gateway or proxy error). */
export async function page(status: number, html: string): Promise<FakeServerBase> {
  const server = await createFakeServerBase({
    respond: (ctx) => {
      ctx.res.writeHead(status, { 'content-type': 'text/html', 'x-should-retry': 'false' });
      ctx.res.end(html);
    },
  });
  open.push(server);
  return server;
}

export function model(server: { baseURL: string }, config: Partial<AnthropicAdapterConfig> = {}): AnthropicMessagesModel {
  return createModel({ model: 'claude-fake', apiKey: KEY, baseURL: server.baseURL, timeoutMs: 10_000, ...config });
}

export { anthropicErrorBody };
