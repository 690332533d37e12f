import { AdapterError, AuthError, InvalidRequestError, RateLimitedError, TransientError } from '@sc-safety/spec';
import type { BlockedResultV1, CompletedResultV1, GenerateResultV1 } from '@sc-safety/spec';
import { CONTENT_FILTERING_MESSAGE } from '@sc-safety/testkit';
import type { FakeRespondContext } from '@sc-safety/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { findSecret } from '@sc-safety/testkit';
import { anthropicErrorBody, closeServers, fake, KEY, model, page, replying } from './__fixtures__/servers.js';

afterEach(closeServers);

const ask = (content = 'Hi') => ({ messages: [{ role: 'user' as const, content }] });

const sse = (events: ReadonlyArray<readonly [string, unknown]>) =>
  events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');

/** A whole (non-streamed) Messages API answer with one text block; `more` adds or replaces fields. */
function messageBody(
  id: string,
  text: string,
  usage: { input_tokens: number; output_tokens: number },
  more: Record<string, unknown> = {},
): Record<string, unknown> {
  const content = [{ type: 'text', text }];
  return { id, type: 'message', role: 'assistant', content, stop_reason: 'end_turn', usage, ...more };
}

/**
 * The first events of a streamed answer: `message_start` (message `id`, `usage`, and `extra` fields
 * on the message), a text block's start, and one text delta.
 */
function textStreamStart(
  id: string,
  text: string,
  usage: { input_tokens: number; output_tokens: number },
  extra: Record<string, unknown> = {},
): Array<readonly [string, unknown]> {
  const message = { id, type: 'message', role: 'assistant', model: 'claude-fake', content: [], stop_reason: null };
  return [
    ['message_start', { type: 'message_start', message: { ...message, usage, ...extra } }],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }],
  ];
}

async function failure(promise: Promise<GenerateResultV1>): Promise<AdapterError> {
  const outcome = await promise.then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  if ('result' in outcome) throw new Error(`expected a rejection, got ${outcome.result.type}`);
  expect(AdapterError.isInstance(outcome.error)).toBe(true);
  return outcome.error as AdapterError;
}

describe.each([false, true])('refusal (stream: %s)', (stream) => {
  it('is an output block that keeps the partial text, the request id and the usage', async () => {
    const server = await fake();
    server.enqueue({ kind: 'block', signal: 'anthropic-refusal', stage: 'output', partialText: 'Step one: take the' });
    const result = (await model(server, { stream }).generate(ask())) as BlockedResultV1;
    expect(result).toMatchObject({
      type: 'blocked',
      stage: 'output',
      code: 'refusal',
      partialText: 'Step one: take the',
      finishReason: { unified: 'refusal', raw: 'refusal' },
      requestId: 'req_fake_0001',
      warnings: [],
    });
    expect(result.usage?.outputTokens).toBeGreaterThan(0);
    expect(result.raw).toMatchObject({ stop_reason: 'refusal', stop_details: { type: 'refusal' } });
  });

  it('without any text first has no partialText', async () => {
    const server = await fake();
    server.enqueue({ kind: 'block', signal: 'anthropic-refusal', stage: 'output' });
    const result = (await model(server, { stream }).generate(ask())) as BlockedResultV1;
    expect(result.type).toBe('blocked');
    expect(result.partialText).toBeUndefined();
  });
});

