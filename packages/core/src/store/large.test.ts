import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from './run-store.js';
import { answer, fakeKey, judgment, scratch } from './__fixtures__/store-fixtures.js';

const tmp = scratch();
afterAll(() => tmp.cleanup());

const N = 50_000;

describe('large stores', () => {
  it(`iterates ${N} answers lazily, in write order`, { timeout: 180_000 }, () => {
    // `normal`: 50k separate commits without an fsync each; durability is not what this tests.
    const store = RunStore.open(tmp.dir(), { synchronous: 'normal' });
    for (let i = 0; i < N; i++) store.putAnswer(answer(i));
    for (let i = 0; i < 1000; i++) store.putJudgment(judgment(i));

    const iterator = store.iterateAnswers();
    expect(Array.isArray(iterator)).toBe(false);
    expect(typeof iterator.next).toBe('function');
    let count = 0;
    for (const row of iterator) {
      if (row.key !== fakeKey(count)) throw new Error(`row ${count} is ${row.key}`);
      count++;
    }
    expect(count).toBe(N);
    expect(store.counts().answers).toBe(N);

    // Leaving an iteration early releases the connection for writes.
    let seen = 0;
    for (const _row of store.iterateAnswers()) if (++seen === 10) break;
    expect(store.putAnswer(answer(N))).toBe(true);

    let judged = 0;
    for (const _row of store.iterateJudgments()) judged++;
    expect(judged).toBe(1000);
    store.close();
  });
});
