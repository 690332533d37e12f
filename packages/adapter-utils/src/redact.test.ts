import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretName, redactBody, redactHeaders, redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('replaces explicitly given secret values everywhere', () => {
    const out = redactSecrets('key=abcd1234 and again abcd1234.', ['abcd1234']);
    expect(out).not.toContain('abcd1234');
    expect(out.split(REDACTED)).toHaveLength(3);
  });

  it('ignores empty and very short explicit secrets instead of shredding the text', () => {
    expect(redactSecrets('a cat sat', ['', 'a', undefined])).toBe('a cat sat');
  });

  it('redacts bearer tokens and keeps the scheme', () => {
    expect(redactSecrets('sent Bearer abc.def-123 to host')).toBe(`sent Bearer ${REDACTED} to host`);
  });

  it('redacts OpenAI and Anthropic key shapes but not words containing "sk-"', () => {
    expect(redactSecrets('key sk-proj-AbCdEf0123456789 used')).toBe(`key ${REDACTED} used`);
    expect(redactSecrets('key sk-ant-api03-AbCdEf0123456789_x used')).toBe(`key ${REDACTED} used`);
    expect(redactSecrets('a task-list and a disk-01')).toBe('a task-list and a disk-01');
  });

  it('redacts Baidu bce-v3 keys and JWTs', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJhcGlfa2V5IjoiaWQifQ.c2lnbmF0dXJl';
    expect(redactSecrets('bce-v3/ALTAK-abc123/def456 ok')).toBe(`${REDACTED} ok`);
    expect(redactSecrets(`token ${jwt} end`)).toBe(`token ${REDACTED} end`);
  });

  it('redacts credential query parameters and URL passwords', () => {
    const url =
      'https://aip.baidubce.com/oauth/2.0/token?grant_type=client_credentials&client_id=AK&client_secret=SK123&access_token=tok456';
    const out = redactSecrets(url);
    expect(out).toContain('grant_type=client_credentials');
    expect(out).toContain('client_id=AK');
    expect(out).toContain(`client_secret=${REDACTED}`);
    expect(out).toContain(`access_token=${REDACTED}`);
    expect(out).not.toMatch(/SK123|tok456/);
    expect(redactSecrets('GET /x?api_key=zzz9&model=m')).toBe(`GET /x?api_key=${REDACTED}&model=m`);
    expect(redactSecrets('https://user:hunter22@proxy.local/v1')).toBe(`https://user:${REDACTED}@proxy.local/v1`);
  });

  it('redacts the signed authorization query parameter of a Spark WebSocket URL', () => {
    const signed = Buffer.from('api_key="k", algorithm="hmac-sha256", signature="c2ln"').toString('base64');
    const url = `wss://spark-api.xf-yun.com/v3.5/chat?authorization=${signed}&date=Mon&host=spark-api.xf-yun.com`;
    const out = redactSecrets(url);
    expect(out).toBe(
      `wss://spark-api.xf-yun.com/v3.5/chat?authorization=${REDACTED}&date=Mon&host=spark-api.xf-yun.com`,
    );
  });

  it('redacts JSON fields named like credentials, but not token counts', () => {
    const body = JSON.stringify({
      api_key: 'k-1',
      apiKey: 'k-2',
      Authorization: 'Token t-3',
      client_secret: 's-4',
      signature: 'sig-5',
      password: 'pw-6',
      keyword: 'kept',
      max_tokens: 100,
      usage: { total_tokens: 5 },
      model: 'gpt',
    });
    const out = redactSecrets(body);
    for (const leaked of ['k-1', 'k-2', 't-3', 's-4', 'sig-5', 'pw-6']) expect(out).not.toContain(leaked);
    expect(JSON.parse(out)).toMatchObject({
      keyword: 'kept',
      max_tokens: 100,
      usage: { total_tokens: 5 },
      model: 'gpt',
    });
  });

  it('redacts credential fields inside JSON that was itself stored as a JSON string', () => {
    const inner = JSON.stringify({ access_token: 'inner-secret-1', ok: true });
    const out = redactSecrets(JSON.stringify({ raw: inner }));
    expect(out).not.toContain('inner-secret-1');
    expect(JSON.parse(JSON.parse(out).raw)).toEqual({ access_token: REDACTED, ok: true });
  });

  it('redacts header lines in free text', () => {
    expect(redactSecrets('x-api-key: abcdef\nother: fine')).toBe(`x-api-key: ${REDACTED}\nother: fine`);
  });
});

describe('isSecretName', () => {
  // Credentials first, then counters and ordinary names that merely contain "key" or "token".
  it.each([
    ['api_key', true],
    ['apiKey', true],
    ['x-api-key', true],
    ['access_token', true],
    ['secret', true],
    ['secretKey', true],
    ['Authorization', true],
    ['password', true],
    ['signature', true],
    ['max_tokens', false],
    ['prompt_tokens', false],
    ['keyword', false],
    ['model', false],
    ['monkey_business', false],
    ['id', false],
  ])('%s is a credential name: %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });
});

describe('redactHeaders', () => {
  it('masks credential headers and keeps evidence headers', () => {
    const out = redactHeaders({
      Authorization: 'Bearer sk-live-1234567890',
      'x-api-key': 'k',
      'api-key': 'azure',
      Cookie: 'session=1',
      'X-TC-Token': 'temp-cred',
      'X-TC-Timestamp': '1700000000',
      'x-request-id': 'req_1',
      'x-ratelimit-remaining-tokens': '999',
      'content-type': 'application/json',
      unset: undefined,
    });
    expect(out).toEqual({
      Authorization: REDACTED,
      'x-api-key': REDACTED,
      'api-key': REDACTED,
      Cookie: REDACTED,
      'X-TC-Token': REDACTED,
      'X-TC-Timestamp': '1700000000',
      'x-request-id': 'req_1',
      'x-ratelimit-remaining-tokens': '999',
      'content-type': 'application/json',
    });
  });

  it('accepts a Headers object', () => {
    const out = redactHeaders(new Headers({ authorization: 'Bearer x', 'x-request-id': 'r' }));
    expect(out).toEqual({ authorization: REDACTED, 'x-request-id': 'r' });
  });
});

describe('redactBody', () => {
  it('serializes objects, redacts and keeps short bodies whole', () => {
    expect(redactBody({ error: { message: 'bad key sk-abcdefgh12345' } })).toBe(
      `{"error":{"message":"bad key ${REDACTED}"}}`,
    );
    expect(redactBody('plain MYSECRETVALUE', ['MYSECRETVALUE'])).toBe(`plain ${REDACTED}`);
    expect(redactBody(undefined)).toBe('');
    expect(redactBody(new TextEncoder().encode('bytes'))).toBe('bytes');
  });

  it('truncates long bodies with a note giving the full size', () => {
    const out = redactBody('x'.repeat(5000));
    expect(out.startsWith('x'.repeat(4096))).toBe(true);
    expect(out).toContain('[truncated: 5000 characters in total]');
    expect(redactBody('abcdef', [], { maxLength: 3 })).toBe('abc… [truncated: 6 characters in total]');
  });

  it('redacts before truncating so a secret on the cut cannot half-survive', () => {
    const secret = 'S'.repeat(40);
    const out = redactBody(`${'a'.repeat(20)}${secret}`, [secret], { maxLength: 30 });
    expect(out).not.toContain('SSSS');
  });

  it('survives circular structures', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(redactBody(loop)).toBe('[object Object]');
  });
});