describe('overloaded (529)', () => {
  it('an HTTP 529 is a TransientError with the status and vendor code', async () => {
    const server = await fake();
    server.enqueue({ kind: 'server-error', status: 529 });
    const error = await failure(model(server).generate(ask()));
    expect(TransientError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 529,
      vendorCode: 'overloaded_error',
      requestId: 'req_fake_0001',
      retryable: true,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('an overloaded_error event mid-stream is a TransientError, not a partial answer', async () => {
    const server = await fake();
    server.enqueue({ kind: 'server-error', status: 529 });
    const error = await failure(model(server, { stream: true }).generate(ask()));
    expect(TransientError.isInstance(error)).toBe(true);
    expect(error.status).toBeUndefined();
    expect(error.vendorCode).toBe('overloaded_error');
    expect(error.message).toMatch(/error event inside the stream/);
  });

  it('a 529 before the stream starts is a TransientError with status 529', async () => {
    const server = await fake({ streamedOverload: 'http' });
    server.enqueue({ kind: 'server-error', status: 529 });
    const error = await failure(model(server, { stream: true }).generate(ask()));
    expect(TransientError.isInstance(error)).toBe(true);
    expect(error.status).toBe(529);
  });
});

describe('what reaches the server', () => {
  it('puts system messages in the top-level system field and merges same-role turns (recorded request)', async () => {
    const server = await fake();
    const result = (await model(server).generate({
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Q1' },
        { role: 'assistant', content: 'A1' },
        { role: 'assistant', content: 'A1, continued' },
        { role: 'user', content: 'Q2' },
      ],
    })) as CompletedResultV1;
    expect(result.type).toBe('completed');
    const body = server.requests[0]?.body as Record<string, unknown>;
    expect(body.system).toBe('You are terse.');
    expect(body.messages).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1\n\nA1, continued' },
      { role: 'user', content: 'Q2' },
    ]);
    expect(result.warnings).toEqual([
      { type: 'other', setting: 'messages', message: expect.stringContaining('merged') },
    ]);
  });

  it('a conversation starting with the assistant is accepted by the API once reshaped', async () => {
    const server = await fake();
    const result = await model(server).generate({
      messages: [
        { role: 'assistant', content: 'Earlier answer.' },
        { role: 'user', content: 'Q' },
      ],
    });
    expect(result.type).toBe('completed');
    expect((server.requests[0]?.body as { messages: Array<{ role: string }> }).messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
    ]);
  });

  it('does not send seed (the API would refuse it) and warns', async () => {
    const server = await fake();
    const result = await model(server).generate({ ...ask(), params: { seed: 1234 } });
    expect(result.type).toBe('completed');
    expect(server.requests[0]?.body).not.toHaveProperty('seed');
    expect(result.warnings).toEqual([{ type: 'unsupported-setting', setting: 'seed', message: expect.any(String) }]);
  });

  it('sends max_tokens (config default), clamped temperature, stop_sequences, config and per-call headers', async () => {
    const server = await fake();
    const m = model(server, { maxTokens: 333, headers: { 'anthropic-beta': 'some-beta', 'x-team': 'red' } });
    const result = await m.generate({
      ...ask(),
      params: { temperature: 1.4, stop: ['STOP'] },
      headers: { 'x-call': 'one', 'x-team': undefined },
    });
    const recorded = server.requests[0];
    expect(recorded?.body).toMatchObject({ max_tokens: 333, temperature: 1, stop_sequences: ['STOP'] });
    expect(recorded?.headers).toMatchObject({ 'anthropic-beta': 'some-beta', 'x-call': 'one' });
    expect(recorded?.headers['x-team']).toBeUndefined();
    expect(recorded?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.warnings).toEqual([{ type: 'clamped-setting', setting: 'temperature', message: expect.any(String) }]);
  });
});

/** What the content filter's 400 or error event becomes. */
const CONTENT_FILTER_BLOCK = { type: 'blocked', stage: 'output', code: 'content_filtering_policy' } as const;

/** The 400 "Output blocked by content filtering policy" (request id `req_cf`), with `extra` fields in its body. */
function contentFilter400(extra: Record<string, unknown> = {}) {
  return {
    status: 400,
    body: { ...anthropicErrorBody('invalid_request_error', CONTENT_FILTERING_MESSAGE, 'req_cf'), ...extra },
    headers: { 'request-id': 'req_cf' },
  };
}

