import { createSparkFakeServer, describeAdapterConformance, httpVendorSignal } from '@sc-safety/testkit';
import type { SparkFakeServer } from '@sc-safety/testkit';
import { AuthError, QuotaExhaustedError, RateLimitedError } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { extractMessagesAt } from '../__fixtures__/extract.js';
import { presetModel } from '../__fixtures__/preset-model.js';
import { serveForSuite } from '../__fixtures__/serve-for-suite.js';
import { chunkedText } from '../__fixtures__/chunked-text.js';

const APP_ID = 'fakeapp1';
const SECRET = 'spark-api-secret-0123456789abcdef';
const extractMessages = extractMessagesAt('payload.message.text');

// Spark has no finish reason (the text case requires a vendor "stop" value; finish-length needs a
// length signal), throttles with 11202 frames (no 429 / Retry-After), and its key only travels
// base64-encoded inside the signed URL. Text, throttling and the key are covered below.
const SKIP = [
  'text',
  'finish-length',
  'rate-limit-seconds',
  'rate-limit-ms',
  'rate-limit-http-date',
  'no-key-in-results',
];

describeAdapterConformance({
  name: 'http preset spark (WebSocket frames)',
  createServer: () =>
    createSparkFakeServer({ appId: APP_ID, apiKey: 'sk-conformance-0123456789abcdefSECRET', apiSecret: SECRET }),
  createModel: (server, { timeoutMs, apiKey }) =>
    presetModel('spark', '4.0Ultra', { baseURL: server.baseURL, appId: APP_ID, apiKey, apiSecret: SECRET, timeoutMs }),
  supports: { streaming: true, seed: false, systemRole: 'native' },
  extractMessages,
  skip: SKIP,
  blocks: [
    { signal: httpVendorSignal('spark-audit'), stage: 'input', expectCode: '10013' },
    { signal: httpVendorSignal('spark-audit'), stage: 'output', expectCode: '10014', expectPartialText: true },
  ],
});

describe('spark preset and the spark-ws-url plugin', () => {
  const T0 = Date.UTC(2025, 4, 6, 7, 8, 9);
  const KEY = 'spark-api-key-0000000000';
  let server: SparkFakeServer;
  serveForSuite(
    async () =>
      (server = await createSparkFakeServer({ appId: APP_ID, apiKey: KEY, apiSecret: SECRET, now: () => T0 })),
  );
  const make = (model: string, extra: Record<string, unknown> = {}, clock = T0) =>
    presetModel(
      'spark',
      model,
      { baseURL: server.baseURL, appId: APP_ID, apiKey: KEY, apiSecret: SECRET, ...extra },
      { now: () => clock },
    );
  const ask = { messages: [{ role: 'user' as const, content: '你好' }] };

  it('signs the URL, sends one request frame and joins a multi-frame answer (usage and sid from the last frame)', async () => {
    const model = make('4.0Ultra');
    server.reset();
    server.enqueue(chunkedText(['你好！', '我是', '星火。'], { usage: { inputTokens: 3, outputTokens: 6 } }));
    const result = await model.generate({ ...ask, params: { temperature: 0, maxTokens: 10_000, topP: 0.5 } });
    expect(result).toMatchObject({
      type: 'completed',
      text: '你好！我是星火。',
      finishReason: { unified: 'stop', raw: '2' },
      usage: { inputTokens: 3, outputTokens: 6, totalTokens: 9 },
    });
    expect(result.type === 'completed' && result.requestId).toBe(server.requests[0]?.requestId);
    const sent = server.requests[0]!;
    expect(sent.path).toBe('/v4.0/chat');
    expect(new URLSearchParams(sent.search).get('date')).toBe(new Date(T0).toUTCString());
    expect(sent.body).toEqual({
      header: { app_id: APP_ID, uid: 'sc-safety' },
      parameter: { chat: { domain: '4.0Ultra', temperature: 0.01, max_tokens: 8192 } },
      payload: { message: { text: [{ role: 'user', content: '你好' }] } },
    });
    expect(result.warnings.map((w) => `${w.type}:${w.setting}`).sort()).toEqual([
      'clamped-setting:maxTokens',
      'clamped-setting:temperature',
      'unsupported-setting:topP',
    ]);
    expect(JSON.stringify(result)).not.toContain(KEY);
    await model.close();
  });

  it('a wrong secret or a clock more than 300 s off is refused at the handshake: AuthError, secrets kept out', async () => {
    const wrong = make('4.0Ultra', { apiSecret: 'not-the-api-secret-99999' });
    const late = make('4.0Ultra', {}, T0 + 301_000);
    server.reset();
    const e1 = await wrong.generate(ask).catch((e: unknown) => e);
    const e2 = await late.generate(ask).catch((e: unknown) => e);
    expect(AuthError.isInstance(e1) && [e1.status, e1.message]).toEqual([
      401,
      expect.stringContaining('HMAC signature does not match'),
    ]);
    expect(AuthError.isInstance(e2) && e2.status).toBe(403);
    expect(JSON.stringify(e1) + (e1 as Error).message).not.toMatch(/not-the-api-secret|spark-api-key/);
    await Promise.all([wrong.close(), late.close()]);
  });

  it('throttling, daily quota and the 10019 tendency code arrive as frames', async () => {
    const model = make('4.0Ultra');
    server.reset();
    server.enqueue(
      { kind: 'rate-limit' },
      { kind: 'quota' },
      { kind: 'block', signal: httpVendorSignal('spark-audit'), stage: 'input', severity: 19 },
    );
    const limited = await model.generate(ask).catch((e: unknown) => e);
    expect(RateLimitedError.isInstance(limited) && limited.vendorCode).toBe('11202');
    expect(QuotaExhaustedError.isInstance(await model.generate(ask).catch((e: unknown) => e))).toBe(true);
    expect(await model.generate(ask)).toMatchObject({ type: 'blocked', stage: 'input', code: '10019' });
    await model.close();
  });

  it('Lite has no system role: the system prompt is merged into the first user turn', async () => {
    const model = make('lite');
    expect(model.capabilities.systemRole).toBe('merged');
    server.reset();
    await model.generate({ messages: [{ role: 'system', content: 'Be brief.' }, ...ask.messages] });
    expect(server.requests[0]?.path).toBe('/v1.1/chat');
    expect((server.requests[0]?.body as { payload: unknown }).payload).toEqual({
      message: { text: [{ role: 'user', content: 'Be brief.\n\n你好' }] },
    });
    await model.close();
  });
});
