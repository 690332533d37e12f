import { LoadApiKeyError } from '@sc-safety/adapter-utils';
import { AbortedError, AuthError, InvalidResponseError, TimeoutError, TransientError } from '@sc-safety/spec';
import type { AdapterError, ChatMessageV1, CompletedResultV1 } from '@sc-safety/spec';
import type { OpenAIFakeServer } from '@sc-safety/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { modelFor, play, QUESTION, startFake, TEST_KEY } from './__fixtures__/harness.js';
import { stubFetch } from './__fixtures__/stub-fetch.js';
import { adapter } from './adapter.js';
import { createModel } from './create-model.js';

const OK_BODY = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

describe('OpenAIChatModel against the fake server', () => {
  let server: OpenAIFakeServer;
  beforeAll(async () => {
    server = await startFake('openai');
  });
  afterEach(() => {
    server.reset();
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends the mapped body to the configured baseURL, with config and request headers', async () => {
    const messages: ChatMessageV1[] = [
      { role: 'system', content: 'S' },
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2' },
    ];
    const model = modelFor('openai', server, {
      headers: { 'x-team': 'safety', 'x-drop': 'me' },
      extraBody: { user: 'bench' },
    });
    const result = await play(
      model,
      server,
      { kind: 'text', text: 'fine' },
      {
        messages,
        params: { temperature: 0.2, maxTokens: 50, seed: 3, stop: ['#'] },
        headers: { 'x-call': '1', 'x-drop': undefined },
      },
    );
    expect(result).toMatchObject({ type: 'completed', text: 'fine' });
    const request = server.requests.at(-1);
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.body).toEqual({
      model: 'fake-model',
      messages,
      temperature: 0.2,
      max_completion_tokens: 50,
      seed: 3,
      stop: ['#'],
      user: 'bench',
    });
    expect(request?.headers['x-team']).toBe('safety');
    expect(request?.headers['x-call']).toBe('1');
    expect(request?.headers['x-drop']).toBeUndefined();
    expect(request?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it('reads usage details and the request id', async () => {
    const result = (await play(modelFor('openai', server), server, {
      kind: 'text',
      text: 'abc',
      usage: { inputTokens: 5, outputTokens: 2 },
    })) as CompletedResultV1;
    expect(result.usage).toEqual({
      inputTokens: 5,
      outputTokens: 2,
      totalTokens: 7,
      cachedInputTokens: 0,
      reasoningTokens: 0,
    });
    expect(result.requestId).toBe(server.requests.at(-1)?.requestId);
    expect(result.raw).toMatchObject({ object: 'chat.completion' });
  });

  it('streams deltas into one answer and asks for usage', async () => {
    const model = modelFor('openai', server, { stream: true });
    const result = (await play(model, server, {
      kind: 'text',
      text: 'one two three',
      chunks: ['one ', 'two ', 'three'],
      finishReason: 'length',
    })) as CompletedResultV1;
    expect(result).toMatchObject({
      type: 'completed',
      text: 'one two three',
      finishReason: { unified: 'length', raw: 'length' },
    });
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(server.requests.at(-1)?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('returns an empty answer as a completed empty text', async () => {
    expect(await play(modelFor('openai', server), server, { kind: 'empty' })).toMatchObject({
      type: 'completed',
      text: '',
    });
  });

  it('carries request warnings on the result', async () => {
    const result = await play(
      modelFor('openai', server),
      server,
      { kind: 'text', text: 'x' },
      { ...QUESTION, params: { temperature: 3 } },
    );
    expect((result as CompletedResultV1).warnings).toEqual([
      expect.objectContaining({ type: 'clamped-setting', setting: 'temperature' }),
    ]);
  });

  it.each([false, true])('classifies a wrong key as AuthError without leaking it (stream %s)', async (stream) => {
    const wrongKey = 'sk-wrongwrongwrongwrong1234';
    const model = createModel({ model: 'fake-model', baseURL: server.baseURL, apiKey: wrongKey, stream }, { env: {} });
    const error = await play(model, server, { kind: 'text', text: 'never' });
    expect(AuthError.isInstance(error)).toBe(true);
    expect((error as AdapterError).status).toBe(401);
    expect((error as AdapterError).vendorCode).toBe('invalid_api_key');
    expect(JSON.stringify((error as AdapterError).toJSON())).not.toContain(wrongKey);
  });

  it.each([500, 503, 502])('classifies HTTP %i as TransientError', async (status) => {
    const error = await play(modelFor('openai', server), server, { kind: 'server-error', status });
    expect(TransientError.isInstance(error)).toBe(true);
    expect((error as AdapterError).status).toBe(status);
    expect((error as AdapterError).body).toBeTruthy();
  });

  it.each([false, true])('classifies malformed JSON as InvalidResponseError (stream %s)', async (stream) => {
    const error = await play(modelFor('openai', server, { stream }), server, { kind: 'malformed-json' });
    expect(InvalidResponseError.isInstance(error)).toBe(true);
  });

  it.each([
    [false, 'socket'],
    [true, 'socket'],
    [true, 'clean'],
  ] as const)('classifies a cut-off answer as TransientError (stream %s, cut %s)', async (stream, cut) => {
    const error = await play(modelFor('openai', server, { stream }), server, { kind: 'truncated-stream', cut });
    expect(TransientError.isInstance(error)).toBe(true);
  });

  it('classifies a reset connection as TransientError', async () => {
    expect(TransientError.isInstance(await play(modelFor('openai', server), server, { kind: 'reset' }))).toBe(true);
  });

  it('turns the per-call timeout into TimeoutError', async () => {
    const error = await play(modelFor('openai', server, { timeoutMs: 200 }), server, { kind: 'hang' });
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as AdapterError).retryable).toBe(true);
  });

  it.each([false, true])('turns a caller abort into AbortedError (stream %s)', async (stream) => {
    const controller = new AbortController();
    server.enqueue(
      stream
        ? { kind: 'text', text: 'slow answer here', chunks: ['slow ', 'answer ', 'here'], chunkDelayMs: 5_000 }
        : { kind: 'hang' },
    );
    const pending = modelFor('openai', server, { stream }).generate({ ...QUESTION, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await pending.catch((e: unknown) => e);
    expect(AbortedError.isInstance(error)).toBe(true);
  });
});

describe('presets, base URLs and keys', () => {
  it('uses the preset base URL unless baseURL overrides it', async () => {
    const stub = stubFetch(200, OK_BODY);
    const zhipu = createModel({ model: 'glm-4', preset: 'zhipu', apiKey: TEST_KEY }, { env: {}, fetch: stub.fetch });
    await zhipu.generate(QUESTION);
    expect(stub.calls[0]?.url).toBe('https://open.bigmodel.cn/api/paas/v4/chat/completions');
    const proxied = createModel(
      { model: 'glm-4', preset: 'zhipu', apiKey: TEST_KEY, baseURL: 'http://127.0.0.1:9/zp/v4' },
      { env: {}, fetch: stub.fetch },
    );
    await proxied.generate(QUESTION);
    expect(stub.calls[1]?.url).toBe('http://127.0.0.1:9/zp/v4/chat/completions');
  });

  it("reads the key from the preset's environment variable", async () => {
    const server = await startFake('zhipu');
    try {
      const model = createModel(
        { model: 'glm-4', preset: 'zhipu', baseURL: server.baseURL },
        { env: { ZHIPU_API_KEY: TEST_KEY } },
      );
      expect(await play(model, server, { kind: 'text', text: 'hi' })).toMatchObject({ type: 'completed', text: 'hi' });
    } finally {
      await server.close();
    }
  });

  it('names the missing variable, the preset one or apiKeyEnv', () => {
    expect(() => createModel({ model: 'm', preset: 'moonshot' }, { env: {} })).toThrow(/MOONSHOT_API_KEY/);
    expect(() => createModel({ model: 'm', preset: 'moonshot' }, { env: {} })).toThrow(LoadApiKeyError);
    expect(() =>
      createModel({ model: 'm', apiKeyEnv: 'TEAM_OPENAI_KEY' }, { env: { OPENAI_API_KEY: 'not-this-one' } }),
    ).toThrow(/TEAM_OPENAI_KEY/);
  });

  it('local presets need no key and send no Authorization header', async () => {
    const server = await startFake('ollama');
    try {
      const model = createModel({ model: 'qwen2.5', preset: 'ollama', baseURL: server.baseURL }, { env: {} });
      expect(await play(model, server, { kind: 'text', text: 'local' })).toMatchObject({
        type: 'completed',
        text: 'local',
      });
      expect(server.requests.at(-1)?.headers.authorization).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('keeps a key echoed in full by a vendor out of the message and the body', async () => {
    const body = {
      error: {
        message: `Incorrect API key provided: ${TEST_KEY}`,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    };
    const stub = stubFetch(401, body);
    const model = createModel({ model: 'm', apiKey: TEST_KEY }, { env: {}, fetch: stub.fetch });
    const error = (await model.generate(QUESTION).catch((e: unknown) => e)) as AdapterError;
    expect(AuthError.isInstance(error)).toBe(true);
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.message).not.toContain(TEST_KEY);
    expect(error.body).not.toContain(TEST_KEY);
    expect(JSON.stringify(error.toJSON())).not.toContain(TEST_KEY);
  });

  it('reads reasoning text, reasoning and cached tokens', async () => {
    const stub = stubFetch(200, {
      id: 'chatcmpl-r',
      request_id: 'req-body-1',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'answer', reasoning_content: 'thinking' },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 20,
        total_tokens: 30,
        prompt_cache_hit_tokens: 4,
        completion_tokens_details: { reasoning_tokens: 12 },
      },
    });
    const model = createModel(
      { model: 'deepseek-reasoner', preset: 'deepseek', apiKey: TEST_KEY },
      { env: {}, fetch: stub.fetch },
    );
    const result = (await model.generate(QUESTION)) as CompletedResultV1;
    expect(result).toMatchObject({ text: 'answer', reasoningText: 'thinking', requestId: 'req-body-1' });
    expect(result.usage).toEqual({
      inputTokens: 10,
      outputTokens: 20,
      totalTokens: 30,
      cachedInputTokens: 4,
      reasoningTokens: 12,
    });
  });

  it('records Qianfan flag 1 as a warning and keeps the answer', async () => {
    const stub = stubFetch(200, {
      id: 'as-1',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'careful answer' },
          finish_reason: 'stop',
          flag: 1,
          ban_round: -1,
        },
      ],
    });
    const model = createModel(
      { model: 'ernie-4.0', preset: 'qianfan', apiKey: TEST_KEY },
      { env: {}, fetch: stub.fetch },
    );
    const result = (await model.generate(QUESTION)) as CompletedResultV1;
    expect(result.type).toBe('completed');
    expect(result.text).toBe('careful answer');
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'other', message: expect.stringContaining('flag=1') as string }),
    ]);
  });

  it('declares capabilities from the preset and config', async () => {
    const zhipu = await adapter.create({ model: 'glm-4', preset: 'zhipu', apiKey: TEST_KEY, stream: true });
    expect(zhipu.provider).toBe('openai.zhipu');
    expect(zhipu.capabilities).toEqual({
      systemRole: 'native',
      multiTurn: true,
      seed: false,
      streaming: true,
      reportsServedModel: true,
      moderationSignals: ['error.code=1301', 'finish_reason=sensitive', 'finish_reason=content_filter'],
    });
    const local = await adapter.create({ model: 'llama', preset: 'vllm' }, { env: {} });
    expect(local.capabilities).toMatchObject({ seed: true, streaming: false, moderationSignals: [] });
  });
});
