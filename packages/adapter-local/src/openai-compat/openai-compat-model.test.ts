import { InvalidRequestError } from '@sc-safety/spec';
import { createOpenAIFakeServer } from '@sc-safety/testkit';
import type { OpenAIFakeServer } from '@sc-safety/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createModel } from '../create-model.js';

let server: OpenAIFakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('vllm and lmstudio check()', () => {
  it('vLLM: probes /health then /v1/models, accepting a base URL with or without /v1', async () => {
    server = await createOpenAIFakeServer({ vendor: 'vllm', models: ['Qwen/Qwen2.5-7B-Instruct'] });
    for (const baseURL of [server.url, `${server.url}/v1/`]) {
      server.reset();
      await createModel({ target: 'vllm', model: 'Qwen/Qwen2.5-7B-Instruct', baseURL }).check?.();
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /health', 'GET /v1/models']);
    }
  });

  it('a model the server does not serve is model_not_found, listing what it serves and how to load it', async () => {
    server = await createOpenAIFakeServer({ vendor: 'lmstudio', models: ['qwen2.5-7b-instruct'] });
    const error = await createModel({ target: 'lmstudio', model: 'llama-3.2-1b', baseURL: server.url })
      .check?.()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).reason).toBe('model_not_found');
    expect((error as Error).message).toContain('available: "qwen2.5-7b-instruct"');
    expect((error as Error).message).toContain('lms load llama-3.2-1b');
  });
});
