import { afterEach, describe, expect, it } from 'vitest';
import type { FakeScenario } from '../types.js';
import { messages, rawPost, sseEvents, streamed } from './__fixtures__/http.js';
import { createAnthropicFakeServer } from './create-anthropic-fake-server.js';
import type { AnthropicFakeServer, AnthropicFakeServerOptions } from './create-anthropic-fake-server.js';
import { rateLimitHeaders } from './respond.js';
import { expectRetryAfterForms } from '../__fixtures__/retry-after.js';

let server: AnthropicFakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function playOnce(scenario: FakeScenario, stream = false, options: AnthropicFakeServerOptions = {}) {
  await server?.close();
  server = await createAnthropicFakeServer(options);
  server.enqueue(scenario);
  const reply = await rawPost(server.messagesURL, stream ? streamed() : messages());
  const json = reply.headers['content-type'] === 'application/json' ? (JSON.parse(reply.body) as unknown) : undefined;
  return { ...reply, json };
}
const envelope = (type: string, message?: string | RegExp) => ({
  type: 'error',
  error: {
    type,
    message:
      message === undefined
        ? expect.any(String)
        : typeof message === 'string'
          ? message
          : expect.stringMatching(message),
  },
  request_id: 'req_fake_0001',
});

describe('rate-limit', () => {
  it('sends 429 rate_limit_error, anthropic-ratelimit-* headers and Retry-After in exactly the asked form', async () => {
    const seconds = await expectRetryAfterForms((scenario) => playOnce(scenario));
    expect(seconds.status).toBe(429);
    expect(seconds.json).toEqual(envelope('rate_limit_error', /rate limit/));
    expect(seconds.headers).toMatchObject({
      'retry-after': '7',
      'x-should-retry': 'false',
      'request-id': 'req_fake_0001',
      'anthropic-ratelimit-requests-remaining': '0',
    });
  });

  it('gives every bucket a limit, a remaining count and an RFC 3339 reset', () => {
    const headers = rateLimitHeaders(undefined, Date.parse('2030-01-01T00:00:00.200Z'));
    for (const bucket of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
      expect(headers[`anthropic-ratelimit-${bucket}-limit`]).toMatch(/^\d+$/);
      expect(headers[`anthropic-ratelimit-${bucket}-remaining`]).toMatch(/^\d+$/);
      expect(headers[`anthropic-ratelimit-${bucket}-reset`]).toBe('2030-01-01T00:00:21Z');
    }
  });
});

describe('server errors', () => {
  it('500 api_error, 503 api_error, 529 overloaded_error, 502 an HTML gateway page', async () => {
    const e500 = await playOnce({ kind: 'server-error' });
    expect(e500.status).toBe(500);
    expect(e500.json).toEqual(envelope('api_error', 'Internal server error'));
    expect(e500.headers['x-should-retry']).toBe('false');
    expect((await playOnce({ kind: 'server-error', status: 503 })).json).toEqual(envelope('api_error'));
    const e529 = await playOnce({ kind: 'server-error', status: 529 });
    expect(e529.status).toBe(529);
    expect(e529.json).toEqual(envelope('overloaded_error', 'Overloaded'));
    const e502 = await playOnce({ kind: 'server-error', status: 502 });
    expect(e502.status).toBe(502);
    expect(e502.headers['content-type']).toBe('text/html');
    expect(e502.body).toContain('502 Bad Gateway');
    expect(e502.headers['x-should-retry']).toBe('false');
  });

  it('a streamed 529 is a 200 stream with partial text, then event: error overloaded_error', async () => {
    const reply = await playOnce({ kind: 'server-error', status: 529 }, true);
    expect(reply.status).toBe(200);
    const events = sseEvents(reply.body);
    expect(events[0]?.event).toBe('message_start');
    expect(events.some((e) => e.event === 'content_block_delta')).toBe(true);
    expect(events.at(-1)).toEqual({ event: 'error', data: envelope('overloaded_error', 'Overloaded') });
    expect(events.map((e) => e.event)).not.toContain('message_stop');
  });

  it("a streamed 529 is an HTTP 529 with streamedOverload: 'http'", async () => {
    const reply = await playOnce({ kind: 'server-error', status: 529 }, true, { streamedOverload: 'http' });
    expect(reply.status).toBe(529);
    expect(reply.json).toEqual(envelope('overloaded_error'));
  });

  it('a streamed 500 stays an HTTP error', async () => {
    expect((await playOnce({ kind: 'server-error' }, true)).status).toBe(500);
  });
});

describe('account and request errors', () => {
  it.each([
    ['quota', 400, 'invalid_request_error', /^Your credit balance is too low to access the Anthropic API/],
    ['auth', 401, 'authentication_error', 'invalid x-api-key'],
    ['context-length', 400, 'invalid_request_error', 'prompt is too long: 215000 tokens > 200000 maximum'],
  ] as const)('%s → %i %s', async (kind, status, type, message) => {
    for (const stream of [false, true]) {
      const reply = await playOnce({ kind }, stream);
      expect(reply.status).toBe(status);
      expect(reply.json).toEqual(envelope(type, message));
      expect(reply.headers['x-should-retry']).toBe('false');
      expect(reply.headers['request-id']).toBe('req_fake_0001');
    }
  });
});

describe('scenarios Anthropic cannot express', () => {
  it.each([
    { kind: 'block', signal: 'openai-content-filter', stage: 'output' },
    { kind: 'block', signal: 'zhipu-1301', stage: 'input' },
    { kind: 'block', signal: 'anthropic-refusal', stage: 'input' },
  ] as FakeScenario[])('%o → 501 naming it', async (scenario) => {
    const reply = await playOnce(scenario);
    expect(reply.status).toBe(501);
    expect(JSON.stringify(reply.json)).toContain('fake anthropic server cannot express');
  });
});