describe('classification through the SDK', () => {
  it('a 400 "Output blocked by content filtering policy" is an output block', async () => {
    const server = await replying(() => contentFilter400());
    const result = (await model(server).generate(ask())) as BlockedResultV1;
    expect(result).toMatchObject({
      ...CONTENT_FILTER_BLOCK,
      message: CONTENT_FILTERING_MESSAGE,
      requestId: 'req_cf',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('the same filter as an error event after streamed text keeps the partial text', async () => {
    const server = await replying(() =>
      sse([
        ...textStreamStart('msg_1', 'The first half', { input_tokens: 3, output_tokens: 1 }),
        ['error', anthropicErrorBody('invalid_request_error', CONTENT_FILTERING_MESSAGE)],
      ]),
    );
    const result = (await model(server, { stream: true }).generate(ask())) as BlockedResultV1;
    expect(result).toMatchObject({
      ...CONTENT_FILTER_BLOCK,
      partialText: 'The first half',
    });
  });

  it('a request the API refuses is an InvalidRequestError with reason parameter; 404 is model_not_found', async () => {
    const server = await fake();
    const error = await failure(model(server).generate({ ...ask(), params: { maxTokens: 0 } }));
    expect(InvalidRequestError.isInstance(error) && error.reason).toBe('parameter');
    expect(error).toMatchObject({ status: 400, vendorCode: 'invalid_request_error' });
    const missing = await replying(() => ({
      status: 404,
      body: anthropicErrorBody('not_found_error', 'model: claude-nope'),
    }));
    const notFound = await failure(model(missing).generate(ask()));
    expect(InvalidRequestError.isInstance(notFound) && notFound.reason).toBe('model_not_found');
  });

  it('a wrong key is an AuthError', async () => {
    const server = await fake();
    const error = await failure(model(server, { apiKey: 'sk-ant-api03-some-other-key-00000' }).generate(ask()));
    expect(AuthError.isInstance(error)).toBe(true);
    expect(error.status).toBe(401);
  });

  it('a 429 without Retry-After takes the wait from the exhausted anthropic-ratelimit bucket', async () => {
    const server = await fake();
    server.enqueue({ kind: 'rate-limit' });
    const error = await failure(model(server).generate(ask()));
    expect(RateLimitedError.isInstance(error)).toBe(true);
    const wait = (error as RateLimitedError).retryAfterMs;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(21_000);
  });

  it('a success without a request-id header uses the message id', async () => {
    const server = await replying(() => ({
      status: 200,
      body: messageBody('msg_abc', 'ok', { input_tokens: 1, output_tokens: 1 }),
    }));
    const result = await model(server).generate(ask());
    expect(result).toMatchObject({ type: 'completed', text: 'ok', requestId: 'msg_abc' });
  });
});

describe('the API key never leaks', () => {
  it('is redacted from errors whose body echoes it, and from their JSON, stack and cause', async () => {
    const server = await replying(() => ({
      status: 400,
      body: anthropicErrorBody('invalid_request_error', `bad request made with key ${KEY}`),
      headers: { 'request-id': 'req_echo' },
    }));
    const error = await failure(model(server).generate(ask()));
    const seen = [
      error.message,
      error.body ?? '',
      error.stack ?? '',
      JSON.stringify(error),
      JSON.stringify(error.toJSON()),
    ];
    for (const text of seen) expect(text).not.toContain(KEY);
    expect(error.body).toContain('[REDACTED]');
  });

  it('is redacted from a non-JSON error page that echoes it', async () => {
    const server = await page(502, `<html><body>upstream rejected key ${KEY}</body></html>`);
    const error = await failure(model(server).generate(ask()));
    expect(TransientError.isInstance(error)).toBe(true);
    expect(error.status).toBe(502);
    expect(`${error.message} ${error.body ?? ''}`).not.toContain(KEY);
  });
});

/** The key exactly as the adapter sent it (the SDK sends `apiKey` as `x-api-key` or `Authorization: Bearer`). */
function sentKey(ctx: FakeRespondContext): string {
  const key = ctx.request.headers['x-api-key'] ?? /^Bearer\s+(.+)$/i.exec(ctx.request.headers.authorization ?? '')?.[1];
  if (key === undefined || key === '') throw new Error('no key in the request');
  return key;
}

/** Fields a gateway that reflects the request (or a debugging vendor) might add to a body. */
function echoOf(key: string): Record<string, unknown> {
  return { received: [`x-api-key: ${key}`, `authorization: Bearer ${key}`], key, by_key: { [key]: 1 } };
}
const REDACTED_ECHO = {
  received: ['x-api-key: [REDACTED]', 'authorization: [REDACTED]'],
  key: '[REDACTED]',
  by_key: { '[REDACTED]': 1 },
};

/**
 * The result keeps `raw` as its evidence with the echoed key redacted (`REDACTED_ECHO`), and the key
 * appears nowhere in the result. `exactly`: `raw` is all of the evidence, not a part of it.
 */
function expectRedactedRaw(
  result: CompletedResultV1 | BlockedResultV1,
  raw: Record<string, unknown>,
  exactly = false,
): void {
  const expected = { ...raw, echo: REDACTED_ECHO };
  if (exactly) expect(result.raw).toEqual(expected);
  else expect(result.raw).toMatchObject(expected);
  expect(findSecret(result, KEY)).toEqual([]);
}

describe('raw evidence on results, from a server that echoes the key', () => {
  it('a completed answer keeps its raw body with the key redacted (non-streamed)', async () => {
    const message = messageBody('msg_echo', 'Hello.', { input_tokens: 2, output_tokens: 1 }, { model: 'claude-fake' });
    const server = await replying((ctx) => ({
      status: 200,
      body: { ...message, echo: echoOf(sentKey(ctx)) },
      headers: { 'request-id': 'req_echo' },
    }));
    const result = (await model(server).generate(ask())) as CompletedResultV1;
    expect(result).toMatchObject({ type: 'completed', text: 'Hello.', requestId: 'req_echo' });
    expectRedactedRaw(result, message, true);
  });

  it('a completed answer assembled from a stream keeps its raw message with the key redacted', async () => {
    const server = await replying((ctx) =>
      sse([
        ...textStreamStart('msg_s', 'Hello.', { input_tokens: 2, output_tokens: 0 }, { echo: echoOf(sentKey(ctx)) }),
        ['content_block_stop', { type: 'content_block_stop', index: 0 }],
        [
          'message_delta',
          {
            type: 'message_delta',
            delta: { stop_reason: 'end_turn', stop_sequence: null },
            usage: { output_tokens: 1 },
          },
        ],
        ['message_stop', { type: 'message_stop' }],
      ]),
    );
    const result = (await model(server, { stream: true }).generate(ask())) as CompletedResultV1;
    expect(result).toMatchObject({ type: 'completed', text: 'Hello.' });
    expectRedactedRaw(result, {
      id: 'msg_s',
      content: [{ type: 'text', text: 'Hello.' }],
      stop_reason: 'end_turn',
    });
  });

  it('a refusal keeps raw and the explanation with the key redacted', async () => {
    const server = await replying((ctx) => ({
      status: 200,
      body: messageBody(
        'msg_r',
        'Step one',
        { input_tokens: 2, output_tokens: 2 },
        {
          stop_reason: 'refusal',
          stop_details: { type: 'refusal', category: 'cyber', explanation: `refused request signed ${sentKey(ctx)}` },
          echo: echoOf(sentKey(ctx)),
        },
      ),
    }));
    const result = (await model(server).generate(ask())) as BlockedResultV1;
    expect(result).toMatchObject({
      type: 'blocked',
      code: 'refusal',
      partialText: 'Step one',
      message: 'refused request signed [REDACTED]',
      details: { category: 'cyber' },
    });
    expectRedactedRaw(result, {
      stop_details: { explanation: 'refused request signed [REDACTED]' },
    });
  });

  it('the content-filtering 400 keeps the error envelope as raw with the key redacted', async () => {
    const server = await replying((ctx) => contentFilter400({ echo: echoOf(sentKey(ctx)) }));
    const result = (await model(server).generate(ask())) as BlockedResultV1;
    expect(result).toMatchObject({
      ...CONTENT_FILTER_BLOCK,
      requestId: 'req_cf',
    });
    expectRedactedRaw(result, anthropicErrorBody('invalid_request_error', CONTENT_FILTERING_MESSAGE, 'req_cf'), true);
  });

  it('the content-filtering error event inside a stream keeps the event as raw with the key redacted', async () => {
    const server = await replying((ctx) =>
      sse([
        ...textStreamStart('msg_f', 'The first half', { input_tokens: 3, output_tokens: 1 }),
        [
          'error',
          {
            ...anthropicErrorBody('invalid_request_error', `${CONTENT_FILTERING_MESSAGE} (key ${sentKey(ctx)})`),
            echo: echoOf(sentKey(ctx)),
          },
        ],
      ]),
    );
    const result = (await model(server, { stream: true }).generate(ask())) as BlockedResultV1;
    expect(result).toMatchObject({
      type: 'blocked',
      code: 'content_filtering_policy',
      partialText: 'The first half',
      message: `${CONTENT_FILTERING_MESSAGE} (key [REDACTED])`,
    });
    expectRedactedRaw(result, {
      error: { message: `${CONTENT_FILTERING_MESSAGE} (key [REDACTED])` },
    });
  });
});
