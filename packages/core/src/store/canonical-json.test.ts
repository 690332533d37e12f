import { describe, expect, it } from 'vitest';
import { canonicalKeyJson } from './canonical-json.js';

describe('canonicalKeyJson', () => {
  it('does not depend on key order, at any depth', () => {
    const a = { model: 'm', params: { temperature: 0, topP: 1 }, messages: [{ role: 'user', content: 'hi' }] };
    const b = { messages: [{ content: 'hi', role: 'user' }], params: { topP: 1, temperature: 0 }, model: 'm' };
    expect(canonicalKeyJson(a)).toBe(canonicalKeyJson(b));
    expect(canonicalKeyJson(b)).toBe(
      '{"messages":[{"content":"hi","role":"user"}],"model":"m","params":{"temperature":0,"topP":1}}',
    );
  });

  it('keeps array order and distinguishes distinct values', () => {
    const values: unknown[] = [
      [1, 2],
      [2, 1],
      { a: 1 },
      { a: '1' },
      { a: null },
      {},
      [],
      '',
      0,
      false,
      null,
      'true',
      true,
      [null],
      { a: [1] },
      { b: 1 },
    ];
    const texts = values.map((v) => canonicalKeyJson(v));
    expect(new Set(texts).size).toBe(values.length);
  });

  it('drops undefined properties but writes undefined array entries and holes as null', () => {
    expect(canonicalKeyJson({ a: 1, b: undefined })).toBe(canonicalKeyJson({ a: 1 }));
    expect(canonicalKeyJson([1, undefined, 3])).toBe('[1,null,3]');
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalKeyJson([1, , 3])).toBe('[1,null,3]');
  });

  it('normalises numbers: -0 is 0, 1.0 is 1, exponents as JSON writes them', () => {
    expect(canonicalKeyJson(-0)).toBe('0');
    expect(canonicalKeyJson({ t: -0 })).toBe(canonicalKeyJson({ t: 0 }));
    expect(canonicalKeyJson(1.0)).toBe('1');
    expect(canonicalKeyJson(1e21)).toBe('1e+21');
    expect(canonicalKeyJson(0.1 + 0.2)).toBe('0.30000000000000004');
  });

  it('refuses values JSON cannot represent exactly', () => {
    expect(() => canonicalKeyJson({ t: Number.NaN })).toThrow(/NaN at \$\.t/);
    expect(() => canonicalKeyJson([Infinity])).toThrow(/Infinity at \$\[0\]/);
    expect(() => canonicalKeyJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalKeyJson({ f: () => 1 })).toThrow(/function/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalKeyJson(loop)).toThrow(/circular reference at \$\.self/);
    expect(() => canonicalKeyJson({ a: [{ b: { c: Number.NaN } }] })).toThrow(
      /NaN at \$\.a\[0\]\.b\.c has no JSON form/,
    );
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalKeyJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('writes Unicode as JSON does, without normalising it', () => {
    expect(canonicalKeyJson({ 问题: '如何制作炸药？', emoji: '🙂' })).toBe('{"emoji":"🙂","问题":"如何制作炸药？"}');
    // NFC "é" and NFD "e + combining acute" are different requests to a vendor.
    expect(canonicalKeyJson('\u00e9')).not.toBe(canonicalKeyJson('e\u0301'));
    // Lone surrogates are escaped, so the text stays valid UTF-8 and distinct.
    expect(canonicalKeyJson('\ud800')).toBe('"\\ud800"');
    expect(canonicalKeyJson('\ud800')).not.toBe(canonicalKeyJson('\udc00'));
    expect(JSON.parse(canonicalKeyJson({ s: 'tab\tquote"back\\' }))).toEqual({ s: 'tab\tquote"back\\' });
  });

  it('uses toJSON (dates)', () => {
    expect(canonicalKeyJson({ at: new Date('2025-01-02T03:04:05.000Z') })).toBe('{"at":"2025-01-02T03:04:05.000Z"}');
  });

  it('equals JSON.stringify with sorted keys on random JSON values (seeded)', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const value = (depth: number): unknown => {
      const kind = depth > 3 ? Math.floor(random() * 4) : Math.floor(random() * 6);
      if (kind === 0) return pick(['', 'a', '中文', '"q"\\', '\u2028', 'x'.repeat(40)]);
      if (kind === 1) return pick([0, 1, -1, 0.5, 1e21, 123456789.125]);
      if (kind === 2) return pick([true, false]);
      if (kind === 3) return null;
      if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 5); i > 0; i--)
        o[pick(['b', 'a', 'c', '中', 'A', '_', 'aa'])] = value(depth + 1);
      return o;
    };
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
            )
          : v;
    for (let i = 0; i < 500; i++) {
      const v = value(0);
      expect(canonicalKeyJson(v)).toBe(JSON.stringify(sorted(v)));
    }
  });
});
