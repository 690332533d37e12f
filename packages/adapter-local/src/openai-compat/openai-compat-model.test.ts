import { createOpenAIFakeServer } from '@sc-safety/testkit';
import { describe, expect, it } from 'vitest';
import { createModel } from '../create-model.js';
import { rejectionOf } from '../__fixtures__/rejection-of.js';
import { closeAfterTest } from '../__fixtures__/close-after-test.js';
import { expectModelNotFound } from '../__fixtures__/expect-model-not-found.js';

describe('vllm and lmstudio check()', () => {
  it('vLLM: probes /health then /v1/models, accepting a base URL with or without /v1', async () => {
    const server = closeAfterTest(
      await createOpenAIFakeServer({ vendor: 'vllm', models: ['Qwen/Qwen2.5-7B-Instruct'] }),
    );
    for (const baseURL of [server.url, `${server.url}/v1/`]) {
      server.reset();
      await createModel({ target: 'vllm', model: 'Qwen/Qwen2.5-7B-Instruct', baseURL }).check?.();
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /health', 'GET /v1/models']);
    }
  });

  it('a model the server does not serve is model_not_found, listing what it serves and how to load it', async () => {
    const server = closeAfterTest(
      await createOpenAIFakeServer({ vendor: 'lmstudio', models: ['qwen2.5-7b-instruct'] }),
    );
    const error = await rejectionOf(
      createModel({ target: 'lmstudio', model: 'llama-3.2-1b', baseURL: server.url }).check?.(),
    );
    expectModelNotFound(error, 'available: "qwen2.5-7b-instruct"', 'lms load llama-3.2-1b');
  });
});
