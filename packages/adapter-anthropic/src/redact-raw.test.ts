import { describe, expect, it } from 'vitest';
import { redactRaw } from './redact-raw.js';

const KEY = 'sk-ant-api03-unit-test-key-0123456789';

describe('redactRaw', () => {
  it('redacts the key in every string value and property name, keeping the structure', () => {
    const body = {
      id: 'msg_1',
      content: [
        { type: 'text', text: 'ok' },
        { type: 'text', text: `echo ${KEY}` },
      ],
      usage: { input_tokens: 3, output_tokens: 1 },
      stop_reason: null,
      flags: [true, 2, null],
      nested: { deeper: { headers: [`x-api-key: ${KEY}`], [KEY]: 'seen' } },
    };
    expect(redactRaw(body, [KEY])).toEqual({
      id: 'msg_1',
      content: [
        { type: 'text', text: 'ok' },
        { type: 'text', text: 'echo [REDACTED]' },
      ],
      usage: { input_tokens: 3, output_tokens: 1 },
      stop_reason: null,
      flags: [true, 2, null],
      nested: { deeper: { headers: ['x-api-key: [REDACTED]'], '[REDACTED]': 'seen' } },
    });
  });

  it('redacts a given secret that has no known shape', () => {
    expect(redactRaw({ note: 'token plain-secret-value here' }, ['plain-secret-value'])).toEqual({
      note: 'token [REDACTED] here',
    });
  });

  it('leaves the input untouched and shares the parts with nothing to redact', () => {
    const clean = { usage: { input_tokens: 1 }, content: [{ type: 'text', text: 'fine' }] };
    const body = { ...clean, echo: { key: KEY } };
    const before = JSON.stringify(body);
    const out = redactRaw(body, [KEY]) as typeof body;
    expect(JSON.stringify(body)).toBe(before);
    expect(out).not.toBe(body);
    expect(out.usage).toBe(body.usage);
    expect(out.content).toBe(body.content);
    expect(out.echo).toEqual({ key: '[REDACTED]' });
    expect(redactRaw(clean, [KEY])).toBe(clean);
  });

  it('passes scalars through and redacts a bare string', () => {
    expect(redactRaw(undefined, [KEY])).toBeUndefined();
    expect(redactRaw(42, [KEY])).toBe(42);
    expect(redactRaw(`a ${KEY} b`, [KEY])).toBe('a [REDACTED] b');
  });

  it('cuts off pathological nesting instead of recursing without end', () => {
    let deep: unknown = KEY;
    for (let i = 0; i < 200; i++) deep = { next: deep };
    expect(JSON.stringify(redactRaw(deep, [KEY]))).not.toContain(KEY);
  });
});
