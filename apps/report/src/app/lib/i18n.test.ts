import { describe, expect, it } from 'vitest';
import { MESSAGE_KEYS, dictionaries, langOf, translator } from './i18n.js';

describe('i18n', () => {
  it('defaults to Chinese', () => {
    expect(langOf(undefined)).toBe('zh');
    expect(langOf('fr')).toBe('zh');
    expect(langOf('en')).toBe('en');
  });

  it('has every message in both languages, with the same placeholders', () => {
    for (const key of MESSAGE_KEYS) {
      const zh = dictionaries.zh[key];
      const en = dictionaries.en[key];
      expect(zh, key).not.toBe('');
      expect(en, key).not.toBe('');
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(vars(en), key).toEqual(vars(zh));
    }
  });

  it('fills placeholders', () => {
    expect(translator('en')('results', { n: 3, total: 10 })).toBe('3 of 10 answers');
    expect(translator('zh')('roundN', { n: 2 })).toBe('第2轮');
  });
});
