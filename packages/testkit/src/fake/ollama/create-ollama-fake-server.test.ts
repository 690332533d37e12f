import { afterEach, describe, expect, it } from 'vitest';
import { createOllamaFakeServer } from './create-ollama-fake-server.js';
import type { OllamaFakeServer } from './create-ollama-fake-server.js';

let server: OllamaFakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const chat = (body: unknown) =>
  fetch(`${server?.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('Ollama fake', () => {
  it('lists pulled models and answers 404 "try pulling it first" for others', async () => {
    server = await createOllamaFakeServer({ models: ['qwen2.5:latest'] });
    const tags = (await (await fetch(`${server.url}/api/tags`)).json()) as { models: Array<{ name: string }> };
    expect(tags.models.map((m) => m.name)).toEqual(['qwen2.5:latest']);
    const missing = await chat({ model: 'phi3', messages: [] });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'model "phi3" not found, try pulling it first' });
  });

  it('streams NDJSON by default and answers one body with stream:false', async () => {
    server = await createOllamaFakeServer();
    server.enqueue(
      { kind: 'text', text: 'ab', chunks: ['a', 'b'], usage: { inputTokens: 5, outputTokens: 2 } },
      { kind: 'text', text: 'ab' },
    );
    const streamed = await chat({ model: 'fake-model', messages: [{ role: 'user', content: 'Hi' }] });
    expect(streamed.headers.get('content-type')).toBe('application/x-ndjson');
    const parsed = lines(await streamed.text());
    expect(parsed.map((l) => l.done)).toEqual([false, false, true]);
    expect(parsed.at(-1)).toMatchObject({ done_reason: 'stop', prompt_eval_count: 5, eval_count: 2 });
    const whole = (await (await chat({ model: 'fake-model', stream: false, messages: [] })).json()) as Record<
      string,
      unknown
    >;
    expect(whole).toMatchObject({ done: true, message: { content: 'ab' } });
  });

  it('plays an error line mid-stream after HTTP 200', async () => {
    server = await createOllamaFakeServer();
    server.enqueueStreamError({ text: 'part', error: 'boom' });
    const response = await chat({ model: 'fake-model', messages: [] });
    expect(response.status).toBe(200);
    const parsed = lines(await response.text());
    expect(parsed.at(-1)).toEqual({ error: 'boom' });
    expect(
      parsed
        .slice(0, -1)
        .map((l) => (l.message as { content: string }).content)
        .join(''),
    ).toBe('part');
  });
});
