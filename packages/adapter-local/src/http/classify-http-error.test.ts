import { describe, expect, it } from 'vitest';
import { classifyHttpError } from './classify-http-error.js';

describe('classifyHttpError', () => {
  it('keeps no fragment of a key cut by the 200-character body excerpt in the message', () => {
    const key = 'proxy-key-0123456789abcdef';
    const bodyText = `<html>${'x'.repeat(185)}${key}</html>`;
    const error = classifyHttpError(
      { status: 502, bodyText },
      { label: 'vLLM at http://127.0.0.1:8000', secrets: [key], hints: { contextLength: () => 'too long' } },
    );
    expect(error.message).not.toContain(key.slice(0, 9));
    expect(error.body).not.toContain(key);
  });
});
