import { afterEach, describe, expect, it } from 'vitest';
import type { BlockSignal } from '../types.js';
import { chat, rawPost, sseData, streamed } from './__fixtures__/http.js';
import { createOpenAIFakeServer } from './create-openai-fake-server.js';
import type { OpenAIFakeServer } from './create-openai-fake-server.js';
import type { OpenAIFakeVendor } from './vendors.js';

let server: OpenAIFakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function block(
  vendor: OpenAIFakeVendor,
  signal: BlockSignal,
  stage: 'input' | 'output',
  stream: boolean,
  extra: { partialText?: string; severity?: number } = {},
) {
  if (server?.vendor !== vendor) {
    await server?.close();
    server = await createOpenAIFakeServer({ vendor });
  }
  server.reset();
  server.enqueue({ kind: 'block', signal, stage, ...extra });
  const reply = await rawPost(server.chatURL, stream ? streamed() : chat());
  const isJson = reply.headers['content-type'] === 'application/json';
  return {
    ...reply,
    json: isJson ? (JSON.parse(reply.body) as unknown) : undefined,
    frames: isJson ? [] : sseData(reply.body),
  };
}

type Chunk = {
  choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null; flag?: number; ban_round?: number }>;
};
const contentOf = (frames: unknown[]): string =>
  frames
    .filter((f): f is Chunk => typeof f === 'object' && f !== null && 'choices' in f)
    .map((f) => f.choices[0]?.delta.content ?? '')
    .join('');

describe('OpenAI signals', () => {
  it('content_filter: finish_reason with partial content; streamed: partial chunks then content_filter', async () => {
    const plain = await block('openai', 'openai-content-filter', 'output', false, { partialText: 'Part' });
    expect(plain.json).toMatchObject({ choices: [{ finish_reason: 'content_filter', message: { content: 'Part' } }] });
    const live = await block('openai', 'openai-content-filter', 'output', true, { partialText: 'Partial text' });
    expect(contentOf(live.frames)).toBe('Partial text');
    expect(live.frames.at(-2)).toMatchObject({ choices: [{ finish_reason: 'content_filter' }] });
    expect(live.frames.at(-1)).toBe('[DONE]');
  });

  it('refusal: message.refusal with null content; streamed as refusal deltas', async () => {
    const plain = await block('openai', 'openai-refusal', 'output', false);
    expect(plain.json).toMatchObject({
      choices: [{ finish_reason: 'stop', message: { content: null, refusal: expect.stringContaining("can't help") } }],
    });
    const live = await block('openai', 'openai-refusal', 'output', true);
    const refusal = (live.frames.slice(0, -1) as Chunk[]).map((f) => f.choices[0]?.delta.refusal ?? '').join('');
    expect(refusal).toContain("can't help");
  });

  it('invalid_prompt: 400 with code invalid_prompt, even for a stream request', async () => {
    for (const stream of [false, true]) {
      const reply = await block('openai', 'openai-invalid-prompt', 'input', stream);
      expect(reply.status).toBe(400);
      expect(reply.headers['x-should-retry']).toBe('false');
      expect(reply.json).toMatchObject({ error: { code: 'invalid_prompt', type: 'invalid_request_error' } });
    }
  });

  it('a signal at a stage it cannot occur at, or from another vendor, is a 501', async () => {
    expect((await block('openai', 'openai-content-filter', 'input', false)).status).toBe(501);
    expect((await block('openai', 'zhipu-1301', 'input', false)).status).toBe(501);
    expect((await block('openai', 'anthropic-refusal', 'output', false)).status).toBe(501);
    expect((await block('vllm', 'openai-content-filter', 'output', false)).status).toBe(501);
  });
});

