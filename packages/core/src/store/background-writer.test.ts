import { afterAll, describe, expect, it } from 'vitest';
import { BackgroundWriter } from './background-writer.js';
import { RunStoreError, RunStoreSecretError } from './errors.js';
import { RunStore } from './run-store.js';
import { answer, fakeKey, judgment, scratch } from './__fixtures__/store-fixtures.js';

const tmp = scratch('sc-bg-writer-');
afterAll(() => tmp.cleanup());
const SECRET = 'sk-test-secret-value-1234';

describe('BackgroundWriter', () => {
  it('commits answers and judgments on its thread; they are readable once commit resolves and after reopening', async () => {
    const dir = tmp.dir();
    const store = RunStore.open(dir, { synchronous: 'full' });
    const writer = BackgroundWriter.start(store);
    const outcomes = await writer.commit([
      { kind: 'answer', record: answer(1) },
      { kind: 'judgment', record: judgment(1) },
      { kind: 'answer', record: answer(2, { round: 2 }) },
    ]);
    expect(outcomes).toEqual([undefined, undefined, undefined]);
    expect(store.getAnswer(fakeKey(1))).toEqual(answer(1));
    expect(store.getJudgment(fakeKey('j1'))).toEqual(judgment(1));
    // First write wins, as with putAnswer.
    expect(await writer.commit([{ kind: 'answer', record: answer(1, { latencyMs: 999 }) }])).toEqual([undefined]);
    expect(store.getAnswer(fakeKey(1))?.latencyMs).toBe(120);
    await writer.close();
    await writer.close();
    store.close();
    const again = RunStore.open(dir, { readonly: true });
    expect(again.counts()).toMatchObject({ answers: 2, judgments: 1 });
    again.close();
  });

  it('refuses a bad or secret-bearing record alone, on the caller’s side, and commits the rest', async () => {
    const store = RunStore.open(tmp.dir(), { secrets: [SECRET] });
    const writer = BackgroundWriter.start(store);
    const outcomes = await writer.commit([
      { kind: 'answer', record: answer(1) },
      { kind: 'answer', record: answer(2, { result: { type: 'completed', text: `leak ${SECRET}`, warnings: [] } }) },
      { kind: 'answer', record: answer(3, { latencyMs: Number.NaN }) },
      { kind: 'judgment', record: judgment(4) },
    ]);
    expect(outcomes[0]).toBeUndefined();
    expect(outcomes[1]).toBeInstanceOf(RunStoreSecretError);
    expect(outcomes[1]!.message).not.toContain(SECRET);
    expect(outcomes[2]).toBeInstanceOf(TypeError);
    expect(outcomes[3]).toBeUndefined();
    expect([1, 2, 3].map((n) => store.getAnswer(fakeKey(n)) !== undefined)).toEqual([true, false, false]);
    await writer.close();
    store.close();
  });

  it('reports a statement the database refuses for that write only', async () => {
    const store = RunStore.open(tmp.dir());
    const writer = BackgroundWriter.start(store);
    // A statement SQLite itself refuses (a missing parameter), past the JS checks.
    const prepare = store.prepareWrite.bind(store);
    store.prepareWrite = (write) => {
      const prepared = prepare(write);
      if (write.record.key !== fakeKey(2)) return prepared;
      const { created_at: _dropped, ...params } = prepared.params as Record<string, unknown>;
      return { ...prepared, params };
    };
    const outcomes = await writer.commit([
      { kind: 'answer', record: answer(1) },
      { kind: 'answer', record: answer(2) },
    ]);
    expect(outcomes[0]).toBeUndefined();
    expect(outcomes[1]).toBeInstanceOf(RunStoreError);
    expect(outcomes[1]!.message).toMatch(/created_at/);
    expect(store.getAnswer(fakeKey(1))).toBeDefined();
    await writer.close();
    store.close();
  });

  it('refuses commits after close and a read-only store', async () => {
    const dir = tmp.dir();
    const store = RunStore.open(dir);
    const writer = BackgroundWriter.start(store);
    await writer.close();
    await expect(writer.commit([{ kind: 'answer', record: answer(1) }])).rejects.toThrow(/after the writer was closed/);
    store.close();
    const readonly = RunStore.open(dir, { readonly: true });
    expect(() => BackgroundWriter.start(readonly)).toThrow(/read-write/);
    readonly.close();
  });
});
