import { createOpenAIFakeServer } from '@sc-safety/testkit';
import type { OpenAIFakeServer } from '@sc-safety/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { modelFor, play, TEST_KEY } from './__fixtures__/harness.js';

// The served model as the vendor reports it, through the real SDK against the loopback fakes.
describe('servedModel: the model the response names', () => {
  let server: OpenAIFakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  for (const stream of [false, true]) {
    it(`reads model and system_fingerprint, and sees them change between calls (${stream ? 'streaming' : 'whole'})`, async () => {
      let snapshot = { id: 'gpt-4o-2024-08-06', fingerprint: 'fp_a1' };
      server = await createOpenAIFakeServer({ vendor: 'openai', apiKey: TEST_KEY, servedModel: () => snapshot });
      const model = modelFor('openai', server, { model: 'gpt-4o', stream });
      const first = await play(model, server, { kind: 'text', text: 'one' });
      expect(first).toMatchObject({
        type: 'completed',
        servedModel: { id: 'gpt-4o-2024-08-06', fingerprint: 'fp_a1' },
      });
      snapshot = { id: 'gpt-4o-2024-11-20', fingerprint: 'fp_b2' };
      const second = await play(model, server, { kind: 'text', text: 'two' });
      expect(second).toMatchObject({
        type: 'completed',
        servedModel: { id: 'gpt-4o-2024-11-20', fingerprint: 'fp_b2' },
      });
    });
  }

  it('keeps the id alone for a vendor that sends no fingerprint (DashScope)', async () => {
    server = await createOpenAIFakeServer({ vendor: 'dashscope', apiKey: TEST_KEY });
    const result = await play(modelFor('dashscope', server, { model: 'qwen-plus' }), server, {
      kind: 'text',
      text: 'ok',
    });
    expect(result).toMatchObject({ type: 'completed', servedModel: { id: 'qwen-plus' } });
    expect((result as { servedModel?: object }).servedModel).not.toHaveProperty('fingerprint');
  });

  it('records the served model on a block the response itself carries (finish_reason content_filter)', async () => {
    server = await createOpenAIFakeServer({
      vendor: 'deepseek',
      apiKey: TEST_KEY,
      servedModel: () => ({ id: 'deepseek-chat-v3' }),
    });
    const result = await play(modelFor('deepseek', server, { model: 'deepseek-chat' }), server, {
      kind: 'block',
      signal: 'openai-content-filter',
      stage: 'output',
      partialText: 'Part',
    });
    expect(result).toMatchObject({ type: 'blocked', servedModel: { id: 'deepseek-chat-v3', fingerprint: 'fp_fake' } });
  });
});
