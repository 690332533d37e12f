import { describe, expect, it } from 'vitest';
import { REDACTED } from './redact.js';
import { redactJson } from './redact-json.js';

const KEY = 'sk-live-0123456789abcdef';

describe('redactJson', () => {
  it('redacts secrets in string values and names at any depth, keeping the structure', () => {
    const body = {
      id: 'x',
      echo: { sent: `Bearer ${KEY}`, list: ['ok', `key=${KEY}`], [KEY]: 1 },
      n: 2,
      ok: true,
      nil: null,
    };
    const out = redactJson(body, [KEY]) as typeof body;
    expect(JSON.stringify(out)).not.toContain(KEY);
    expect(out.id).toBe('x');
    expect(out.n).toBe(2);
    expect(out.echo.list[0]).toBe('ok');
    expect(Object.keys(out.echo)).toHaveLength(3);
  });

  it('replaces credential-named string fields whole unless told not to', () => {
    expect(redactJson({ access_token: 'opaque-short', api_key: '' }, [])).toEqual({
      access_token: REDACTED,
      api_key: '',
    });
    expect(redactJson({ access_token: 'opaque-short' }, [], { secretFields: false })).toEqual({
      access_token: 'opaque-short',
    });
  });

  it('returns the very input when there is nothing to redact, and caps pathological nesting', () => {
    const body = { a: [{ b: 'plain' }], c: 1 };
    expect(redactJson(body, [KEY])).toBe(body);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(JSON.stringify(redactJson(deep, [KEY]))).toContain(REDACTED);
  });
});
