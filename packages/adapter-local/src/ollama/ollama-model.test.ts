import { InvalidRequestError, TransientError } from '@sc-safety/spec';
import type { CompletedResultV1 } from '@sc-safety/spec';
import { createOllamaFakeServer } from '@sc-safety/testkit';
import { describe, expect, it } from 'vitest';
import { createModel } from '../create-model.js';
import { StreamInterruptedError } from '../stream-interrupted-error.js';
import { rejectionOf } from '../__fixtures__/rejection-of.js';
import { closeAfterTest } from '../__fixtures__/close-after-test.js';
import { expectModelNotFound } from '../__fixtures__/expect-model-not-found.js';

describe('ollama target', () => {
  it('check() passes for a pulled model (latest tag implied) and names `ollama pull` for a missing one', async () => {
    const server = closeAfterTest(await createOllamaFakeServer({ models: ['qwen2.5:latest', 'llama3.2:1b'] }));
    await createModel({ target: 'ollama', model: 'qwen2.5', baseURL: server.url }).check?.();
    await createModel({ target: 'ollama', model: 'llama3.2:1b', baseURL: server.url }).check?.();
    const error = await rejectionOf(
      createModel({ target: 'ollama', model: 'mistral:7b', baseURL: server.url }).check?.(),
    );
    expectModelNotFound(error, 'model "mistral:7b" not pulled — run `ollama pull mistral:7b`', 'qwen2.5:latest');
  });

  it("a chat for a model that is not pulled (Ollama's 404) gives the same advice", async () => {
    const server = closeAfterTest(await createOllamaFakeServer({ models: [] }));
    const error = await rejectionOf(
      createModel({ target: 'ollama', model: 'phi3', baseURL: server.url }).generate({
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    );
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).status).toBe(404);
    expect((error as Error).message).toContain('run `ollama pull phi3`');
    expect((error as Error).message).toContain('not found, try pulling it first');
  });

  it('maps params and numCtx into options, as the server records them', async () => {
    const server = closeAfterTest(await createOllamaFakeServer());
    const model = createModel({ target: 'ollama', model: 'fake-model', baseURL: server.url, numCtx: 8192 });
    expect(model.capabilities.maxContextTokens).toBe(8192);
    await model.generate({
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'U' },
      ],
      params: { maxTokens: 64, seed: 7, temperature: 0.3, topP: 0.9, stop: ['\n\n'] },
    });
    expect(server.requests[0]?.body).toEqual({
      model: 'fake-model',
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'U' },
      ],
      stream: true,
      options: { num_predict: 64, seed: 7, temperature: 0.3, top_p: 0.9, stop: ['\n\n'], num_ctx: 8192 },
    });
  });

  it('an {"error"} line mid-stream is a TransientError that keeps the partial text', async () => {
    const server = closeAfterTest(await createOllamaFakeServer());
    server.enqueueStreamError({
      text: 'I was saying that',
      error: 'llama runner process has terminated: signal: killed',
    });
    const error = await rejectionOf(
      createModel({ target: 'ollama', model: 'fake-model', baseURL: server.url }).generate({
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    );
    expect(TransientError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe('I was saying that');
    expect((error as Error).message).toContain('llama runner process has terminated');
    expect((error as StreamInterruptedError).toJSON()).toMatchObject({
      kind: 'transient',
      partialText: 'I was saying that',
    });
  });

  it('reads done_reason and the eval counts; slow NDJSON lines are fine', async () => {
    const server = closeAfterTest(await createOllamaFakeServer());
    server.enqueue({
      kind: 'text',
      text: 'a b c',
      chunks: ['a', ' b', ' c'],
      chunkDelayMs: 20,
      finishReason: 'length',
      usage: { inputTokens: 12, outputTokens: 3 },
    });
    const result = (await createModel({ target: 'ollama', model: 'fake-model', baseURL: server.url }).generate({
      messages: [{ role: 'user', content: 'Hi' }],
    })) as CompletedResultV1;
    expect(result).toMatchObject({
      text: 'a b c',
      finishReason: { unified: 'length', raw: 'length' },
      usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
    });
  });
});
