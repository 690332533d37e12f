import { createDashScopeFakeServer, httpVendorSignal } from '@sc-safety/testkit';
import type { FakeServerBase } from '@sc-safety/testkit';
import { RateLimitedError } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { extractMessagesAt } from '../__fixtures__/extract.js';
import { presetModel } from '../__fixtures__/preset-model.js';
import { serveForSuite } from '../__fixtures__/serve-for-suite.js';
import { chunkedText } from '../__fixtures__/chunked-text.js';
import { describePresetConformance } from '../__fixtures__/describe-preset-conformance.js';

const extractMessages = extractMessagesAt('input.messages');

describePresetConformance('dashscope', 'qwen-plus', (stream) => ({
  name: `http preset dashscope (native, ${stream ? 'cumulative SSE' : 'whole body'})`,
  createServer: () => createDashScopeFakeServer({ apiKey: 'sk-conformance-0123456789abcdefSECRET' }),
  supports: { streaming: stream, seed: true, systemRole: 'native' },
  extractMessages,
  blocks: [
    { signal: httpVendorSignal('dashscope-data-inspection'), stage: 'input', expectCode: 'DataInspectionFailed' },
    {
      signal: httpVendorSignal('dashscope-data-inspection'),
      stage: 'output',
      expectCode: 'DataInspectionFailed',
      expectPartialText: stream,
    },
    {
      signal: httpVendorSignal('dashscope-custom-role'),
      stage: 'input',
      expectStage: 'unknown',
      expectCode: 'CustomRoleBlocked',
    },
  ],
}));

describe('dashscope preset', () => {
  let server: FakeServerBase;
  const apiKey = 'sk-dashscope-test-000000';
  serveForSuite(async () => (server = await createDashScopeFakeServer({ apiKey })));

  it('sends the native body: input.messages, parameters (result_format message, clamped ranges, seed) and the SSE header', async () => {
    const model = presetModel('dashscope', 'qwen-plus', { baseURL: server.url, apiKey, stream: true });
    server.reset();
    server.enqueue(chunkedText(['one ', 'two ', 'three four']));
    const result = await model.generate({
      messages: [{ role: 'user', content: 'Count.' }],
      params: { temperature: 2, topP: 0, seed: 7 },
    });
    expect(result).toMatchObject({
      type: 'completed',
      text: 'one two three four',
      finishReason: { unified: 'stop', raw: 'stop' },
    });
    const sent = server.requests[0];
    expect(sent?.headers['x-dashscope-sse']).toBe('enable');
    expect(sent?.body).toEqual({
      model: 'qwen-plus',
      input: { messages: [{ role: 'user', content: 'Count.' }] },
      parameters: { result_format: 'message', temperature: 1.99, top_p: 0.01, seed: 7 },
    });
    expect(result.warnings.map((w) => w.setting).sort()).toEqual(['temperature', 'topP']);
    await model.close();
  });

  it('a cumulative stream is not double-counted, and incremental_output switches to deltas only through the template', async () => {
    const model = presetModel('dashscope', 'qwen-plus', { baseURL: server.url, apiKey, stream: true });
    server.reset();
    server.enqueue(chunkedText(['abc', ' def']));
    const result = await model.generate({ messages: [{ role: 'user', content: 'x' }] });
    expect(result.type === 'completed' && result.text).toBe('abc def');
    await model.close();
  });

  it('"Input or output…" data inspection stays stage unknown; Throttling is rate limited even inside a stream', async () => {
    const model = presetModel('dashscope', 'qwen-plus', { baseURL: server.url, apiKey, stream: true });
    server.reset();
    server.enqueue(
      { kind: 'block', signal: httpVendorSignal('dashscope-custom-role'), stage: 'output' },
      { kind: 'rate-limit' },
    );
    expect(await model.generate({ messages: [{ role: 'user', content: 'x' }] })).toMatchObject({
      type: 'blocked',
      stage: 'unknown',
      code: 'CustomRoleBlocked',
    });
    const error = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(RateLimitedError.isInstance(error) && [error.status, error.vendorCode, error.retryAfterMs]).toEqual([
      429,
      'Throttling.RateQuota',
      undefined,
    ]);
    await model.close();
  });
});
