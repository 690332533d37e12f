import { InvalidRequestError, QuotaExhaustedError, RateLimitedError } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { classifyError } from './classify-error.js';
import type { ErrorEvidence } from './classify-error.js';
import { retryAfterMs } from './retry-after.js';

function evidence(
  status: number | undefined,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): ErrorEvidence {
  const body = { type: 'error', error: { type, message }, request_id: 'req_body' };
  return { status, headers: new Headers(headers), body, bodyText: JSON.stringify(body) };
}
const options = { secrets: ['sk-ant-secret-000000'], warnings: [] };
const kindOf = (e: ErrorEvidence) => {
  const outcome = classifyError(e, options);
  return outcome instanceof Error ? (outcome as { kind: string }).kind : `blocked:${outcome.code}`;
};

describe('classifyError', () => {
  it('keeps no fragment of a key cut by the 200-character body excerpt in the message', () => {
    const key = 'gateway-key-0123456789abcdef';
    const bodyText = `<html>${'x'.repeat(185)}${key}</html>`;
    const error = classifyError(
      { status: 502, headers: new Headers(), body: undefined, bodyText },
      { secrets: [key], warnings: [] },
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain(key.slice(0, 9));
  });

  it.each([
    [
      400,
      'invalid_request_error',
      'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      'quota_exhausted',
    ],
    [400, 'invalid_request_error', 'prompt is too long: 215000 tokens > 200000 maximum', 'invalid_request'],
    [
      400,
      'invalid_request_error',
      'input length and `max_tokens` exceed context limit: 198000 + 4096 > 200000, decrease input length or `max_tokens` and try again',
      'invalid_request',
    ],
    [400, 'invalid_request_error', 'Output blocked by content filtering policy', 'blocked:content_filtering_policy'],
    [400, 'invalid_request_error', 'max_tokens: Field required', 'invalid_request'],
    [401, 'authentication_error', 'invalid x-api-key', 'auth'],
    [403, 'permission_error', 'Your API key does not have permission to use the specified resource.', 'auth'],
    [404, 'not_found_error', 'model: claude-nope', 'invalid_request'],
    [413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.', 'invalid_request'],
    [429, 'rate_limit_error', 'slow down', 'rate_limited'],
    [500, 'api_error', 'Internal server error', 'transient'],
    [529, 'overloaded_error', 'Overloaded', 'transient'],
    [undefined, 'overloaded_error', 'Overloaded', 'transient'],
    [undefined, 'api_error', 'Internal server error', 'transient'],
    [undefined, 'rate_limit_error', 'slow down', 'rate_limited'],
    [
      undefined,
      'invalid_request_error',
      'Output blocked by content filtering policy',
      'blocked:content_filtering_policy',
    ],
  ] as const)('%s %s "%s" → %s', (status, type, message, expected) => {
    expect(kindOf(evidence(status, type, message))).toBe(expected);
  });

  it('gives context-length and parameter errors their reason, keeps status, code, request id', () => {
    const context = classifyError(
      evidence(400, 'invalid_request_error', 'prompt is too long: 215000 tokens > 200000 maximum'),
      options,
    );
    expect(InvalidRequestError.isInstance(context) && context.reason).toBe('context_length');
    expect(context).toMatchObject({ status: 400, vendorCode: 'invalid_request_error', requestId: 'req_body' });
    const parameter = classifyError(
      evidence(400, 'invalid_request_error', 'temperature: Input should be less than or equal to 1'),
      options,
    );
    expect(InvalidRequestError.isInstance(parameter) && parameter.reason).toBe('parameter');
    expect(
      QuotaExhaustedError.isInstance(classifyError(evidence(402, 'billing_error', 'Payment required'), options)),
    ).toBe(true);
  });

  it('prefers the request-id header over the body, and redacts the key from message and body', () => {
    const e = evidence(400, 'invalid_request_error', 'key sk-ant-secret-000000 is odd', { 'request-id': 'req_header' });
    const outcome = classifyError(e, options);
    expect(outcome).toMatchObject({ requestId: 'req_header' });
    expect(JSON.stringify(outcome)).not.toContain('sk-ant-secret-000000');
    expect((outcome as Error).message).toContain('[REDACTED]');
  });

  it('keeps the partial text of a content-filter block that interrupted a stream', () => {
    const outcome = classifyError(
      evidence(undefined, 'invalid_request_error', 'Output blocked by content filtering policy'),
      { ...options, partialText: 'half' },
    );
    expect(outcome).toMatchObject({ type: 'blocked', stage: 'output', partialText: 'half' });
  });

  it('reads the wait of a 429 from retry-after-ms, retry-after, then the exhausted bucket reset', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now)).toBe(1500);
    expect(retryAfterMs(new Headers({ 'retry-after': '9' }), now)).toBe(9000);
    expect(
      retryAfterMs(
        new Headers({
          'anthropic-ratelimit-requests-remaining': '0',
          'anthropic-ratelimit-requests-reset': '2030-01-01T00:00:12Z',
          'anthropic-ratelimit-tokens-remaining': '500',
          'anthropic-ratelimit-tokens-reset': '2030-01-01T00:01:00Z',
        }),
        now,
      ),
    ).toBe(12_000);
    expect(retryAfterMs(new Headers({ 'anthropic-ratelimit-tokens-remaining': '5' }), now)).toBeUndefined();
    const limited = classifyError(evidence(429, 'rate_limit_error', 'slow', { 'retry-after': '3' }), options);
    expect(RateLimitedError.isInstance(limited) && limited.retryAfterMs).toBe(3000);
  });
});
