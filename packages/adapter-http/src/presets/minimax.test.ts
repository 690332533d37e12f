import { createMiniMaxFakeServer, httpVendorSignal } from '@sc-safety/testkit';
import type { FakeServerBase } from '@sc-safety/testkit';
import { AuthError, QuotaExhaustedError, RateLimitedError } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { presetModel } from '../__fixtures__/preset-model.js';
import { serveForSuite } from '../__fixtures__/serve-for-suite.js';
import { chunkedText } from '../__fixtures__/chunked-text.js';
import { describePresetConformance } from '../__fixtures__/describe-preset-conformance.js';

// MiniMax throttles with HTTP 200 + base_resp 1002 (no 429, no Retry-After) and documents no
// context-overflow code: those four cases cannot be played faithfully; the tests below cover 1002.
const SKIP = ['rate-limit-seconds', 'rate-limit-ms', 'rate-limit-http-date', 'context-length'];

describePresetConformance('minimax', 'MiniMax-Text-01', (stream) => ({
  name: `http preset minimax (chatcompletion_v2, ${stream ? 'SSE' : 'whole body'})`,
  createServer: () => createMiniMaxFakeServer({ apiKey: 'sk-conformance-0123456789abcdefSECRET' }),
  supports: { streaming: stream, seed: false, systemRole: 'native', servedModel: true },
  skip: SKIP,
  blocks: [
    { signal: httpVendorSignal('minimax-base-resp'), stage: 'input', expectCode: '1026' },
    { signal: httpVendorSignal('minimax-base-resp'), stage: 'output', expectCode: '1027', expectPartialText: stream },
    { signal: httpVendorSignal('minimax-sensitive-flag'), stage: 'input', expectCode: 'input_sensitive' },
    {
      signal: httpVendorSignal('minimax-sensitive-flag'),
      stage: 'output',
      expectCode: 'output_sensitive',
      expectPartialText: true,
    },
  ],
}));

describe('minimax preset', () => {
  let server: FakeServerBase;
  const apiKey = 'mm-test-key-0000000000';
  serveForSuite(async () => (server = await createMiniMaxFakeServer({ apiKey })));

  for (const stream of [false, true]) {
    it(`HTTP-200 base_resp codes: 1002 throttled (retryable), 1008 quota spent, 1004 auth (${stream ? 'stream' : 'whole'})`, async () => {
      const model = presetModel('minimax', 'MiniMax-Text-01', { baseURL: server.url, apiKey, stream });
      server.reset();
      server.enqueue({ kind: 'rate-limit' }, { kind: 'quota' });
      const limited = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect(RateLimitedError.isInstance(limited) && [limited.status, limited.vendorCode, limited.retryable]).toEqual([
        200,
        '1002',
        true,
      ]);
      const spent = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect(QuotaExhaustedError.isInstance(spent) && spent.retryable).toBe(false);
      const wrongKey = presetModel('minimax', 'MiniMax-Text-01', {
        baseURL: server.url,
        apiKey: 'wrong-key-123456',
        stream,
      });
      const denied = await wrongKey.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect(AuthError.isInstance(denied) && denied.vendorCode).toBe('1004');
      expect(JSON.stringify(denied)).not.toContain('wrong-key-123456');
      await Promise.all([model.close(), wrongKey.close()]);
    });
  }

  it('the final full frame replaces the deltas instead of doubling the text; usage comes from it; seed is warned about', async () => {
    const model = presetModel('minimax', 'MiniMax-Text-01', { baseURL: server.url, apiKey, stream: true });
    server.reset();
    server.enqueue(chunkedText(['Hello', ' world', ' again'], { usage: { inputTokens: 4, outputTokens: 3 } }));
    const result = await model.generate({ messages: [{ role: 'user', content: 'x' }], params: { seed: 1 } });
    expect(result).toMatchObject({
      type: 'completed',
      text: 'Hello world again',
      usage: { inputTokens: 4, outputTokens: 3, totalTokens: 7 },
    });
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'unsupported-setting', setting: 'seed' })]);
    expect(server.requests[0]?.body).toMatchObject({ stream: true, model: 'MiniMax-Text-01' });
    await model.close();
  });

  it('records the sensitive type with the block', async () => {
    const model = presetModel('minimax', 'MiniMax-Text-01', { baseURL: server.url, apiKey });
    server.reset();
    server.enqueue({ kind: 'block', signal: httpVendorSignal('minimax-sensitive-flag'), stage: 'input' });
    expect(await model.generate({ messages: [{ role: 'user', content: 'x' }] })).toMatchObject({
      type: 'blocked',
      stage: 'input',
      details: { sensitiveType: 1, signal: 'input_sensitive=true' },
    });
    await model.close();
  });
});
