import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStoreSchemaError, RunStoreSecretError } from './errors.js';
import { RunStore } from './run-store.js';
import { STORE_FILE_NAME } from './schema.js';
import { shardOf } from './shard.js';
import { answer, failure, fakeKey, judgment, scratch } from './__fixtures__/store-fixtures.js';

const tmp = scratch();
afterAll(() => tmp.cleanup());

/** Writes items 0..n-1 into the store of their shard, as `--shard i/2` runs would. */
function shardStores(n: number) {
  const dirs = [tmp.dir('shard'), tmp.dir('shard')];
  const stores = dirs.map((d) => RunStore.open(d));
  for (let i = 0; i < n; i++) {
    const store = stores[shardOf(`item-${i}`, 2)]!;
    store.putAnswer(answer(i));
    store.putJudgment(judgment(i));
  }
  stores[0]!.putFailure(failure('f0'));
  stores[1]!.putFailure(failure('f1', { errorKind: 'timeout' }));
  stores.forEach((s) => s.close());
  return dirs;
}

describe('RunStore.mergeFrom', () => {
  it('unions two shard stores into one', () => {
    const [a, b] = shardStores(200);
    const out = RunStore.open(tmp.dir('merged'));
    const first = out.mergeFrom(path.join(a!, STORE_FILE_NAME));
    const second = out.mergeFrom(b!); // a run directory works as well as its file
    expect(first.conflicts + second.conflicts).toBe(0);
    expect(first.answers + second.answers).toBe(200);
    expect(first.judgments + second.judgments).toBe(200);
    expect(first.failures + second.failures).toBe(2);
    expect(first.answers).toBeGreaterThan(0);
    expect(second.answers).toBeGreaterThan(0);
    expect(out.counts()).toEqual({ answers: 200, judgments: 200, failures: 2, unresolvedFailures: 2 });
    for (let i = 0; i < 200; i++) expect(out.getAnswer(fakeKey(i))?.itemId).toBe(`item-${i}`);
    expect(out.checkIntegrity()).toEqual({ ok: true, problems: [] });

    // Merging the same shard again adds nothing, not even failure-log entries.
    expect(out.mergeFrom(a!)).toEqual({ answers: 0, judgments: 0, failures: 0, conflicts: 0, conflictKeys: [] });
    expect(out.counts().failures).toBe(2);
    out.close();
  });

  it('counts and lists conflicts, keeping the existing rows', () => {
    const mine = RunStore.open(tmp.dir());
    const theirsDir = tmp.dir();
    const theirs = RunStore.open(theirsDir);
    mine.putAnswer(answer(1));
    mine.putAnswer(answer(2));
    mine.putJudgment(judgment(1));
    // Same content with other timing and key order is not a conflict.
    theirs.putAnswer(
      answer(1, {
        latencyMs: 999,
        attempts: 2,
        createdAt: '2026-01-01T00:00:00.000Z',
        result: {
          warnings: [],
          usage: {},
          finishReason: { raw: 'stop', unified: 'stop' },
          text: 'answer 1',
          type: 'completed',
        },
      }),
    );
    theirs.putAnswer(answer(2, { result: { type: 'completed', text: 'a different answer' } }));
    theirs.putJudgment(judgment(1, { score: 1 }));
    theirs.putAnswer(answer(3));
    theirs.close();

    const result = mine.mergeFrom(theirsDir);
    expect(result.answers).toBe(1);
    expect(result.judgments).toBe(0);
    expect(result.conflicts).toBe(2);
    expect(result.conflictKeys.sort()).toEqual([fakeKey(2), fakeKey('j1')].sort());
    expect(mine.getAnswer(fakeKey(2))).toEqual(answer(2));
    expect(mine.getJudgment(fakeKey('j1'))?.score).toBe(3);
    expect(mine.getAnswer(fakeKey(3))).toEqual(answer(3));
    mine.close();
  });

  it('refuses a newer source, a missing source, and itself', () => {
    const newer = tmp.dir();
    RunStore.open(newer).close();
    const db = new Database(path.join(newer, STORE_FILE_NAME));
    db.prepare("UPDATE meta SET value_json = '7' WHERE key = 'schema_version'").run();
    db.close();

    const dir = tmp.dir();
    const out = RunStore.open(dir);
    out.putAnswer(answer(1));
    expect(() => out.mergeFrom(newer)).toThrow(RunStoreSchemaError);
    expect(() => out.mergeFrom(newer)).toThrow(
      `${path.join(newer, STORE_FILE_NAME)}: this run store has schema version 7`,
    );
    expect(() => out.mergeFrom(tmp.dir())).toThrow(/no run store to merge from/);
    expect(() => out.mergeFrom(dir)).toThrow(/into itself/);
    // A refused merge leaves the store usable (the source was detached).
    expect(out.putAnswer(answer(2))).toBe(true);
    expect(out.counts().answers).toBe(2);
    out.close();
  });

  it('refuses a source holding one of its secrets', () => {
    const leaky = tmp.dir();
    const source = RunStore.open(leaky);
    source.putAnswer(answer(1, { raw: { echo: 'Bearer sk-live-abcdef123456' } }));
    source.close();
    const out = RunStore.open(tmp.dir(), { secrets: ['sk-live-abcdef123456'] });
    expect(() => out.mergeFrom(leaky)).toThrow(RunStoreSecretError);
    expect(out.counts().answers).toBe(0);
    out.close();
  });
});
