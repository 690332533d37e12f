import {
  AbortedError,
  AdapterError,
  AuthError,
  InvalidRequestError,
  QuotaExhaustedError,
  RateLimitedError,
  TimeoutError,
  TransientError,
} from '@sc-safety/spec';
import type { GenerateResultV1 } from '@sc-safety/spec';
import { createFakeServerBase } from '@sc-safety/testkit/fake';
import type { FakeServerBase } from '@sc-safety/testkit/fake';
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACME_MODERATION, createAcmeFakeServer } from './__fixtures__/acme-fake-server.js';
import adapter from './index.js';
import { createModel } from './create-model.js';
import { mapRequest } from './map-request.js';

const KEY = 'acme-live-key-0123456789';
let server: FakeServerBase | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function start(): Promise<{
  server: FakeServerBase;
  generate: (r: Parameters<ReturnType<typeof createModel>['generate']>[0]) => Promise<GenerateResultV1>;
}> {
  server = await createAcmeFakeServer({ apiKey: KEY });
  const model = createModel({ model: 'acme-chat-2', apiKey: KEY, baseURL: server.baseURL, timeoutMs: 5000 });
  return { server, generate: (r) => model.generate(r) };
}
async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(AdapterError.isInstance(error)).toBe(true);
  return error as AdapterError;
}

describe('acme adapter', () => {
  it('answers with text, finish reason {stop, done}, usage and the trace id; sends the Acme request', async () => {
    const { server, generate } = await start();
    server.enqueue({ kind: 'text', text: 'Hello there.', usage: { inputTokens: 5, outputTokens: 3 } });
    const result = await generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Again?' },
      ],
      params: { temperature: 0.5, maxTokens: 20, seed: 7 },
    });
    expect(result).toMatchObject({
      type: 'completed',
      text: 'Hello there.',
      finishReason: { unified: 'stop', raw: 'done' },
      usage: { inputTokens: 5, outputTokens: 3, totalTokens: 8 },
      requestId: 'acme-trace-0001',
      warnings: [],
    });
    const recorded = server.requests[0];
    expect(recorded?.path).toBe('/acme/v2/generate');
    expect(recorded?.headers['x-acme-key']).toBe(KEY);
    expect(recorded?.body).toEqual({
      model: 'acme-chat-2',
      instructions: 'Be brief.',
      dialogue: [
        { speaker: 'human', text: 'Hi' },
        { speaker: 'bot', text: 'Hello.' },
        { speaker: 'human', text: 'Again?' },
      ],
      sampling: { temperature: 0.5, max_new_tokens: 20, seed: 7 },
    });
  });

  it('maps moderation: prompt → input block, completion → output block with the partial text', async () => {
    const { server, generate } = await start();
    server.enqueue(
      { kind: 'block', signal: ACME_MODERATION, stage: 'input' },
      { kind: 'block', signal: ACME_MODERATION, stage: 'output', partialText: 'First' },
    );
    expect(await generate({ messages: [{ role: 'user', content: 'x' }] })).toMatchObject({
      type: 'blocked',
      stage: 'input',
      code: 'moderated',
      details: { label: 'violence' },
    });
    const output = await generate({ messages: [{ role: 'user', content: 'x' }] });
    expect(output).toMatchObject({
      type: 'blocked',
      stage: 'output',
      partialText: 'First',
      finishReason: { unified: 'content-filter', raw: 'moderated' },
    });
  });

  it('classifies faults', async () => {
    const { server, generate } = await start();
    const ask = { messages: [{ role: 'user' as const, content: 'x' }] };
    server.enqueue({ kind: 'rate-limit', retryAfter: { seconds: 2 } });
    const limited = await rejection(generate(ask));
    expect(RateLimitedError.isInstance(limited) && limited.retryAfterMs).toBe(2000);
    server.enqueue(
      { kind: 'quota' },
      { kind: 'auth' },
      { kind: 'context-length' },
      { kind: 'server-error', status: 503 },
      { kind: 'server-error', status: 502 },
    );
    expect(QuotaExhaustedError.isInstance(await rejection(generate(ask)))).toBe(true);
    expect(AuthError.isInstance(await rejection(generate(ask)))).toBe(true);
    const tooLong = await rejection(generate(ask));
    expect(InvalidRequestError.isInstance(tooLong) && tooLong.reason).toBe('context_length');
    expect(await rejection(generate(ask))).toMatchObject({ kind: 'transient', status: 503, vendorCode: 'overloaded' });
    expect(TransientError.isInstance(await rejection(generate(ask)))).toBe(true);
  });

  it('warns about settings Acme lacks and clamps temperature', () => {
    const { body, warnings } = mapRequest('m', {
      messages: [{ role: 'user', content: 'x' }],
      params: { temperature: 3, topP: 0.5, stop: ['END'] },
    });
    expect(body.sampling).toEqual({ temperature: 2 });
    expect(warnings.map((w) => [w.type, w.setting])).toEqual([
      ['clamped-setting', 'temperature'],
      ['unsupported-setting', 'topP'],
      ['unsupported-setting', 'stop'],
    ]);
  });

  it('is a well-formed adapter definition whose version is package.json’s', async () => {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(adapter).toMatchObject({ name: 'acme', version: pkg.version, specificationVersion: 'v1' });
    const ok = await adapter.configSchema['~standard'].validate({ model: 'acme-chat-2' });
    expect(ok).toEqual({ value: { model: 'acme-chat-2' } });
    const bad = await adapter.configSchema['~standard'].validate({ model: '', timeoutMs: 'soon', extra: 1 });
    expect(bad.issues?.map((i) => i.path)).toEqual([['extra'], ['model'], ['timeoutMs']]);
    expect(() => createModel({ model: 'm' }, { env: {} })).toThrow(/ACME_API_KEY/);
  });

  it('keeps no key in raw, message or details when Acme echoes it back', async () => {
    // A vendor (or a proxy in front of it) that reflects the key it received into its answers.
    server = await createFakeServerBase({
      respond: (ctx) => {
        const key = ctx.request.headers['x-acme-key'] ?? '';
        const blocked = ctx.request.body !== undefined && JSON.stringify(ctx.request.body).includes('block me');
        ctx.sendJson(200, {
          output: { text: blocked ? '' : 'Hello.', stop: blocked ? 'moderated' : 'done' },
          ...(blocked ? { moderation: { blocked: true, phase: 'prompt', label: `policy for ${key}` } } : {}),
          tokens: { prompt: 1, generated: 1 },
          trace_id: 'acme-trace-echo',
          debug: { received: [`X-Acme-Key: ${key}`], key },
        });
      },
    });
    const model = createModel({ model: 'acme-chat-2', apiKey: KEY, baseURL: server.baseURL, timeoutMs: 5000 });
    const completed = await model.generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(completed).toMatchObject({ type: 'completed', text: 'Hello.', requestId: 'acme-trace-echo' });
    expect(JSON.stringify(completed)).not.toContain(KEY);
    expect(completed.raw).toEqual({
      output: { text: 'Hello.', stop: 'done' },
      tokens: { prompt: 1, generated: 1 },
      trace_id: 'acme-trace-echo',
      debug: { received: ['X-Acme-Key: [REDACTED]'], key: '[REDACTED]' },
    });
    const blocked = await model.generate({ messages: [{ role: 'user', content: 'block me' }] });
    expect(blocked).toMatchObject({ type: 'blocked', stage: 'input', details: { label: 'policy for [REDACTED]' } });
    expect(JSON.stringify(blocked)).not.toContain(KEY);
    expect(blocked.raw).toMatchObject({ moderation: { label: 'policy for [REDACTED]' }, debug: { key: '[REDACTED]' } });
  });
});

