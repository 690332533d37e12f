import { describe, expect, it } from 'vitest';
import { formatScenarioHeader } from '../scenario-header.js';
import { serverPerTest } from '../__fixtures__/server-per-test.js';
import { chat, rawPost } from './__fixtures__/http.js';
import { createOpenAIFakeServer } from './create-openai-fake-server.js';
import type { OpenAIFakeServerOptions } from './create-openai-fake-server.js';
import type { OpenAIFakeVendor } from './vendors.js';

const start = serverPerTest((options: OpenAIFakeServerOptions = {}) => createOpenAIFakeServer(options));

describe('createOpenAIFakeServer routes', () => {
  const bases: Array<[OpenAIFakeVendor, string]> = [
    ['openai', '/v1'],
    ['deepseek', ''],
    ['dashscope', '/compatible-mode/v1'],
    ['zhipu', '/api/paas/v4'],
    ['qianfan', '/v2'],
    ['ark', '/api/v3'],
    ['moonshot', '/v1'],
    ['vllm', '/v1'],
    ['ollama', '/v1'],
  ];
  it.each(bases)('%s exposes its SDK base URL and answers chat there', async (vendor, path) => {
    const s = await start({ vendor });
    expect(s.baseURL).toBe(`${s.url}${path}`);
    expect(s.chatURL).toBe(`${s.url}${path}/chat/completions`);
    const reply = await rawPost(s.chatURL, chat());
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { role: 'assistant' } }],
    });
  });

  it('also answers the path without /v1 and the other vendors’ paths', async () => {
    const s = await start();
    for (const path of ['/chat/completions', '/compatible-mode/v1/chat/completions', '/api/v3/chat/completions']) {
      expect((await rawPost(`${s.url}${path}`, chat())).status).toBe(200);
    }
  });

  it('404s an unknown route in the vendor envelope without consuming the queue', async () => {
    const s = await start();
    s.enqueue({ kind: 'quota' });
    const reply = await rawPost(`${s.url}/v1/completions`, chat());
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ error: { message: expect.stringContaining('/v1/completions') } });
    expect(s.pending).toHaveLength(1);
    expect(s.requests[0]?.scenario).toBe('none');
  });

  it('lists models on GET …/models', async () => {
    const s = await start({ models: ['a', 'b'] });
    const res = await fetch(`${s.baseURL}/models`);
    expect(await res.json()).toMatchObject({ object: 'list', data: [{ id: 'a', object: 'model' }, { id: 'b' }] });
  });

  it('rejects chat bodies a real server would (400, no scenario played)', async () => {
    const s = await start();
    s.enqueue({ kind: 'text', text: 'kept' });
    expect((await rawPost(s.chatURL, 'not json')).status).toBe(400);
    expect((await rawPost(s.chatURL, { messages: [{ role: 'user', content: 'x' }] })).body).toContain('model');
    expect((await rawPost(s.chatURL, chat({ messages: [{ role: 'wizard', content: 'x' }] }))).body).toContain('wizard');
    expect((await rawPost(s.chatURL, chat({ stream_options: { include_usage: true } }))).body).toContain(
      'stream_options',
    );
    expect(s.pending).toHaveLength(1);
  });
});

describe('createOpenAIFakeServer auth', () => {
  it('checks the bearer key and answers 401 in the vendor envelope, recorded as auth', async () => {
    const s = await start({ vendor: 'zhipu', apiKey: 'right-key-123456' });
    s.enqueue({ kind: 'text', text: 'kept' });
    const wrong = await rawPost(s.chatURL, chat(), { authorization: 'Bearer wrong-key-1234567' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toEqual({ error: { code: '1000', message: expect.any(String) } });
    expect(wrong.headers['x-should-retry']).toBe('false');
    expect(s.requests[0]?.scenario).toBe('auth');
    const missing = await rawPost(s.chatURL, chat());
    expect(missing.status).toBe(401);
    const right = await rawPost(s.chatURL, chat(), { authorization: 'Bearer right-key-123456' });
    expect(JSON.parse(right.body)).toMatchObject({ choices: [{ message: { content: 'kept' } }] });
  });

  it('guards the model list too', async () => {
    const s = await start({ apiKey: 'k' });
    expect((await fetch(`${s.baseURL}/models`)).status).toBe(401);
    expect((await fetch(`${s.baseURL}/models`, { headers: { authorization: 'Bearer k' } })).status).toBe(200);
  });

  it('echoes only a masked key in OpenAI auth errors', async () => {
    const key = 'sk-abcdefghijklmnopqrstuvwxyz';
    const s = await start({ apiKey: 'other' });
    const reply = await rawPost(s.chatURL, chat(), { authorization: `Bearer ${key}` });
    expect(reply.body).toContain('Incorrect API key provided: sk-');
    expect(reply.body).not.toContain(key);
  });

  it('ollama ignores keys (it has none)', async () => {
    const s = await start({ vendor: 'ollama', apiKey: 'k' });
    expect((await rawPost(s.chatURL, chat())).status).toBe(200);
  });
});

describe('createOpenAIFakeServer recording and scenario choice', () => {
  it('records each request with lowercased headers, parsed body, scenario and request id', async () => {
    const s = await start({ vendor: 'dashscope' });
    s.enqueue({ kind: 'server-error', status: 503 });
    const reply = await rawPost(s.chatURL, chat({ temperature: 0.2 }), { 'X-Custom': 'One' });
    expect(reply.headers['x-dashscope-request-id']).toBe('fake-req-0001');
    const [recorded] = s.requests;
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/compatible-mode/v1/chat/completions',
      scenario: 'server-error',
      playedScenario: { kind: 'server-error', status: 503 },
      requestId: 'fake-req-0001',
      body: { temperature: 0.2 },
    });
    expect(recorded?.headers['x-custom']).toBe('One');
    expect(JSON.parse(recorded?.rawBody ?? '')).toEqual(recorded?.body);
  });

  it('plays the scenario named by x-fake-scenario, JSON or bare kind, before the queue', async () => {
    const s = await start({ vendor: 'moonshot' });
    s.enqueue({ kind: 'text', text: 'queued' });
    const quota = await rawPost(s.chatURL, chat(), { 'x-fake-scenario': 'quota' });
    expect(JSON.parse(quota.body)).toMatchObject({ error: { type: 'exceeded_current_quota_error' } });
    const text = await rawPost(s.chatURL, chat(), {
      'x-fake-scenario': formatScenarioHeader({ kind: 'text', text: 'from header' }),
    });
    expect(JSON.parse(text.body)).toMatchObject({ choices: [{ message: { content: 'from header' } }] });
    const rateLimit = await rawPost(s.chatURL, chat(), {
      'x-fake-scenario': formatScenarioHeader({
        kind: 'rate-limit',
        retryAfter: { httpDate: new Date('2030-01-01T00:00:10Z') },
      }),
    });
    expect(rateLimit.headers['retry-after']).toBe('Tue, 01 Jan 2030 00:00:10 GMT');
    expect(s.pending).toHaveLength(1);
  });

  it('uses the handler when the queue is empty, with the recorded request', async () => {
    const s = await start();
    s.setHandler((request) => ({
      kind: 'text',
      text: `you said ${String((request.body as { messages: Array<{ content: string }> }).messages[0]?.content)}`,
    }));
    const reply = await rawPost(s.chatURL, chat());
    expect(JSON.parse(reply.body)).toMatchObject({ choices: [{ message: { content: 'you said Hello?' } }] });
  });
});