describe('Chinese vendor signals', () => {
  it('DashScope: 400 data_inspection_failed naming Input/Output; a streamed output block sends partial frames then the error frame', async () => {
    const input = await block('dashscope', 'dashscope-compat', 'input', false);
    expect(input.status).toBe(400);
    expect(input.json).toEqual({
      error: {
        code: 'data_inspection_failed',
        type: 'data_inspection_failed',
        message: 'Input data may contain inappropriate content.',
        param: null,
      },
      id: 'chatcmpl-fake-0001',
      request_id: 'fake-req-0001',
    });
    expect((await block('dashscope', 'dashscope-compat', 'output', false)).json).toMatchObject({
      error: { message: 'Output data may contain inappropriate content.' },
    });
    const live = await block('dashscope', 'dashscope-compat', 'output', true, { partialText: 'Some words' });
    expect(live.status).toBe(200);
    expect(contentOf(live.frames)).toBe('Some words');
    expect(live.frames.at(-1)).toMatchObject({
      error: { code: 'data_inspection_failed', message: 'Output data may contain inappropriate content.' },
    });
    expect(live.body).not.toContain('[DONE]');
  });

  it('Zhipu: 400 1301 with contentFilter role/level; a streamed output block ends with finish_reason sensitive', async () => {
    const input = await block('zhipu', 'zhipu-1301', 'input', false);
    expect(input.status).toBe(400);
    expect(input.json).toEqual({
      contentFilter: [{ level: 1, role: 'user' }],
      error: { code: '1301', message: expect.stringContaining('不安全或敏感内容') },
    });
    expect((await block('zhipu', 'zhipu-1301', 'output', false, { severity: 0 })).json).toMatchObject({
      contentFilter: [{ level: 0, role: 'assistant' }],
    });
    const live = await block('zhipu', 'zhipu-1301', 'output', true, { partialText: '部分回答' });
    expect(contentOf(live.frames)).toBe('部分回答');
    expect(live.frames.at(-2)).toMatchObject({ choices: [{ finish_reason: 'sensitive' }] });
  });

  it('Moonshot: 400 type content_filter, input or output', async () => {
    for (const stage of ['input', 'output'] as const) {
      const reply = await block('moonshot', 'moonshot-content-filter', stage, false);
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({
        error: { type: 'content_filter', message: 'The request was rejected because it was considered high risk' },
      });
    }
  });

  it('DeepSeek: input is the FastAPI-style 400 detail; output is finish_reason content_filter', async () => {
    const input = await block('deepseek', 'deepseek-risk', 'input', true);
    expect(input.status).toBe(400);
    expect(input.json).toEqual({ detail: 'Content Exists Risk' });
    const output = await block('deepseek', 'deepseek-risk', 'output', false);
    expect(output.json).toMatchObject({ choices: [{ finish_reason: 'content_filter', message: { content: '' } }] });
  });

  it('Qianfan: output is 200 with flag and ban_round; input is a 400 unsafe_request', async () => {
    const output = await block('qianfan', 'qianfan-v2-flag', 'output', false, { severity: 3 });
    expect(output.status).toBe(200);
    expect(output.json).toMatchObject({
      id: 'as-fake-0001',
      choices: [{ finish_reason: 'content_filter', flag: 3, ban_round: -1 }],
    });
    const live = await block('qianfan', 'qianfan-v2-flag', 'output', true, { partialText: 'abc' });
    expect(live.frames.at(-2)).toMatchObject({
      choices: [{ finish_reason: 'content_filter', flag: 2, ban_round: -1 }],
    });
    const input = await block('qianfan', 'qianfan-v2-flag', 'input', false);
    expect(input.status).toBe(400);
    expect(input.json).toMatchObject({ error: { type: 'unsafe_request' } });
  });

  it('Ark: 400 Input/OutputTextSensitiveContentDetected; streamed output after partial text is an error frame', async () => {
    expect((await block('ark', 'ark-sensitive', 'input', false)).json).toMatchObject({
      error: { code: 'InputTextSensitiveContentDetected', type: 'BadRequest' },
    });
    expect((await block('ark', 'ark-sensitive', 'output', false)).json).toMatchObject({
      error: { code: 'OutputTextSensitiveContentDetected' },
    });
    const live = await block('ark', 'ark-sensitive', 'output', true, { partialText: 'xyz' });
    expect(contentOf(live.frames)).toBe('xyz');
    expect(live.frames.at(-1)).toMatchObject({ error: { code: 'OutputTextSensitiveContentDetected' } });
  });

  it('an output block with nothing streamed yet is a plain 400 even for a stream request', async () => {
    const reply = await block('ark', 'ark-sensitive', 'output', true);
    expect(reply.status).toBe(400);
  });
});
