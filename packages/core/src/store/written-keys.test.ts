import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { BackgroundWriter } from './background-writer.js';
import { ReadAhead } from './read-ahead.js';
import { RunStore } from './run-store.js';
import { WrittenKeys } from './written-keys.js';
import { answer, fakeKey, judgment, scratch } from './__fixtures__/store-fixtures.js';

const tmp = scratch('sc-written-keys-');
afterAll(() => tmp.cleanup());
afterEach(() => vi.restoreAllMocks());

describe('WrittenKeys', () => {
  it('says "maybe" for every key added and "no" for nearly every other', () => {
    const keys = new WrittenKeys();
    const added = Array.from({ length: 20_000 }, (_, i) => fakeKey(`added-${i}`));
    for (const key of added) keys.add(key);
    expect(added.every((key) => keys.mayHold(key))).toBe(true);
    const others = Array.from({ length: 20_000 }, (_, i) => fakeKey(`other-${i}`));
    const falseMaybes = others.filter((key) => keys.mayHold(key)).length;
    expect(falseMaybes).toBeLessThan(20);
  });

  it('says "no" for anything before a key is added', () => {
    expect(new WrittenKeys().mayHold(fakeKey(1))).toBe(false);
  });
});

describe('RunStore lookups in a store opened empty', () => {
  it('answer a key never written without a table lookup, and find every key written through the store', async () => {
    const lookups = vi.spyOn(ReadAhead.prototype, 'get');
    const store = RunStore.open(tmp.dir());
    expect(store.getAnswer(fakeKey(1))).toBeUndefined();
    expect(store.getJudgment(fakeKey('j1'))).toBeUndefined();
    expect(lookups).not.toHaveBeenCalled();
    store.putAnswer(answer(1));
    store.putJudgment(judgment(1));
    const writer = BackgroundWriter.start(store);
    await writer.commit([
      { kind: 'answer', record: answer(2) },
      { kind: 'judgment', record: judgment(2) },
    ]);
    await writer.close();
    for (const n of [1, 2]) {
      expect(store.getAnswer(fakeKey(n))).toEqual(answer(n));
      expect(store.getAnswer(fakeKey(n), { withRaw: true })?.itemId).toBe(`item-${n}`);
      expect(store.getJudgment(fakeKey(`j${n}`))).toEqual(judgment(n));
    }
    store.close();
  });

  it('look in the table when the store held rows at open, and after a merge', () => {
    const dir = tmp.dir();
    const first = RunStore.open(dir);
    first.putAnswer(answer(1));
    first.close();
    const lookups = vi.spyOn(ReadAhead.prototype, 'get');
    const reopened = RunStore.open(dir);
    expect(reopened.getAnswer(fakeKey(2))).toBeUndefined();
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(reopened.getAnswer(fakeKey(1))).toEqual(answer(1));
    reopened.close();

    const shard = tmp.dir();
    const source = RunStore.open(shard);
    source.putAnswer(answer(3));
    source.putJudgment(judgment(3));
    source.close();
    const merged = RunStore.open(tmp.dir());
    merged.mergeFrom(shard);
    expect(merged.getAnswer(fakeKey(3))).toEqual(answer(3));
    expect(merged.getJudgment(fakeKey('j3'))).toEqual(judgment(3));
    merged.close();
  });
});
