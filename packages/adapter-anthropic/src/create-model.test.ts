import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeServers, fake, KEY } from './__fixtures__/servers.js';
import { createModel } from './create-model.js';

afterEach(async () => {
  vi.restoreAllMocks();
  await closeServers();
});

const ask = { messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('createModel transport', () => {
  it.each([false, true])(
    'sends through undici, not the global fetch, when the context gives no fetch (stream: %s)',
    async (stream) => {
      const server = await fake();
      const globalFetch = vi.spyOn(globalThis, 'fetch');
      const model = createModel(
        { model: 'claude-fake', apiKey: KEY, baseURL: server.baseURL, timeoutMs: 10_000, stream },
        { env: {} },
      );
      const result = await model.generate(ask);
      expect(result).toMatchObject({ type: 'completed', text: 'Hello from the fake server.' });
      expect(server.requests).toHaveLength(1);
      expect(globalFetch).not.toHaveBeenCalled();
    },
  );

  it('uses the context fetch when one is given', async () => {
    const server = await fake();
    const contextFetch = vi.fn<typeof globalThis.fetch>((input, init) => globalThis.fetch(input, init));
    const model = createModel(
      { model: 'claude-fake', apiKey: KEY, baseURL: server.baseURL, timeoutMs: 10_000 },
      { env: {}, fetch: contextFetch },
    );
    expect((await model.generate(ask)).type).toBe('completed');
    expect(contextFetch).toHaveBeenCalledTimes(1);
  });
});
