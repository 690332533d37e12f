import { describe, expect, it } from 'vitest';
import { expectJsonAnswer } from '../__fixtures__/json-answer.js';
import { serverPerTest } from '../__fixtures__/server-per-test.js';
import { chat, rawPost, sseData, streamed } from './__fixtures__/http.js';
import { createOpenAIFakeServer } from './create-openai-fake-server.js';
import type { OpenAIFakeVendor } from './vendors.js';

const start = serverPerTest((vendor: OpenAIFakeVendor = 'openai') => createOpenAIFakeServer({ vendor }));

describe('text, non-streamed', () => {
  it('is a chat.completion with id, model, message, finish_reason and usage', async () => {
    const s = await start();
    s.enqueue({ kind: 'text', text: 'Hi there.', usage: { inputTokens: 3, outputTokens: 2 } });
    const reply = await rawPost(s.chatURL, chat({ model: 'gpt-x' }));
    expect(expectJsonAnswer(reply, 'x-request-id', 'fake-req-0001')).toEqual({
      id: 'chatcmpl-fake-0001',
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-x',
      system_fingerprint: 'fp_fake',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hi there.', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 3,
        completion_tokens: 2,
        total_tokens: 5,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });

  it('plays finish_reason length and an empty answer', async () => {
    const s = await start('moonshot');
    s.enqueue({ kind: 'text', text: 'Cut', finishReason: 'length' }, { kind: 'empty' });
    expect(JSON.parse((await rawPost(s.chatURL, chat())).body)).toMatchObject({
      choices: [{ finish_reason: 'length', message: { content: 'Cut' } }],
    });
    const empty = JSON.parse((await rawPost(s.chatURL, chat())).body) as {
      choices: unknown[];
      usage: { completion_tokens: number };
    };
    expect(empty.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: '' }, logprobs: null, finish_reason: 'stop' },
    ]);
    expect(empty.usage.completion_tokens).toBe(0);
  });

  it('DeepSeek sends blank keep-alive lines before the JSON', async () => {
    const s = await start('deepseek');
    const reply = await rawPost(s.chatURL, chat());
    expect(reply.body.startsWith('\n\n{')).toBe(true);
    expect(JSON.parse(reply.body)).toMatchObject({ usage: { prompt_cache_miss_tokens: expect.any(Number) } });
  });

  it('Zhipu puts request_id in the body', async () => {
    const s = await start('zhipu');
    expect(JSON.parse((await rawPost(s.chatURL, chat())).body)).toMatchObject({ request_id: 'fake-req-0001' });
  });
});