describe('the per-call signal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const answer = () =>
    new Response(
      JSON.stringify({ output: { text: 'ok', stop: 'done' }, tokens: { prompt: 1, generated: 1 }, trace_id: 't' }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  /** A fetch that answers once its signal aborts, the way fetch does: rejecting with the reason. */
  const untilAborted: typeof globalThis.fetch = (_input, init) =>
    new Promise((_resolve, reject) =>
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }),
    );

  it('2,000 sequential calls on one long-lived caller signal leave no listener, timer or link behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const run = new AbortController();
    const seen: AbortSignal[] = [];
    const listenersDuringCall: number[] = [];
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      if (init?.signal) seen.push(init.signal);
      listenersDuringCall.push(getEventListeners(run.signal, 'abort').length);
      return answer();
    };
    const model = createModel(
      { model: 'acme-chat-2', apiKey: KEY, baseURL: 'http://127.0.0.1:9', timeoutMs: 60_000 },
      { env: {}, fetch },
    );
    for (let i = 0; i < 2000; i++) {
      const result = await model.generate({ messages: [{ role: 'user', content: `q${i}` }], signal: run.signal });
      expect(result.type).toBe('completed');
    }
    expect(seen).toHaveLength(2000);
    // Linked while a call runs (one listener, its own), unlinked once it is over.
    expect(new Set(listenersDuringCall)).toEqual(new Set([1]));
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
    // Finished calls are no longer tied to the caller: aborting it reaches none of them.
    run.abort(new Error('run over'));
    expect(seen.filter((signal) => signal.aborted)).toHaveLength(0);
  });

  it("the caller's abort mid-call reaches fetch and is an AbortedError, leaving no listener", async () => {
    const run = new AbortController();
    const model = createModel(
      { model: 'acme-chat-2', apiKey: KEY, baseURL: 'http://127.0.0.1:9', timeoutMs: 60_000 },
      { env: {}, fetch: untilAborted },
    );
    const pending = model.generate({ messages: [{ role: 'user', content: 'x' }], signal: run.signal });
    run.abort(new Error('stop'));
    expect(AbortedError.isInstance(await rejection(pending))).toBe(true);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('the deadline aborts fetch and is a TimeoutError, leaving no listener', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const run = new AbortController();
    const model = createModel(
      { model: 'acme-chat-2', apiKey: KEY, baseURL: 'http://127.0.0.1:9', timeoutMs: 1000 },
      { env: {}, fetch: untilAborted },
    );
    const pending = rejection(model.generate({ messages: [{ role: 'user', content: 'x' }], signal: run.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(TimeoutError.isInstance(await pending)).toBe(true);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    expect(run.signal.aborted).toBe(false);
  });
});
