import { afterEach, describe, expect, it } from 'vitest';
import type { FakeScenario } from '../types.js';
import { chat, rawPost, streamed } from './__fixtures__/http.js';
import { createOpenAIFakeServer } from './create-openai-fake-server.js';
import type { OpenAIFakeServer } from './create-openai-fake-server.js';
import type { OpenAIFakeVendor } from './vendors.js';
import { expectRetryAfterForms } from '../__fixtures__/retry-after.js';

let server: OpenAIFakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function playOnce(vendor: OpenAIFakeVendor, scenario: FakeScenario, stream = false) {
  if (server?.vendor !== vendor) {
    await server?.close();
    server = await createOpenAIFakeServer({ vendor });
  }
  server.reset();
  server.enqueue(scenario);
  const reply = await rawPost(server.chatURL, stream ? streamed() : chat());
  return {
    ...reply,
    json: reply.headers['content-type'] === 'application/json' ? (JSON.parse(reply.body) as unknown) : undefined,
  };
}

describe('rate-limit', () => {
  it('sends 429, x-ratelimit-*, x-should-retry: false and Retry-After in exactly the asked form', async () => {
    const seconds = await expectRetryAfterForms((scenario) => playOnce('openai', scenario));
    expect(seconds.status).toBe(429);
    expect(seconds.headers).toMatchObject({
      'retry-after': '7',
      'x-should-retry': 'false',
      'x-ratelimit-remaining-requests': '0',
      'x-request-id': 'fake-req-0001',
    });
    expect(seconds.json).toEqual({
      error: { message: expect.any(String), type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
  });

  it.each([
    ['dashscope', { error: { code: 'limit_requests', type: 'limit_requests' }, request_id: 'fake-req-0001' }],
    ['zhipu', { error: { code: '1302' } }],
    ['moonshot', { error: { type: 'rate_limit_reached_error' } }],
    ['qianfan', { error: { code: 'rpm_rate_limit_exceeded' }, id: expect.stringMatching(/^as-/) }],
    ['ark', { error: { code: 'RateLimitExceeded.EndpointRPMExceeded', type: 'TooManyRequests' } }],
    ['deepseek', { error: { code: 'rate_limit_exceeded' } }],
  ] as const)('%s uses its own envelope', async (vendor, body) => {
    const reply = await playOnce(vendor, { kind: 'rate-limit', retryAfter: { seconds: 1 } });
    expect(reply.status).toBe(429);
    expect(reply.json).toMatchObject(body);
  });
});

describe('quota, auth and context-length per vendor', () => {
  const table: Array<[OpenAIFakeVendor, FakeScenario['kind'], number, unknown]> = [
    ['openai', 'quota', 429, { error: { code: 'insufficient_quota', type: 'insufficient_quota' } }],
    ['deepseek', 'quota', 402, { error: { message: 'Insufficient Balance' } }],
    ['dashscope', 'quota', 429, { error: { code: 'insufficient_quota' } }],
    ['zhipu', 'quota', 429, { error: { code: '1113' } }],
    ['moonshot', 'quota', 429, { error: { type: 'exceeded_current_quota_error' } }],
    ['ark', 'quota', 403, { error: { code: 'AccountOverdueError' } }],
    ['openai', 'auth', 401, { error: { code: 'invalid_api_key' } }],
    ['deepseek', 'auth', 401, { error: { type: 'authentication_error' } }],
    ['dashscope', 'auth', 401, { error: { code: 'invalid_api_key' } }],
    ['zhipu', 'auth', 401, { error: { code: '1000' } }],
    ['moonshot', 'auth', 401, { error: { type: 'invalid_authentication_error' } }],
    ['ark', 'auth', 401, { error: { code: 'AuthenticationError', type: 'Unauthorized' } }],
    ['vllm', 'auth', 401, { error: 'Unauthorized' }],
    ['llamacpp', 'auth', 401, { error: { code: 401, type: 'authentication_error' } }],
    ['openai', 'context-length', 400, { error: { code: 'context_length_exceeded', type: 'invalid_request_error' } }],
    ['deepseek', 'context-length', 400, { error: { message: expect.stringContaining('maximum context length') } }],
    ['dashscope', 'context-length', 400, { error: { message: 'Range of input length should be [1, 6000]' } }],
    ['zhipu', 'context-length', 400, { error: { code: '1261' } }],
    ['qianfan', 'context-length', 400, { error: { code: 'tokens_too_long' } }],
    [
      'moonshot',
      'context-length',
      400,
      { error: { type: 'invalid_request_error', message: expect.stringContaining('token limit') } },
    ],
    [
      'vllm',
      'context-length',
      400,
      { error: { code: 400, message: expect.stringContaining('maximum context length') } },
    ],
    ['llamacpp', 'context-length', 400, { error: { type: 'exceed_context_size_error' } }],
  ];
  it.each(table)('%s %s → %i', async (vendor, kind, status, body) => {
    const reply = await playOnce(vendor, { kind } as FakeScenario);
    expect(reply.status).toBe(status);
    expect(reply.headers['x-should-retry']).toBe('false');
    expect(reply.json).toMatchObject(body as object);
  });

  it('answers 501 naming what a vendor cannot express', async () => {
    for (const [vendor, kind] of [
      ['vllm', 'rate-limit'],
      ['llamacpp', 'quota'],
      ['ollama', 'auth'],
      ['ollama', 'context-length'],
      ['qianfan', 'quota'],
    ] as const) {
      const reply = await playOnce(vendor, { kind });
      expect(reply.status, `${vendor} ${kind}`).toBe(501);
      expect((reply.json as { error: { message: string } }).error.message).toContain(`"${kind}"`);
    }
  });
});

describe('server-error', () => {
  it('500 and 503 in the vendor envelope, 502 as a gateway HTML page; streamed requests too', async () => {
    const five = await playOnce('dashscope', { kind: 'server-error' }, true);
    expect(five.status).toBe(500);
    expect(five.json).toMatchObject({ error: { code: 'internal_error' }, request_id: 'fake-req-0001' });
    expect((await playOnce('openai', { kind: 'server-error', status: 503 })).json).toMatchObject({
      error: { type: 'server_error' },
    });
    const gateway = await playOnce('openai', { kind: 'server-error', status: 502 });
    expect(gateway.status).toBe(502);
    expect(gateway.headers['content-type']).toBe('text/html');
    expect(gateway.headers['x-should-retry']).toBe('false');
    expect(gateway.body).toContain('502 Bad Gateway');
    expect((await playOnce('llamacpp', { kind: 'server-error', status: 503 })).json).toEqual({
      error: { code: 503, message: 'Loading model', type: 'unavailable_error' },
    });
  });
});
