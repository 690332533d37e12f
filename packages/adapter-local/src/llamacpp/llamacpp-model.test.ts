import { InvalidRequestError, TimeoutError, TransientError } from '@sc-safety/spec';
import type { CompletedResultV1 } from '@sc-safety/spec';
import { createLlamaCppFakeServer } from '@sc-safety/testkit';
import { describe, expect, it } from 'vitest';
import { createModel } from '../create-model.js';
import { StreamInterruptedError } from '../stream-interrupted-error.js';
import { completionFinishReason } from './stop-type.js';
import { rejectionOf } from '../__fixtures__/rejection-of.js';
import { closeAfterTest } from '../__fixtures__/close-after-test.js';

describe('llama.cpp check(): health wait and /props', () => {
  it('waits through 503 "Loading model", reports progress, then reads context size and slots', async () => {
    const server = closeAfterTest(
      await createLlamaCppFakeServer({
        loadingRequests: 3,
        contextSize: 2048,
        totalSlots: 4,
        modelPath: '/m/qwen2.5-7b-q4.gguf',
      }),
    );
    const logs: string[] = [];
    const model = createModel(
      { target: 'llamacpp', baseURL: server.url, healthTimeoutMs: 30_000 },
      { log: (m) => logs.push(m) },
      { healthPollMs: 5 },
    );
    expect(model.capabilities.recommendedConcurrency).toBeUndefined();
    await model.check?.();
    expect(server.healthChecks).toBe(4);
    expect(logs.filter((l) => l.includes('Loading model'))).toHaveLength(3);
    expect(model.capabilities.maxContextTokens).toBe(2048);
    expect(model.capabilities.recommendedConcurrency).toBe(4);
    // Without a configured model, the chat endpoint sends the name the server reported.
    await model.generate({ messages: [{ role: 'user', content: 'Hi' }] });
    expect((server.requests.at(-1)?.body as { model?: string }).model).toBe('qwen2.5-7b-q4.gguf');
  });

  it('gives up with a TimeoutError naming healthTimeoutMs when the model never finishes loading', async () => {
    const server = closeAfterTest(await createLlamaCppFakeServer({ loadingRequests: Number.MAX_SAFE_INTEGER }));
    const model = createModel(
      { target: 'llamacpp', baseURL: server.url, healthTimeoutMs: 60 },
      {},
      { healthPollMs: 10 },
    );
    const error = await rejectionOf(model.check?.());
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/still not ready .*Loading model.*healthTimeoutMs/);
  });

  it('a server that is not running is a TransientError that says so', async () => {
    const server = await createLlamaCppFakeServer();
    const url = server.url;
    await server.close();
    const error = await rejectionOf(createModel({ target: 'llamacpp', baseURL: url }).check?.());
    expect(TransientError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('connection refused');
  });
});

describe('llama.cpp answers', () => {
  it('a prompt longer than the context is InvalidRequestError(context_length) with the sizes and the fix', async () => {
    const server = closeAfterTest(await createLlamaCppFakeServer({ contextSize: 64 }));
    for (const endpoint of ['completion', 'chat'] as const) {
      const model = createModel({ target: 'llamacpp', endpoint, baseURL: server.url });
      const error = await rejectionOf(model.generate({ messages: [{ role: 'user', content: 'word '.repeat(400) }] }));
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect((error as InvalidRequestError).reason).toBe('context_length');
      expect((error as Error).message).toMatch(
        /the prompt \(\d+ tokens\) does not fit the server's context of 64 tokens per slot.*--ctx-size/,
      );
    }
  });

  it('sends n_predict, seed, temperature and the stop strings on /completion, and maps stop_type', async () => {
    const server = closeAfterTest(await createLlamaCppFakeServer());
    server.enqueue({ kind: 'text', text: 'cut here', finishReason: 'length' });
    const model = createModel({
      target: 'llamacpp',
      endpoint: 'completion',
      promptFormat: 'llama3',
      baseURL: server.url,
      stream: true,
    });
    const result = (await model.generate({
      messages: [{ role: 'user', content: 'Hi' }],
      params: { maxTokens: 5, seed: 3, temperature: 0.2, stop: ['END'] },
    })) as CompletedResultV1;
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'stop_type=limit' });
    const body = server.requests[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      n_predict: 5,
      seed: 3,
      temperature: 0.2,
      stream: true,
      cache_prompt: true,
      stop: ['<|eot_id|>', 'END'],
    });
    expect(body.prompt).toBe(
      '<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    );
  });

  it('maps every stop_type and a truncated context', () => {
    const warnings: never[] = [];
    expect(completionFinishReason('eos', false, warnings)).toEqual({ unified: 'stop', raw: 'stop_type=eos' });
    expect(completionFinishReason('word', false, warnings)).toEqual({ unified: 'stop', raw: 'stop_type=word' });
    expect(completionFinishReason('limit', false, warnings)).toEqual({ unified: 'length', raw: 'stop_type=limit' });
    expect(completionFinishReason('none', false, warnings)).toEqual({ unified: 'other', raw: 'stop_type=none' });
    expect(warnings).toHaveLength(0);
    const truncatedWarnings: { message: string }[] = [];
    expect(completionFinishReason('eos', true, truncatedWarnings as never)).toEqual({
      unified: 'length',
      raw: 'stop_type=eos;truncated',
    });
    expect(truncatedWarnings[0]?.message).toContain('context filled up');
  });

  it('slow tokens arrive in order within the timeout; a stream cut mid-answer keeps the partial text', async () => {
    const server = closeAfterTest(await createLlamaCppFakeServer());
    const model = createModel({
      target: 'llamacpp',
      endpoint: 'completion',
      baseURL: server.url,
      stream: true,
      timeoutMs: 10_000,
    });
    server.enqueue({ kind: 'text', text: 'one two three', chunks: ['one', ' two', ' three'], chunkDelayMs: 30 });
    expect(((await model.generate({ messages: [{ role: 'user', content: 'Count' }] })) as CompletedResultV1).text).toBe(
      'one two three',
    );
    server.enqueue({ kind: 'truncated-stream', text: 'partial answer', cut: 'clean' });
    const error = await rejectionOf(model.generate({ messages: [{ role: 'user', content: 'Count' }] }));
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe('partial answer');
    expect(TransientError.isInstance(error)).toBe(true);
  });
});
