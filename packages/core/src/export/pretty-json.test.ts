import { describe, expect, it } from 'vitest';
import { prettyJson } from './pretty-json.js';

const sample = {
  a: 1,
  b: [1, 'two', null, undefined, { c: true, d: [] }, []],
  e: {},
  f: undefined,
  g: () => 1,
  h: new Date(0),
  i: -0,
  j: 1e21,
  k: 'line\nbreak "quoted" \\ \u2028 \ud800',
  nested: { deeper: { deepest: [{ x: 0.1 }] } },
  '"odd key"': 'v',
};

describe('prettyJson', () => {
  it('writes what JSON.stringify(value, null, 2) writes', () => {
    expect(prettyJson(sample)).toBe(JSON.stringify(sample, null, 2));
    for (const value of [null, 0, 'x', [], {}, [[]], [{}], { a: [] }, true])
      expect(prettyJson(value)).toBe(JSON.stringify(value, null, 2));
    expect(prettyJson(undefined)).toBeUndefined();
  });

  it('indents every line after the first by the depth it is written at', () => {
    expect(prettyJson(sample, 2)).toBe(JSON.stringify(sample, null, 2).replace(/\n/g, '\n    '));
  });

  it('escapes DEL and C1 controls, in values and keys, to the same text once parsed', () => {
    const value = { 'k\u009b': 'a\u007fb\u0085c' };
    const json = prettyJson(value)!;
    expect(json).toBe('{\n  "k\\u009b": "a\\u007fb\\u0085c"\n}');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('refuses a number JSON cannot carry, naming its field', () => {
    expect(() => prettyJson({ a: { latencyMs: Number.NaN } })).toThrow(/non-finite number at "latencyMs"/);
    expect(() => prettyJson([1, Number.POSITIVE_INFINITY])).toThrow(/non-finite number at "1"/);
  });
});
