import { afterEach, describe, expect, it } from 'vitest';
import { createLlamaCppFakeServer } from './create-llamacpp-fake-server.js';
import type { LlamaCppFakeServer } from './create-llamacpp-fake-server.js';

let server: LlamaCppFakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (path: string, body: unknown) =>
  fetch(`${server?.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('llama-server fake', () => {
  it('answers /health 503 "Loading model" for the first N polls, then ok; /props reports n_ctx and slots', async () => {
    server = await createLlamaCppFakeServer({ loadingRequests: 2, contextSize: 1024, totalSlots: 3 });
    const loading = await fetch(`${server.url}/health`);
    expect(loading.status).toBe(503);
    expect(await loading.json()).toEqual({ error: { code: 503, message: 'Loading model', type: 'unavailable_error' } });
    expect((await fetch(`${server.url}/health`)).status).toBe(503);
    const ready = await fetch(`${server.url}/health`);
    expect(await ready.json()).toEqual({ status: 'ok' });
    expect(server.healthChecks).toBe(3);
    const props = (await (await fetch(`${server.url}/props`)).json()) as Record<string, unknown>;
    expect(props).toMatchObject({ default_generation_settings: { n_ctx: 1024 }, total_slots: 3 });
  });

  it('streams /completion as SSE frames without [DONE], ending with stop:true and the statistics', async () => {
    server = await createLlamaCppFakeServer();
    server.enqueue({
      kind: 'text',
      text: 'Hi there',
      chunks: ['Hi', ' there'],
      usage: { inputTokens: 9, outputTokens: 2 },
    });
    const text = await (await post('/completion', { prompt: 'Hello', stream: true })).text();
    const frames = text
      .trim()
      .split('\n\n')
      .map((f) => JSON.parse(f.replace(/^data: /, '')) as Record<string, unknown>);
    expect(frames.map((f) => f.content)).toEqual(['Hi', ' there', '']);
    expect(frames.at(-1)).toMatchObject({
      stop: true,
      stop_type: 'eos',
      tokens_predicted: 2,
      tokens_evaluated: 9,
      truncated: false,
    });
    expect(text).not.toContain('[DONE]');
  });

  it('refuses a prompt over the context with the overflow 400, on both endpoints', async () => {
    server = await createLlamaCppFakeServer({ contextSize: 16 });
    const native = await post('/completion', { prompt: 'x'.repeat(200) });
    expect(native.status).toBe(400);
    expect(await native.json()).toMatchObject({ error: { code: 400, type: 'exceed_context_size_error', n_ctx: 16 } });
    const chat = await post('/v1/chat/completions', {
      model: 'm',
      messages: [{ role: 'user', content: 'x'.repeat(200) }],
    });
    expect(chat.status).toBe(400);
  });

  it('answers scenarios a local server cannot produce with 501', async () => {
    server = await createLlamaCppFakeServer();
    server.enqueue({ kind: 'quota' });
    expect((await post('/completion', { prompt: 'Hi' })).status).toBe(501);
  });
});
