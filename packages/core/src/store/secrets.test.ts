import { describe, expect, it } from 'vitest';
import { assertNoSecrets, findSecret } from './secrets.js';

describe('assertNoSecrets', () => {
  const secrets = ['sk-abc123456789', 'p"ss\\word'];

  it('passes clean text', () => {
    expect(() => assertNoSecrets(JSON.stringify({ text: 'hello', model: 'gpt' }), secrets)).not.toThrow();
  });

  it('throws when a secret appears, without echoing it', () => {
    const json = JSON.stringify({ raw: { error: 'bad key sk-abc123456789' } });
    expect(() => assertNoSecrets(json, secrets)).toThrow(/secret #1 of 2/);
    try {
      assertNoSecrets(json, secrets);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('sk-abc');
    }
  });

  it('finds a secret in its JSON-escaped form', () => {
    const json = JSON.stringify({ header: 'p"ss\\word' });
    expect(json).not.toContain('p"ss\\word');
    expect(findSecret(json, secrets)).toEqual({ index: 1 });
  });

  it('ignores empty and very short secrets', () => {
    expect(() => assertNoSecrets('{"a":"abc"}', ['', 'abc'])).not.toThrow();
  });
});
