import { fileURLToPath } from 'node:url';
import { createFakeServerBase } from '@sc-safety/testkit';
import type { FakeRespondContext, FakeServerBase } from '@sc-safety/testkit';
import type { BlockedResultV1, CompletedResultV1 } from '@sc-safety/spec';
import { afterEach, describe, expect, it } from 'vitest';
import { createModel } from './create-model.js';
import { redactRaw } from './redact-raw.js';

const TEMPLATE = fileURLToPath(new URL('../docs/acme-chat.template.yaml', import.meta.url));
const KEY = 'acme-echo-key-0123456789';
const ask = { messages: [{ role: 'user' as const, content: 'x' }] };

describe('redactRaw', () => {
  it('replaces the secrets inside string values and keeps the structure and everything else', () => {
    const raw = { text: `key ${KEY} here`, n: 3, ok: true, none: null, list: [KEY, 'plain', { deep: `x${KEY}x` }] };
    expect(redactRaw(raw, [KEY])).toEqual({
      text: 'key [REDACTED] here',
      n: 3,
      ok: true,
      none: null,
      list: ['[REDACTED]', 'plain', { deep: 'x[REDACTED]x' }],
    });
    expect(raw.list[0]).toBe(KEY);
  });

  it('replaces a credential-named field whole, and shares what had nothing to redact', () => {
    const clean = { usage: { in: 1, out: 2 }, choices: [{ text: 'hi' }] };
    const raw = { access_token: 'opaque-value-1', max_tokens: 'unchanged', ...clean };
    const out = redactRaw(raw, []) as typeof raw;
    expect(out).toEqual({ access_token: '[REDACTED]', max_tokens: 'unchanged', ...clean });
    expect(out.usage).toBe(clean.usage);
    expect(redactRaw(clean, [KEY])).toBe(clean);
  });
});

describe('raw on results never carries the credentials (fake that echoes them)', () => {
  let server: FakeServerBase | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** An Acme-template vendor that echoes the key it received in every body. */
  async function echoingAcme(
    reply: (key: string, stream: boolean, ctx: FakeRespondContext) => void,
  ): Promise<FakeServerBase> {
    server = await createFakeServerBase({
      respond: (ctx) => {
        const stream = (ctx.request.body as { options?: { stream?: boolean } }).options?.stream === true;
        reply(ctx.request.headers['x-acme-key'] ?? '', stream, ctx);
      },
    });
    return server;
  }
  const acme = (s: FakeServerBase, stream: boolean) =>
    createModel({ model: 'acme-large', template: TEMPLATE, baseURL: s.baseURL, apiKey: KEY, stream }, { env: {} });

  it('a completed answer: the echoed key is redacted in raw, the answer text is untouched', async () => {
    const s = await echoingAcme((key, _stream, ctx) =>
      ctx.sendJson(200, {
        status: { code: 0, msg: 'ok' },
        trace_id: 't1',
        echo: { note: `called with ${key}`, seen: [key] },
        result: { output: { text: 'Hello', stop_reason: 'stop' }, usage: { in: 1, out: 1 } },
      }),
    );
    const result = (await acme(s, false).generate(ask)) as CompletedResultV1;
    expect(result).toMatchObject({ type: 'completed', text: 'Hello', requestId: 't1' });
    expect(JSON.stringify(result.raw)).not.toContain(KEY);
    expect(result.raw).toEqual({
      status: { code: 0, msg: 'ok' },
      trace_id: 't1',
      echo: { note: 'called with [REDACTED]', seen: ['[REDACTED]'] },
      result: { output: { text: 'Hello', stop_reason: 'stop' }, usage: { in: 1, out: 1 } },
    });
  });

  it('a streamed answer: the last frame kept as raw is redacted', async () => {
    const s = await echoingAcme((key, stream, ctx) => {
      expect(stream).toBe(true);
      ctx.res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      ctx.res.write(`${JSON.stringify({ status: { code: 0 }, delta: 'Hel' })}\n`);
      ctx.res.end(
        `${JSON.stringify({ status: { code: 0 }, delta: 'lo', done: true, stop_reason: 'stop', echo: key })}\n`,
      );
    });
    const result = (await acme(s, true).generate(ask)) as CompletedResultV1;
    expect(result).toMatchObject({ type: 'completed', text: 'Hello' });
    expect(result.raw).toMatchObject({ done: true, echo: '[REDACTED]' });
  });

  it('a blocked result: raw, message and details are redacted', async () => {
    const s = await echoingAcme((key, _stream, ctx) =>
      ctx.sendJson(200, { status: { code: 4201, msg: `refused for key ${key}` }, trace_id: 't2' }),
    );
    const result = (await acme(s, false).generate(ask)) as BlockedResultV1;
    expect(result).toMatchObject({
      type: 'blocked',
      stage: 'input',
      code: '4201',
      message: 'refused for key [REDACTED]',
    });
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(result.raw).toEqual({ status: { code: 4201, msg: 'refused for key [REDACTED]' }, trace_id: 't2' });
  });

  it('a per-call signature (TC3) echoed back bare is redacted too: the adapter knows what it sent', async () => {
    server = await createFakeServerBase({
      respond: (ctx) => {
        const authorization = ctx.request.headers.authorization ?? '';
        const signature = /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? 'none';
        ctx.sendJson(200, {
          Response: {
            RequestId: 'r1',
            Choices: [{ Message: { Role: 'assistant', Content: 'hi' }, FinishReason: 'stop' }],
            Echo: { Signature: signature, Seen: signature },
          },
        });
      },
    });
    const model = createModel(
      {
        model: 'hunyuan-turbo',
        preset: 'hunyuan',
        baseURL: server.url,
        secretId: 'AKIDecho000000000000000000',
        secretKey: 'tc3-secret-key-for-echo-0000',
      },
      { env: {} },
    );
    const result = (await model.generate(ask)) as CompletedResultV1;
    const sent = /Signature=([0-9a-f]+)/.exec(server.requests[0]?.headers.authorization ?? '')?.[1];
    expect(sent).toMatch(/^[0-9a-f]{64}$/);
    expect(result).toMatchObject({ type: 'completed', text: 'hi' });
    expect(JSON.stringify(result.raw)).not.toContain(sent);
    expect(result.raw).toMatchObject({ Response: { Echo: { Signature: '[REDACTED]', Seen: '[REDACTED]' } } });
    await model.close();
  });
});
