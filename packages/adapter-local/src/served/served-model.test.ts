import { createLlamaCppFakeServer, createOllamaFakeServer, createOpenAIFakeServer } from '@sc-safety/testkit';
import type { FakeServer } from '@sc-safety/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createModel } from '../create-model.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ASK = { messages: [{ role: 'user' as const, content: 'Hi' }] };
const DIGEST_A = 'a'.repeat(64);
const DIGEST_B = 'b'.repeat(64);

describe('servedModel on local servers', () => {
  it("ollama: the answer's model and the /api/tags digest, with a re-pull seen once the lookup is stale", async () => {
    let digest = DIGEST_A;
    server = await createOllamaFakeServer({ models: ['qwen2.5:7b'], servedModel: () => ({ digest }) });
    const model = createModel(
      { target: 'ollama', model: 'qwen2.5:7b', baseURL: server.url, stream: false },
      {},
      { servedLookupTtlMs: 0 },
    );
    await model.check?.();
    expect(await model.generate(ASK)).toMatchObject({ servedModel: { id: 'qwen2.5:7b', digest: DIGEST_A } });
    digest = DIGEST_B;
    expect(await model.generate(ASK)).toMatchObject({ servedModel: { id: 'qwen2.5:7b', digest: DIGEST_B } });
  });

  it('ollama: the digest read by check() is reused while fresh (no extra /api/tags per answer)', async () => {
    server = await createOllamaFakeServer({ models: ['qwen2.5:7b'], servedModel: () => ({ digest: DIGEST_A }) });
    const model = createModel({ target: 'ollama', model: 'qwen2.5:7b', baseURL: server.url });
    await model.check?.();
    await model.generate(ASK);
    await model.generate(ASK);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/tags',
      'POST /api/chat',
      'POST /api/chat',
    ]);
    expect((await model.generate(ASK)) as object).toMatchObject({ servedModel: { digest: DIGEST_A } });
  });

  for (const endpoint of ['completion', 'chat'] as const) {
    it(`llama.cpp (${endpoint}): the /props model_path, and a server restarted on another file`, async () => {
      let path = '/models/qwen2.5-7b-q4_k_m.gguf';
      server = await createLlamaCppFakeServer({ servedModel: () => ({ path }) });
      const model = createModel({ target: 'llamacpp', endpoint, baseURL: server.url }, {}, { servedLookupTtlMs: 0 });
      await model.check?.();
      const first = await model.generate(ASK);
      expect(first).toMatchObject({ servedModel: { path: '/models/qwen2.5-7b-q4_k_m.gguf' } });
      if (endpoint === 'chat') expect(first).toMatchObject({ servedModel: { fingerprint: 'b0000-fake' } });
      else expect(first).toMatchObject({ servedModel: { id: '/models/qwen2.5-7b-q4_k_m.gguf' } });
      path = '/models/qwen2.5-7b-q8_0.gguf';
      expect(await model.generate(ASK)).toMatchObject({ servedModel: { path: '/models/qwen2.5-7b-q8_0.gguf' } });
    });
  }

  it("vLLM: the response's model names what answered", async () => {
    server = await createOpenAIFakeServer({ vendor: 'vllm', servedModel: () => ({ id: 'Qwen/Qwen2.5-7B-Instruct' }) });
    const model = createModel({ target: 'vllm', model: 'qwen', baseURL: server.baseURL });
    expect(await model.generate(ASK)).toMatchObject({ servedModel: { id: 'Qwen/Qwen2.5-7B-Instruct' } });
  });
});
