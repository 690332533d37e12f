import { describe, expect, it } from 'vitest';
import { locateJsonError } from './locate-json-error.js';

describe('locateJsonError', () => {
  it('accepts valid JSON', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\n\\u00e9", true, false, null, {"a": []}] ', '"x"', '0']) {
      expect(locateJsonError(text), text).toBeUndefined();
    }
  });

  it('points at the first bad character', () => {
    const cases: [string, number][] = [
      ['[ , ]', 2],
      ['{"a": 1,}', 8],
      ["{'a': 1}", 1],
      ['{"a" 1}', 5],
      ['[1 2]', 3],
      ['{"a": tru}', 9],
      ['"bad \\x escape"', 6],
      ['[01]', 2],
      ['{} extra', 3],
      ['{"a": [1, 2', 11],
      ['"line\nbreak"', 5],
    ];
    for (const [text, offset] of cases) expect(locateJsonError(text), text).toBe(offset);
  });
});
