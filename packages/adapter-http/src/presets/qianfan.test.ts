import { createQianfanFakeServer, httpVendorSignal } from '@sc-safety/testkit';
import type { QianfanFakeServer } from '@sc-safety/testkit';
import { AuthError, InvalidRequestError, RateLimitedError, TransientError } from '@sc-safety/spec';
import { beforeEach, describe, expect, it } from 'vitest';
import { extractMessagesAt } from '../__fixtures__/extract.js';
import { clearBaiduTokenCache } from '../auth/baidu-access-token.js';
import { presetModel } from '../__fixtures__/preset-model.js';
import { serveForSuite } from '../__fixtures__/serve-for-suite.js';
import { describePresetConformance } from '../__fixtures__/describe-preset-conformance.js';

const SK = 'qianfan-secret-key-000000000000';
const extractMessages = extractMessagesAt('messages', { system: 'system' });

// Throttling is HTTP 200 + error_code 18 (no 429, no Retry-After), and the API key only ever goes
// to the token endpoint, never to the chat route: those cases are covered by the tests below.
const SKIP = ['rate-limit-seconds', 'rate-limit-ms', 'rate-limit-http-date', 'no-key-in-results'];

describePresetConformance('qianfan', 'ERNIE-4.0-8K', (stream) => ({
  name: `http preset qianfan (v1 access token, ${stream ? 'SSE is_end' : 'whole body'})`,
  createServer: () => createQianfanFakeServer({ apiKey: 'sk-conformance-0123456789abcdefSECRET', secretKey: SK }),
  config: (server) => ({ tokenURL: (server as QianfanFakeServer).tokenURL, secretKey: SK }),
  supports: { streaming: stream, seed: false, systemRole: 'native' },
  extractMessages,
  skip: SKIP,
  blocks: [
    { signal: httpVendorSignal('qianfan-v1-clear-history'), stage: 'input', expectCode: 'need_clear_history' },
    {
      signal: httpVendorSignal('qianfan-v1-content-filter'),
      stage: 'output',
      expectCode: 'content_filter',
      expectPartialText: true,
    },
    { signal: httpVendorSignal('qianfan-v1-flag'), stage: 'output', expectStage: 'unknown', expectCode: 'flag' },
  ],
}));

