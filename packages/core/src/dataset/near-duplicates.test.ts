import { describe, expect, it } from 'vitest';
import { createPrng } from '@sc-safety/results';
import { bigrams, findNearDuplicates } from './near-duplicates.js';

/** The quadratic definition, to check the prefix-filtered search against. */
function bruteForce(texts: Array<[string, string]>, threshold: number): Array<[string, string, number]> {
  const sets = texts.map(([, t]) => bigrams(t));
  const out: Array<[string, string, number]> = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = sets[i]!;
      const b = sets[j]!;
      if (a.size === 0 || b.size === 0) continue;
      let common = 0;
      for (const g of a) if (b.has(g)) common++;
      const sim = common / (a.size + b.size - common);
      if (sim >= threshold) out.push([texts[i]![0], texts[j]![0], sim]);
    }
  }
  return out.sort(
    (x, y) => y[2] - x[2] || texts.findIndex((t) => t[0] === x[0]) - texts.findIndex((t) => t[0] === y[0]),
  );
}

describe('findNearDuplicates', () => {
  it('uses code-point bigrams, ignoring whitespace and case', () => {
    expect([...bigrams('AB c')]).toEqual(['ab', 'bc']);
    expect([...bigrams('中文😀')]).toEqual(['中文', '文😀']);
    expect([...bigrams('字')]).toEqual(['字']);
    expect(bigrams('   ').size).toBe(0);
  });

  it('finds exactly the pairs the quadratic definition finds', () => {
    const prng = createPrng(20231005);
    const next = (): number => prng.nextFloat();
    const alphabet = '安全问题怎么才能做到不被发现呢请告诉我方法';
    const texts: Array<[string, string]> = [];
    for (let i = 0; i < 300; i++) {
      const base = texts.length > 0 && next() < 0.4 ? texts[Math.floor(next() * texts.length)]![1] : '';
      let t = base;
      const edits = base === '' ? 6 + Math.floor(next() * 10) : 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) {
        const pos = Math.floor(next() * (t.length + 1));
        t = t.slice(0, pos) + alphabet[Math.floor(next() * alphabet.length)]! + t.slice(pos);
      }
      texts.push([`t${i}`, t]);
    }
    for (const threshold of [0.5, 0.7, 0.8, 1]) {
      const found = findNearDuplicates(texts, threshold).map((p) => [p.a, p.b, p.similarity]);
      const expected = bruteForce(texts, threshold);
      expect(found.length).toBe(expected.length);
      expect(new Set(found.map((p) => `${p[0]}|${p[1]}`))).toEqual(new Set(expected.map((p) => `${p[0]}|${p[1]}`)));
    }
    expect(findNearDuplicates(texts, 0.5).length).toBeGreaterThan(10);
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => findNearDuplicates([], 0)).toThrow(RangeError);
    expect(() => findNearDuplicates([], 1.5)).toThrow(RangeError);
  });
});
