import { describe, expect, it } from 'vitest';
import { SecretScanner } from '../export/secrets-guard.js';
import { findSecret } from '../store/secrets.js';
import { redactSecrets, REDACTED } from './secret-fields.js';
import { secretForms } from './secret-forms.js';

const KEY = 'sk-E2E+key/with=sym"bols 9f';

/** The ways a vendor or proxy has been seen to echo a key back. */
function echoes(key: string): Record<string, string> {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return {
    raw: `bad key ${key}`,
    json: JSON.stringify({ error: `bad key ${key}` }),
    csv: `"bad key ${key.replace(/"/g, '""')}"`,
    urlComponent: `https://proxy/x?key=${encodeURIComponent(key)}&y=1`,
    urlLowerHex: `key=${encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}`,
    urlPlusKept: `key=${encodeURI(key)}`,
    formEncoded: new URLSearchParams({ key }).toString(),
    base64At0: `token ${b64(key)}`,
    base64At1: `Basic ${b64(`u:${key}`)}`,
    base64At2: `Basic ${b64(`us:${key}`)}`,
    base64InJson: JSON.stringify({ auth: b64(`user:${key}`) }),
    base64url: `t=${b64(`xy${key}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`,
    hex: `digest ${Buffer.from(key).toString('hex')}`,
    HEX: `DIGEST ${Buffer.from(key).toString('hex').toUpperCase()}`,
  };
}

describe('secret forms: one rule for redaction, the export guard and the store guard', () => {
  for (const [name, text] of Object.entries(echoes(KEY))) {
    it(`finds and redacts a key echoed ${name}`, () => {
      expect(findSecret(text, [KEY])).toEqual({ index: 0 });
      expect(() => new SecretScanner('answers.csv', [KEY]).check(text)).toThrow(/refusing to write answers\.csv/);
      const redacted = redactSecrets(text, [KEY]);
      expect(redacted).toContain(REDACTED);
      for (const form of secretForms(KEY)) expect(redacted).not.toContain(form);
    });
  }

  it('leaves ordinary text, and short secrets, alone', () => {
    const text = 'the model answered: 我不能帮助你做这件事。 base64 of nothing: aGVsbG8gd29ybGQ=';
    expect(findSecret(text, [KEY, 'abc'])).toBeUndefined();
    expect(redactSecrets(text, [KEY, 'abc'])).toBe(text);
    expect(secretForms('abc')).toEqual([]);
  });
});
