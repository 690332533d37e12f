import type { BlockedResultV1 } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { TEST_KEY, QUESTION } from './__fixtures__/harness.js';
import { createModel } from './create-model.js';

function sseFetch(frames: unknown[]): typeof globalThis.fetch {
  return async () => {
    const text = frames.map((f) => `data: ${typeof f === 'string' ? f : JSON.stringify(f)}\n\n`).join('');
    return new Response(text, {
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req-sse' },
    });
  };
}

const chunk = (content: string) => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});

describe('error frames inside a stream', () => {
  it('keep top-level fields the SDK drops (Zhipu contentFilter) and the text already streamed', async () => {
    const fetch = sseFetch([
      chunk('Part one, '),
      chunk('part two'),
      { contentFilter: [{ role: 'assistant', level: 0 }], error: { code: '1301', message: '不安全内容' } },
    ]);
    const model = createModel({ model: 'glm-4', preset: 'zhipu', apiKey: TEST_KEY, stream: true }, { env: {}, fetch });
    const result = (await model.generate(QUESTION)) as BlockedResultV1;
    expect(result).toMatchObject({
      type: 'blocked',
      stage: 'output',
      code: '1301',
      message: '不安全内容',
      partialText: 'Part one, part two',
      details: { level: 0, role: 'assistant' },
      requestId: 'req-sse',
    });
    expect(result.raw).toMatchObject({ contentFilter: [{ role: 'assistant', level: 0 }] });
  });

  it('Moonshot: an error frame or a content_filter finish are both blocks', async () => {
    const errorFrame = sseFetch([chunk('Hal'), { error: { type: 'content_filter', message: 'high risk' } }]);
    const a = await createModel(
      { model: 'kimi', preset: 'moonshot', apiKey: TEST_KEY, stream: true },
      { env: {}, fetch: errorFrame },
    ).generate(QUESTION);
    expect(a).toMatchObject({ type: 'blocked', stage: 'unknown', partialText: 'Hal' });
    const finish = sseFetch([
      chunk('Hal'),
      { id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'content_filter' }] },
      '[DONE]',
    ]);
    const b = await createModel(
      { model: 'kimi', preset: 'moonshot', apiKey: TEST_KEY, stream: true },
      { env: {}, fetch: finish },
    ).generate(QUESTION);
    expect(b).toMatchObject({
      type: 'blocked',
      stage: 'output',
      partialText: 'Hal',
      finishReason: { unified: 'content-filter' },
    });
  });

  it('an unknown error frame is a TransientError, not a block', async () => {
    const fetch = sseFetch([chunk('Hal'), { error: { type: 'engine_overloaded_error', message: 'busy' } }]);
    const error = await createModel(
      { model: 'kimi', preset: 'moonshot', apiKey: TEST_KEY, stream: true },
      { env: {}, fetch },
    )
      .generate(QUESTION)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient', vendorCode: 'engine_overloaded_error' });
  });
});
