import { describe, expect, it } from 'vitest';
import { formatScenarioHeader } from '../scenario-header.js';
import { serverPerTest } from '../__fixtures__/server-per-test.js';
import { apiHeaders, messages, rawPost, TEST_KEY } from './__fixtures__/http.js';
import { createAnthropicFakeServer } from './create-anthropic-fake-server.js';
import type { AnthropicFakeServerOptions } from './create-anthropic-fake-server.js';

const start = serverPerTest((options: AnthropicFakeServerOptions = { apiKey: TEST_KEY }) =>
  createAnthropicFakeServer(options),
);
const errorOf = (body: string) =>
  JSON.parse(body) as { type: string; error: { type: string; message: string }; request_id: string };

describe('createAnthropicFakeServer routes and headers', () => {
  it('serves POST /v1/messages with the origin as the SDK base URL', async () => {
    const s = await start();
    expect(s.baseURL).toBe(s.url);
    expect(s.messagesURL).toBe(`${s.url}/v1/messages`);
    const reply = await rawPost(s.messagesURL, messages());
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ type: 'message', role: 'assistant', content: [{ type: 'text' }] });
  });

  it('404s an unknown route with not_found_error, without consuming the queue', async () => {
    const s = await start();
    s.enqueue({ kind: 'quota' });
    const reply = await rawPost(`${s.url}/v1/complete`, messages());
    expect(reply.status).toBe(404);
    expect(errorOf(reply.body)).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    expect(reply.headers['x-should-retry']).toBe('false');
    expect(s.pending).toHaveLength(1);
    expect(s.requests[0]?.scenario).toBe('none');
  });

  it('accepts the key as x-api-key or as Authorization: Bearer, and 401s anything else', async () => {
    const s = await start();
    expect((await rawPost(s.messagesURL, messages())).status).toBe(200);
    expect(
      (
        await rawPost(s.messagesURL, messages(), {
          authorization: `Bearer ${TEST_KEY}`,
          'anthropic-version': '2023-06-01',
        })
      ).status,
    ).toBe(200);
    const wrong = await rawPost(s.messagesURL, messages(), apiHeaders({ 'x-api-key': 'sk-ant-wrong-key-000000' }));
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.body)).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid x-api-key' },
      request_id: expect.stringMatching(/^req_/),
    });
    expect(wrong.headers['request-id']).toBe(errorOf(wrong.body).request_id);
    expect(wrong.headers['x-should-retry']).toBe('false');
    expect(wrong.body).not.toContain('sk-ant-wrong');
    expect(s.requests.at(-1)?.scenario).toBe('auth');
    const missing = await rawPost(s.messagesURL, messages(), { 'anthropic-version': '2023-06-01' });
    expect(errorOf(missing.body).error.message).toBe('x-api-key header is required');
  });

  it('does not check keys when started without one', async () => {
    const s = await start({});
    expect((await rawPost(s.messagesURL, messages(), { 'anthropic-version': '2023-06-01' })).status).toBe(200);
  });

  it('requires an anthropic-version date', async () => {
    const s = await start();
    const missing = await rawPost(s.messagesURL, messages(), { 'x-api-key': TEST_KEY });
    expect(missing.status).toBe(400);
    expect(errorOf(missing.body).error).toEqual({
      type: 'invalid_request_error',
      message: 'anthropic-version: header is required',
    });
    expect((await rawPost(s.messagesURL, messages(), apiHeaders({ 'anthropic-version': 'latest' }))).status).toBe(400);
  });

  it('plays a scenario chosen with the x-fake-scenario header', async () => {
    const s = await start();
    const reply = await rawPost(
      s.messagesURL,
      messages(),
      apiHeaders({ 'x-fake-scenario': formatScenarioHeader({ kind: 'rate-limit', retryAfter: { seconds: 3 } }) }),
    );
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBe('3');
  });
});

describe('request validation (400 invalid_request_error, before any scenario)', () => {
  const cases: Array<[string, Record<string, unknown>, string | RegExp]> = [
    ['max_tokens missing', { max_tokens: undefined }, 'max_tokens: Field required'],
    ['max_tokens zero', { max_tokens: 0 }, /max_tokens/],
    ['model missing', { model: undefined }, 'model: Field required'],
    [
      'a system role inside messages',
      {
        messages: [
          { role: 'system', content: 'Be nice.' },
          { role: 'user', content: 'Hi' },
        ],
      },
      /Unexpected role "system"/,
    ],
    [
      'starting with assistant',
      {
        messages: [
          { role: 'assistant', content: 'Hi' },
          { role: 'user', content: 'Hello' },
        ],
      },
      'messages: first message must use the "user" role',
    ],
    [
      'two user turns in a row',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
        ],
      },
      /roles must alternate .* multiple "user" roles/,
    ],
    [
      'an empty message before the last',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: '' },
          { role: 'user', content: 'b' },
        ],
      },
      /messages\.1: all messages must have non-empty content/,
    ],
    ['no messages', { messages: [] }, 'messages: at least one message is required'],
    ['temperature above 1', { temperature: 1.5 }, /temperature/],
    ['a seed (no such field)', { seed: 42 }, 'seed: Extra inputs are not permitted'],
    ['a blank stop sequence', { stop_sequences: [' '] }, /stop_sequences/],
    ['a system that is not text', { system: 42 }, /system/],
  ];
  it.each(cases)('rejects %s', async (_name, patch, message) => {
    const s = await start();
    s.enqueue({ kind: 'text', text: 'never sent' });
    const body = JSON.parse(JSON.stringify(messages(patch))) as Record<string, unknown>;
    const reply = await rawPost(s.messagesURL, body);
    expect(reply.status).toBe(400);
    expect(reply.headers['x-should-retry']).toBe('false');
    const error = errorOf(reply.body);
    expect(error.error.type).toBe('invalid_request_error');
    expect(error.error.message).toMatch(message);
    expect(s.pending).toHaveLength(1);
  });

  it('accepts a top-level system (string or text blocks), alternation and a final assistant prefill', async () => {
    const s = await start();
    const ok = [
      messages({
        system: 'Be terse.',
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b' },
          { role: 'user', content: 'c' },
        ],
      }),
      messages({
        system: [{ type: 'text', text: 'Be terse.' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'a' }] },
          { role: 'assistant', content: '' },
        ],
      }),
    ];
    for (const body of ok) expect((await rawPost(s.messagesURL, body)).status).toBe(200);
  });

  it('rejects a body that is not JSON', async () => {
    const s = await start();
    const reply = await rawPost(s.messagesURL, '{not json');
    expect(reply.status).toBe(400);
    expect(errorOf(reply.body).error.type).toBe('invalid_request_error');
  });
});