describe('text, streamed', () => {
  it('sends a role chunk, content chunks, a finish chunk, then [DONE]', async () => {
    const s = await start();
    s.enqueue({ kind: 'text', text: 'Hello world', chunks: ['Hel', 'lo ', 'world'] });
    const reply = await rawPost(s.chatURL, streamed());
    expect(reply.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const frames = sseData(reply.body);
    expect(frames.at(-1)).toBe('[DONE]');
    const chunks = frames.slice(0, -1) as Array<{
      object: string;
      id: string;
      usage?: unknown;
      choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>;
    }>;
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === 'chatcmpl-fake-0001')).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hel' },
      { content: 'lo ' },
      { content: 'world' },
      {},
    ]);
    expect(chunks.map((c) => c.choices[0]?.finish_reason)).toEqual([null, null, null, null, 'stop']);
    expect(chunks.some((c) => 'usage' in c)).toBe(false);
  });

  it('adds usage: null to chunks and a choices: [] usage chunk with include_usage', async () => {
    const s = await start();
    s.enqueue({ kind: 'text', text: 'ab', usage: { inputTokens: 5, outputTokens: 1 } });
    const frames = sseData((await rawPost(s.chatURL, streamed({ stream_options: { include_usage: true } }))).body);
    expect(frames.at(-2)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
    });
    expect(frames.at(-3)).toMatchObject({ usage: null, choices: [{ finish_reason: 'stop' }] });
  });

  it('DeepSeek sends : keep-alive comments before the first data frame', async () => {
    const s = await start('deepseek');
    const reply = await rawPost(s.chatURL, streamed());
    expect(reply.body.startsWith(': keep-alive\n\n: keep-alive\n\ndata: ')).toBe(true);
  });

  it('Zhipu carries usage on the finish chunk instead of an extra chunk', async () => {
    const s = await start('zhipu');
    s.enqueue({ kind: 'text', text: 'ok', usage: { inputTokens: 1, outputTokens: 1 } });
    const frames = sseData((await rawPost(s.chatURL, streamed({ stream_options: { include_usage: true } }))).body);
    expect(frames.at(-2)).toMatchObject({
      request_id: 'fake-req-0001',
      choices: [{ finish_reason: 'stop' }],
      usage: { total_tokens: 2 },
    });
    expect(
      frames.filter((f) => typeof f === 'object' && (f as { choices: unknown[] }).choices.length === 0),
    ).toHaveLength(0);
  });

  it('waits delayMs before headers and chunkDelayMs between chunks without changing the frames', async () => {
    const s = await start();
    s.enqueue({ kind: 'text', text: 'slow', chunks: ['sl', 'ow'], delayMs: 5, chunkDelayMs: 5 });
    const contents = sseData((await rawPost(s.chatURL, streamed())).body)
      .slice(0, -1)
      .map((c) => (c as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content);
    expect(contents).toEqual(['', 'sl', 'ow', undefined]);
  });
});

describe('malformed-json', () => {
  it('non-streamed: a 200 application/json body that does not parse, with a correct length', async () => {
    const s = await start();
    s.enqueue({ kind: 'malformed-json' });
    const reply = await rawPost(s.chatURL, chat());
    expect(reply.status).toBe(200);
    expect(reply.complete).toBe(true);
    expect(() => JSON.parse(reply.body) as unknown).toThrow();
  });

  it('streamed: one data frame that does not parse, then [DONE]', async () => {
    const s = await start();
    s.enqueue({ kind: 'malformed-json' });
    const frames = sseData((await rawPost(s.chatURL, streamed())).body);
    expect(frames[0]).toMatchObject({ choices: [{ delta: { role: 'assistant' } }] });
    expect(typeof frames[1]).toBe('string');
    expect(frames[2]).toBe('[DONE]');
  });
});

describe('truncated-stream', () => {
  it('streamed (socket): content frames, no finish_reason, no [DONE], HTTP body incomplete', async () => {
    const s = await start();
    s.enqueue({ kind: 'truncated-stream', text: 'abcdef' });
    const reply = await rawPost(s.chatURL, streamed());
    expect(reply.complete).toBe(false);
    const frames = sseData(reply.body) as Array<{
      choices: Array<{ delta: { content?: string }; finish_reason: string | null }>;
    }>;
    expect(frames.map((f) => f.choices[0]?.delta.content).join('')).toBe('abcdef');
    expect(frames.every((f) => f.choices[0]?.finish_reason === null)).toBe(true);
    expect(reply.body).not.toContain('[DONE]');
  });

  it('streamed (clean): the HTTP body ends properly but the protocol never finished', async () => {
    const s = await start();
    s.enqueue({ kind: 'truncated-stream', cut: 'clean' });
    const reply = await rawPost(s.chatURL, streamed());
    expect(reply.complete).toBe(true);
    expect(reply.body).not.toContain('[DONE]');
    expect(reply.body).not.toContain('"finish_reason":"');
  });

  it('non-streamed: half the promised Content-Length, then the connection ends', async () => {
    const s = await start();
    s.enqueue({ kind: 'truncated-stream' });
    const reply = await rawPost(s.chatURL, chat());
    expect(reply.complete).toBe(false);
    expect(Buffer.byteLength(reply.body)).toBeLessThan(Number(reply.headers['content-length']));
  });
});
