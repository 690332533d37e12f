import { createHunyuanFakeServer, describeAdapterConformance, httpVendorSignal } from '@sc-safety/testkit';
import type { FakeServerBase } from '@sc-safety/testkit';
import { AuthError, InvalidRequestError, RateLimitedError } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { extractMessagesAt } from '../__fixtures__/extract.js';
import { tc3Authorization } from '../auth/tencent-tc3.js';
import { presetModel } from '../__fixtures__/preset-model.js';
import { serveForSuite } from '../__fixtures__/serve-for-suite.js';

const SECRET_KEY = 'hunyuan-secret-key-abcdefghijklmnop';
const extractMessages = extractMessagesAt('Messages', { role: 'Role', content: 'Content' });

// Throttling is HTTP 200 + Response.Error LimitExceeded (no 429, no Retry-After) and Hunyuan
// documents no context-overflow code; both are covered below.
const SKIP = ['rate-limit-seconds', 'rate-limit-ms', 'rate-limit-http-date', 'context-length'];

for (const stream of [false, true]) {
  describeAdapterConformance({
    name: `http preset hunyuan (TC3, ${stream ? 'SSE' : 'whole body'})`,
    createServer: () =>
      createHunyuanFakeServer({ secretId: 'sk-conformance-0123456789abcdefSECRET', secretKey: SECRET_KEY }),
    createModel: (server, { timeoutMs, apiKey }) =>
      presetModel('hunyuan', 'hunyuan-turbo', {
        baseURL: server.url,
        secretId: apiKey,
        secretKey: SECRET_KEY,
        timeoutMs,
        stream,
      }),
    supports: { streaming: stream, seed: true, systemRole: 'native' },
    extractMessages,
    skip: SKIP,
    // FinishReason sensitive only exists with stream moderation.
    blocks: stream
      ? [
          {
            signal: httpVendorSignal('hunyuan-sensitive'),
            stage: 'output',
            expectCode: 'sensitive',
            expectPartialText: true,
          },
        ]
      : [],
  });
}

describe('tencent-tc3 signing against the fake with fixed clocks', () => {
  const T0 = Date.UTC(2025, 2, 4, 23, 59, 50);
  const SECRET_ID = 'AKIDfake0000000000000000000000000000';
  let server: FakeServerBase;
  serveForSuite(
    async () => (server = await createHunyuanFakeServer({ secretId: SECRET_ID, secretKey: SECRET_KEY, now: () => T0 })),
  );
  const make = (secretKey: string, clock: number, extra: Record<string, unknown> = {}) =>
    presetModel(
      'hunyuan',
      'hunyuan-turbo',
      { baseURL: server.url, secretId: SECRET_ID, secretKey, ...extra },
      { now: () => clock },
    );

  it('signs the exact body bytes: the fake accepts, and the header is the documented form', async () => {
    const model = make(SECRET_KEY, T0, { region: 'ap-guangzhou' });
    server.reset();
    const result = await model.generate({
      messages: [{ role: 'user', content: '你好' }],
      params: { seed: 5, temperature: 3 },
    });
    expect(result.type).toBe('completed');
    const sent = server.requests[0]!;
    expect(sent.headers).toMatchObject({
      'x-tc-action': 'ChatCompletions',
      'x-tc-version': '2023-09-01',
      'x-tc-timestamp': String(T0 / 1000),
      'x-tc-region': 'ap-guangzhou',
      'content-type': 'application/json',
    });
    expect(sent.headers.authorization).toBe(
      tc3Authorization(
        { host: sent.headers.host!, path: '/', contentType: 'application/json', body: sent.rawBody },
        {
          secretId: SECRET_ID,
          secretKey: SECRET_KEY,
          service: 'hunyuan',
          action: 'ChatCompletions',
          timestamp: T0 / 1000,
        },
      ),
    );
    expect(sent.headers.authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDfake0+\/2025-03-04\/hunyuan\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/,
    );
    expect(sent.body).toEqual({
      Model: 'hunyuan-turbo',
      Messages: [{ Role: 'user', Content: '你好' }],
      Stream: false,
      Temperature: 2,
      Seed: 5,
    });
    await model.close();
  });

  it('a wrong secret key is rejected as SignatureFailure and a skewed clock as SignatureExpire — AuthError, secrets kept out', async () => {
    const wrong = make('not-the-secret-key-000000', T0);
    const late = make(SECRET_KEY, T0 + 301_000);
    server.reset();
    const e1 = await wrong.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    const e2 = await late.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(AuthError.isInstance(e1) && [e1.status, e1.vendorCode]).toEqual([200, 'AuthFailure.SignatureFailure']);
    expect(AuthError.isInstance(e2) && e2.vendorCode).toBe('AuthFailure.SignatureExpire');
    expect(JSON.stringify(e1) + (e1 as Error).message).not.toMatch(/not-the-secret|AKIDfake/);
    await Promise.all([wrong.close(), late.close()]);
  });

  it('LimitExceeded is retryable throttling; the unconfirmed input-block code is a target error with the raw body, not a block', async () => {
    const model = make(SECRET_KEY, T0);
    server.reset();
    server.enqueue(
      { kind: 'rate-limit' },
      { kind: 'block', signal: httpVendorSignal('hunyuan-sensitive'), stage: 'input' },
    );
    const limited = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(RateLimitedError.isInstance(limited) && limited.vendorCode).toBe('RequestLimitExceeded');
    const input = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(InvalidRequestError.isInstance(input) && [input.reason, input.vendorCode]).toEqual([
      'other',
      'OperationDenied.TextIllegalDetected',
    ]);
    expect(InvalidRequestError.isInstance(input) && input.body).toContain(
      '"Code":"OperationDenied.TextIllegalDetected"',
    );
    expect((input as Error).message).toMatch(/not a code this template knows; recorded with the raw body/);
    await model.close();
  });
});
