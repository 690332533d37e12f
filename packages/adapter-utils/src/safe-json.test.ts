import { InvalidResponseError } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { parseJsonOrThrow, safeParseJson } from './safe-json.js';

describe('safeParseJson', () => {
  it('parses valid JSON, tolerating a byte-order mark', () => {
    expect(safeParseJson('{"a":1}')).toEqual({ success: true, value: { a: 1 } });
    expect(safeParseJson('\uFEFF[1,2]')).toEqual({ success: true, value: [1, 2] });
  });

  it('reports an empty body', () => {
    const r = safeParseJson('  \n', { context: 'Acme response' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.message).toBe('Acme response: empty body');
  });

  it('recognises an HTML error page', () => {
    const r = safeParseJson('<html><body>502 Bad Gateway</body></html>');
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.message).toBe('HTML instead of JSON (starts with <html>)');
    expect(r.error.snippet).toContain('502 Bad Gateway');
    const doctype = safeParseJson('<!DOCTYPE html><html></html>');
    expect(!doctype.success && doctype.error.message).toBe('HTML instead of JSON (starts with <!DOCTYPE>)');
  });

  it('reports a truncated body with the position of the end', () => {
    const text = '{"id":"chatcmpl-1","choices":[{"message":{"content":"hi"';
    const r = safeParseJson(text);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.message.startsWith('Unexpected end of JSON input')).toBe(true);
    expect(r.error.message.endsWith(` at position ${text.length}`)).toBe(true);
    expect(r.error.position).toBe(text.length);
    expect(r.error.snippet).toBe(text);
  });

  it('names the end of input when the body stops mid-value', () => {
    const r = safeParseJson('{"a":');
    expect(!r.success && r.error.message).toBe('Unexpected end of JSON input at position 5');
  });

  it('describes a syntax error without quoting the whole input', () => {
    const text = `{"a": 1, "secret_note": "${'x'.repeat(300)}", }`;
    const r = safeParseJson(text);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.message).not.toContain('xxxxxxxxxx');
    expect(r.error.message).toMatch(/at position \d+$/);
    expect(r.error.position).toBeGreaterThan(300);
    // The snippet is a window near the failure, with ellipses marking the cut.
    expect(r.error.snippet.length).toBeLessThanOrEqual(202);
    expect(r.error.snippet.startsWith('…')).toBe(true);
    expect(r.error.snippet).toContain('}');
  });

  it('redacts secrets in the snippet', () => {
    const r = safeParseJson('{"api_key":"sk-abcdefghijklmnop", oops}', { secrets: ['unused-1'] });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.snippet).not.toContain('abcdefghijklmnop');
  });
});

describe('parseJsonOrThrow', () => {
  it('returns the value', () => {
    expect(parseJsonOrThrow<{ ok: boolean }>('{"ok":true}').ok).toBe(true);
  });

  it('throws InvalidResponseError carrying the diagnostic, status and a redacted body', () => {
    let caught: unknown;
    try {
      parseJsonOrThrow('{"token":"tok-very-secret", bad', {
        context: 'Acme response',
        status: 200,
        requestId: 'req-1',
      });
    } catch (e) {
      caught = e;
    }
    expect(InvalidResponseError.isInstance(caught)).toBe(true);
    const error = caught as InvalidResponseError;
    expect(error.message).toMatch(/^Invalid JSON: Acme response: .+ at position \d+\. Body: /);
    expect(error.status).toBe(200);
    expect(error.requestId).toBe('req-1');
    expect(error.body).toContain('"token":"[REDACTED]"');
    expect(`${error.message}${error.body}`).not.toContain('tok-very-secret');
  });
});
