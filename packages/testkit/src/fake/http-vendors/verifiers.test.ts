import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyTc3 } from './hunyuan/verify-tc3.js';
import { verifySignedUrl } from './spark/create-spark-fake-server.js';
import { verifyZhipuJwt } from './zhipu/verify-zhipu-jwt.js';

// Signatures are built here from the documented recipes (docs/vendor-apis.md §6, §8a, §11a), not
// with adapter code, so the verifiers are checked independently of the clients they test.
const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');
const hex = (v: string) => createHash('sha256').update(v).digest('hex');

describe('http-vendor fake verifiers', () => {
  it('zhipu JWT: good, tampered payload, seconds instead of milliseconds', () => {
    const now = 1_735_689_600_000;
    const make = (payload: object) => {
      const h = b64url(JSON.stringify({ alg: 'HS256', sign_type: 'SIGN' }));
      const p = b64url(JSON.stringify(payload));
      return `${h}.${p}.${b64url(createHmac('sha256', 's3cret').update(`${h}.${p}`).digest())}`;
    };
    const good = make({ api_key: 'id', exp: now + 1000, timestamp: now });
    expect(verifyZhipuJwt(good, 'id.s3cret', now)).toBeUndefined();
    const [h, , s] = good.split('.');
    expect(
      verifyZhipuJwt(
        `${h}.${b64url(JSON.stringify({ api_key: 'id', exp: now + 9e9, timestamp: now }))}.${s}`,
        'id.s3cret',
        now,
      )?.code,
    ).toBe('1000');
    expect(
      verifyZhipuJwt(
        make({ api_key: 'id', exp: Math.floor(now / 1000) + 3600, timestamp: Math.floor(now / 1000) }),
        'id.s3cret',
        now,
      )?.code,
    ).toBe('1003');
    expect(verifyZhipuJwt('not-a-jwt', 'id.s3cret', now)?.code).toBe('1002');
  });

  it('TC3: the documented recipe verifies; one changed body byte or a 301 s skew does not', () => {
    const ts = 1_551_113_065;
    const body = '{"Limit": 1}';
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      host: 'hunyuan.tencentcloudapi.com',
      'x-tc-action': 'ChatCompletions',
      'x-tc-timestamp': String(ts),
    };
    const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:hunyuan.tencentcloudapi.com\nx-tc-action:chatcompletions\n\ncontent-type;host;x-tc-action\n${hex(body)}`;
    const sts = `TC3-HMAC-SHA256\n${ts}\n2019-02-25/hunyuan/tc3_request\n${hex(canonical)}`;
    const k = ['2019-02-25', 'hunyuan', 'tc3_request'].reduce<string | Buffer>(
      (key, part) => createHmac('sha256', key).update(part).digest(),
      'TC3key',
    );
    const signature = createHmac('sha256', k).update(sts).digest('hex');
    const authorization = `TC3-HMAC-SHA256 Credential=AKID/2019-02-25/hunyuan/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${signature}`;
    const input = {
      method: 'POST',
      path: '/',
      query: '',
      headers: { ...headers, authorization },
      rawBody: body,
      keys: { AKID: 'key' },
      nowSeconds: ts,
    };
    expect(verifyTc3(input)).toBeUndefined();
    expect(verifyTc3({ ...input, rawBody: '{"Limit": 2}' })?.code).toBe('AuthFailure.SignatureFailure');
    expect(verifyTc3({ ...input, nowSeconds: ts + 301 })?.code).toBe('AuthFailure.SignatureExpire');
    expect(verifyTc3({ ...input, keys: { OTHER: 'key' } })?.code).toBe('AuthFailure.SecretIdNotFound');
  });

  it('Spark signed URL: good, wrong path signed, stale date', () => {
    const now = Date.UTC(2025, 0, 1);
    const sign = (path: string, dateMs: number) => {
      const date = new Date(dateMs).toUTCString();
      const sig = createHmac('sha256', 'sec').update(`host: h:1\ndate: ${date}\nGET ${path} HTTP/1.1`).digest('base64');
      const auth = Buffer.from(
        `api_key="k", algorithm="hmac-sha256", headers="host date request-line", signature="${sig}"`,
      ).toString('base64');
      return new URL(
        `ws://h:1/v4.0/chat?authorization=${encodeURIComponent(auth)}&date=${encodeURIComponent(date)}&host=h:1`,
      );
    };
    expect(verifySignedUrl(sign('/v4.0/chat', now), 'h:1', { apiKey: 'k', apiSecret: 'sec' }, now)).toBeUndefined();
    expect(verifySignedUrl(sign('/v3.5/chat', now), 'h:1', { apiKey: 'k', apiSecret: 'sec' }, now)?.status).toBe(401);
    expect(
      verifySignedUrl(sign('/v4.0/chat', now - 301_000), 'h:1', { apiKey: 'k', apiSecret: 'sec' }, now)?.status,
    ).toBe(403);
  });
});