describe('qianfan preset and the baidu-access-token plugin', () => {
  let clock = Date.UTC(2025, 0, 1);
  const now = () => clock;
  let server: QianfanFakeServer;
  const AK = 'qianfan-api-key-000000000000';
  const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };
  const make = (extra: Record<string, unknown> = {}) =>
    presetModel(
      'qianfan',
      'ERNIE-4.0-8K',
      { baseURL: server.url, tokenURL: server.tokenURL, apiKey: AK, secretKey: SK, ...extra },
      { now },
    );

  serveForSuite(
    async () => (server = await createQianfanFakeServer({ apiKey: AK, secretKey: SK, now, tokenTtlSeconds: 7200 })),
  );
  beforeEach(() => {
    clearBaiduTokenCache();
    server.reset();
    server.tokenRequests.length = 0;
    clock = Date.UTC(2025, 0, 1);
  });

  it('exchanges once, caches across calls and models, and sends the token as ?access_token= on the model path', async () => {
    const a = make();
    const b = make();
    await Promise.all([a.generate(ask), a.generate(ask), b.generate(ask)]);
    expect(server.tokenRequests).toHaveLength(1);
    expect(new URLSearchParams(server.tokenRequests[0]?.search).get('grant_type')).toBe('client_credentials');
    expect(server.requests.map((r) => r.path)).toEqual(
      Array(3).fill('/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/completions_pro'),
    );
    expect(new URLSearchParams(server.requests[0]?.search).get('access_token')).toBe(server.issuedTokens[0]);
    await Promise.all([a.close(), b.close()]);
  });

  it('refreshes a token within the margin of its expiry (one hour by default)', async () => {
    const model = make();
    await model.generate(ask);
    clock += 3_600_000 + 1; // 7200 s token: under an hour left now
    await model.generate(ask);
    expect(server.tokenRequests).toHaveLength(2);
    await model.close();
  });

  it('a rejected token (110) is dropped so the next call exchanges again; an expired one (111) is retryable', async () => {
    const model = make();
    await model.generate(ask);
    server.revokeTokens();
    const error = await model.generate(ask).catch((e: unknown) => e);
    expect(AuthError.isInstance(error) && error.vendorCode).toBe('110');
    expect((await model.generate(ask)).type).toBe('completed');
    expect(server.tokenRequests).toHaveLength(2);
    let serverClock = clock;
    const other = await createQianfanFakeServer({
      apiKey: AK,
      secretKey: SK,
      now: () => serverClock,
      tokenTtlSeconds: 7200,
    });
    const m2 = presetModel(
      'qianfan',
      'ERNIE-4.0-8K',
      { baseURL: other.url, tokenURL: other.tokenURL, apiKey: AK, secretKey: SK },
      { now },
    );
    await m2.generate(ask);
    serverClock += 7_201_000; // the service's clock says the cached token has expired
    const expired = await m2.generate(ask).catch((e: unknown) => e);
    expect(TransientError.isInstance(expired) && [expired.vendorCode, expired.retryable]).toEqual(['111', true]);
    expect((await m2.generate(ask)).type).toBe('completed');
    expect(other.tokenRequests).toHaveLength(2);
    await Promise.all([model.close(), m2.close(), other.close()]);
  });

  it('a wrong secret key is refused by the token endpoint: AuthError naming the fields, no secret in it', async () => {
    const model = make({ secretKey: 'wrong-secret-key-99999999' });
    const error = await model.generate(ask).catch((e: unknown) => e);
    expect(AuthError.isInstance(error) && error.message).toMatch(
      /invalid_client: Client authentication failed\). Check apiKey and secretKey/,
    );
    expect(JSON.stringify(error) + (error as Error).message).not.toMatch(/wrong-secret-key|qianfan-api-key/);
    expect(server.requests).toHaveLength(0);
    await model.close();
  });

  for (const stream of [false, true]) {
    it(`HTTP-200 error bodies: 18 throttled, 336103 context length, also on a stream request (${stream ? 'stream' : 'whole'})`, async () => {
      const model = make({ stream });
      server.enqueue({ kind: 'rate-limit' }, { kind: 'context-length' });
      const limited = await model.generate(ask).catch((e: unknown) => e);
      expect(RateLimitedError.isInstance(limited) && [limited.status, limited.vendorCode]).toEqual([200, '18']);
      const long = await model.generate(ask).catch((e: unknown) => e);
      expect(InvalidRequestError.isInstance(long) && long.reason).toBe('context_length');
      await model.close();
    });
  }

  it('need_clear_history records ban_round; system goes top-level and same-role turns are merged to alternate', async () => {
    const model = make();
    server.enqueue({ kind: 'block', signal: httpVendorSignal('qianfan-v1-clear-history'), stage: 'input' });
    const result = await model.generate({
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
      params: { temperature: 0, seed: 1 },
    });
    expect(result).toMatchObject({ type: 'blocked', stage: 'input', details: { banRound: -1, flag: 1 } });
    expect(result.type === 'blocked' && result.partialText).toBeUndefined();
    expect(server.requests[0]?.body).toEqual({
      system: 'S',
      messages: [{ role: 'user', content: 'a\n\nb' }],
      temperature: 0.01,
    });
    expect(result.warnings.map((w) => w.setting).sort()).toEqual(['messages', 'seed', 'temperature']);
    await model.close();
  });

  it('flag = 1 keeps the answer with a warning', async () => {
    const model = make();
    server.enqueue({
      kind: 'block',
      signal: httpVendorSignal('qianfan-v1-flag'),
      stage: 'output',
      severity: 1,
      partialText: 'Low-risk answer.',
    });
    const result = await model.generate(ask);
    expect(result).toMatchObject({ type: 'completed', text: 'Low-risk answer.' });
    expect(result.warnings.some((w) => w.setting === 'moderation' && w.message.includes('flag>=1'))).toBe(true);
    await model.close();
  });
});
