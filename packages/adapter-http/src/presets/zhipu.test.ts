import { createZhipuFakeServer, httpVendorSignal, verifyZhipuJwt } from '@sc-safety/testkit';
import type { FakeServerBase } from '@sc-safety/testkit';
import { AuthError } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { signZhipuJwt } from '../auth/zhipu-jwt.js';
import { presetModel } from '../__fixtures__/preset-model.js';
import { serveForSuite } from '../__fixtures__/serve-for-suite.js';
import { describePresetConformance } from '../__fixtures__/describe-preset-conformance.js';

const KEY = 'conformanceid.sk-conformance-0123456789abcdefSECRET';

describePresetConformance('zhipu', 'glm-4-plus', (stream) => ({
  name: `http preset zhipu (JWT, ${stream ? 'SSE' : 'whole body'})`,
  createServer: () => createZhipuFakeServer({ apiKey: KEY, acceptRawKey: false }),
  apiKey: KEY,
  supports: { streaming: stream, seed: false, systemRole: 'native', servedModel: true },
  // The key never travels: only a JWT signed with it does (checked below instead).
  skip: ['no-key-in-results'],
  blocks: [
    { signal: httpVendorSignal('zhipu-1301'), stage: 'input', expectCode: '1301' },
    {
      signal: httpVendorSignal('zhipu-1301'),
      stage: 'output',
      expectCode: stream ? 'sensitive' : '1301',
      expectPartialText: stream,
    },
  ],
}));

describe('zhipu-jwt auth plugin', () => {
  const T0 = Date.UTC(2025, 0, 1, 8, 0, 0);

  it('signs HS256 with sign_type SIGN and millisecond timestamps', () => {
    const token = signZhipuJwt('myid.mysecret', T0, 60_000);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as unknown);
    expect(header).toEqual({ alg: 'HS256', sign_type: 'SIGN' });
    expect(payload).toEqual({ api_key: 'myid', exp: T0 + 60_000, timestamp: T0 });
    expect(verifyZhipuJwt(token, 'myid.mysecret', T0 + 59_999)).toBeUndefined();
    expect(verifyZhipuJwt(token, 'myid.othersecret', T0)?.code).toBe('1000');
    expect(verifyZhipuJwt(token, 'myid.mysecret', T0 + 60_000)?.code).toBe('1003');
  });

  describe('against the fake server with a fixed clock', () => {
    let server: FakeServerBase;
    serveForSuite(
      async () => (server = await createZhipuFakeServer({ apiKey: KEY, now: () => T0, acceptRawKey: false })),
    );

    it('a token from the same clock is accepted; the key and secret never appear in the result', async () => {
      const model = presetModel('zhipu', 'glm-4-plus', { baseURL: server.url, apiKey: KEY }, { now: () => T0 });
      server.reset();
      const result = await model.generate({ messages: [{ role: 'user', content: 'hi' }] });
      expect(result.type).toBe('completed');
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${signZhipuJwt(KEY, T0)}`);
      expect(JSON.stringify(result)).not.toContain('sk-conformance');
      await model.close();
    });

    it('a wrong secret is refused as the service would (1000), an expired token with 1003 — both AuthError without the key', async () => {
      const wrong = presetModel(
        'zhipu',
        'glm-4-plus',
        { baseURL: server.url, apiKey: 'conformanceid.not-the-secret-123' },
        { now: () => T0 },
      );
      const stale = presetModel(
        'zhipu',
        'glm-4-plus',
        { baseURL: server.url, apiKey: KEY },
        { now: () => T0 - 3_600_000 - 1 },
      );
      server.reset();
      const e1 = await wrong.generate({ messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
      const e2 = await stale.generate({ messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
      expect(AuthError.isInstance(e1) && e1.vendorCode).toBe('1000');
      expect(AuthError.isInstance(e2) && e2.vendorCode).toBe('1003');
      expect(JSON.stringify(e1) + String((e1 as Error).message)).not.toContain('not-the-secret');
      await Promise.all([wrong.close(), stale.close()]);
    });

    it('refuses a key that is not id.secret before any call', () => {
      expect(() => presetModel('zhipu', 'glm-4-plus', { apiKey: 'no-dot-key' })).toThrow(/"<id>\.<secret>"/);
    });

    it('records level and role with a 1301 block', async () => {
      const model = presetModel('zhipu', 'glm-4-plus', { baseURL: server.url, apiKey: KEY }, { now: () => T0 });
      server.reset();
      server.enqueue({ kind: 'block', signal: httpVendorSignal('zhipu-1301'), stage: 'input', severity: 0 });
      expect(await model.generate({ messages: [{ role: 'user', content: 'x' }] })).toMatchObject({
        type: 'blocked',
        stage: 'input',
        details: { level: 0, role: 'user' },
      });
      await model.close();
    });
  });
});
