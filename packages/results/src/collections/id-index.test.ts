import { describe, expect, it } from 'vitest';
import { IdIndex } from './id-index.js';

describe('IdIndex', () => {
  it('numbers ids in the order they are added and finds each one again', () => {
    const index = new IdIndex();
    expect(index.add('b')).toBe(0);
    expect(index.add('a')).toBe(1);
    expect(index.add('b')).toBe(0);
    expect(index.size).toBe(2);
    expect([index.get('a'), index.get('b'), index.get('c'), index.get('')]).toEqual([1, 0, undefined, undefined]);
    expect(index.ids()).toEqual(['b', 'a']);
    expect(() => index.idAt(2)).toThrow(RangeError);
  });

  it('agrees with a Map over 100,000 ids of every kind, through growth and a switch to wide characters', () => {
    const index = new IdIndex();
    const map = new Map<string, number>();
    const added: string[] = [];
    // Short and long, ASCII then Latin-1, CJK, astral and a lone surrogate; prefixes of one another
    // and ids that differ only in their last character.
    const shapes = [
      (i: number) => `item-${i}`,
      (i: number) => `item-${i}x`,
      (i: number) => `é${i}`,
      (i: number) => String(i),
      (i: number) => `长的标识-${i}`,
      (i: number) => `😀${i}\ud800`,
    ];
    for (let i = 0; i < 100_000; i++) {
      // ASCII only for the first half, so the characters start one byte each.
      // Now and then one longer than the 4,096 characters `idAt` decodes in one call.
      const id = i % 5000 === 1 ? 'x'.repeat(9000) + i : shapes[i < 50_000 ? i % 2 : i % shapes.length]!(i);
      const expected = map.get(id) ?? map.size;
      if (!map.has(id)) map.set(id, expected);
      const got = index.add(id);
      if (got !== expected) expect(got).toBe(expected);
      added.push(id);
      // An id added before keeps its number.
      if (i % 997 === 0) expect(index.add(added[i >> 1]!)).toBe(map.get(added[i >> 1]!));
    }
    expect(index.size).toBe(map.size);
    const wrong = [...map].filter(([id, i]) => index.get(id) !== i || index.idAt(i) !== id);
    expect(wrong).toEqual([]);
    expect(index.get('item-100000')).toBeUndefined();
    expect(index.get('item-1x')).toBeUndefined();
  });

  it('clones independently', () => {
    const index = new IdIndex();
    index.add('a');
    const copy = index.clone();
    copy.add('b');
    index.add('c');
    expect([copy.ids(), index.ids()]).toEqual([
      ['a', 'b'],
      ['a', 'c'],
    ]);
  });
});
