import { describe, expect, it } from 'vitest';
import { MemoryStore } from './engine-store.js';
import type { EngineStoredAnswer } from './engine-store.js';
import { GroupCommit } from './group-commit.js';

const answer = (key: string): EngineStoredAnswer => ({
  key,
  modelId: 'm',
  itemId: key,
  round: 1,
  result: { type: 'completed', text: 'x', warnings: [] },
  latencyMs: 1,
  attempts: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** A MemoryStore that records transactions, and can fail a commit. */
class TxStore extends MemoryStore {
  commits: string[][] = [];
  failNextCommit = false;
  private open: string[] | undefined;
  override putAnswer(record: EngineStoredAnswer) {
    if (record.key.startsWith('bad')) throw new Error(`refusing ${record.key}`);
    this.open?.push(record.key);
    super.putAnswer(record);
  }
  transaction<T>(fn: () => T): T {
    this.open = [];
    const snapshot = new Map(this.answers);
    try {
      const value = fn();
      if (this.failNextCommit) {
        this.failNextCommit = false;
        throw new Error('disk full');
      }
      this.commits.push(this.open);
      return value;
    } catch (error) {
      this.answers.clear();
      for (const [k, v] of snapshot) this.answers.set(k, v);
      throw error;
    } finally {
      this.open = undefined;
    }
  }
}

describe('GroupCommit', () => {
  it('commits writes queued in the same turn together, and resolves only after the commit', async () => {
    const store = new TxStore();
    const commits = new GroupCommit(store);
    const settled: string[] = [];
    const writes = ['a', 'b', 'c'].map((k) =>
      commits.write({ kind: 'answer', record: answer(k) }).then(() => settled.push(k)),
    );
    expect(store.answers.size).toBe(0);
    await Promise.all(writes);
    expect(store.commits).toEqual([['a', 'b', 'c']]);
    expect(settled).toEqual(['a', 'b', 'c']);
    await commits.write({ kind: 'answer', record: answer('d') });
    expect(store.commits).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('rejects only the write that threw; the others of the batch are committed', async () => {
    const store = new TxStore();
    const commits = new GroupCommit(store);
    const results = await Promise.allSettled(
      ['a', 'bad-1', 'c'].map((k) => commits.write({ kind: 'answer', record: answer(k) })),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    expect([...store.answers.keys()]).toEqual(['a', 'c']);
  });

  it('rejects every write of a batch whose commit fails, and nothing of it is stored', async () => {
    const store = new TxStore();
    store.failNextCommit = true;
    const commits = new GroupCommit(store);
    const results = await Promise.allSettled(
      ['a', 'b'].map((k) => commits.write({ kind: 'answer', record: answer(k) })),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(store.answers.size).toBe(0);
    await commits.write({ kind: 'answer', record: answer('c') });
    expect([...store.answers.keys()]).toEqual(['c']);
  });

  it('writes one by one on a store without transactions', async () => {
    const store = new MemoryStore();
    const commits = new GroupCommit(store);
    await Promise.all(['a', 'b'].map((k) => commits.write({ kind: 'answer', record: answer(k) })));
    expect([...store.answers.keys()]).toEqual(['a', 'b']);
  });

  it('hands the batch to an asynchronous commit when the store has one, and settles each write by its outcome', async () => {
    const store = new MemoryStore();
    const batches: string[][] = [];
    const async = Object.assign(store, {
      commit: (writes: readonly { kind: string; record: { key: string } }[]) => {
        batches.push(writes.map((w) => w.record.key));
        return Promise.resolve(
          writes.map((w) => (w.record.key.startsWith('bad') ? new Error(`refused ${w.record.key}`) : undefined)),
        );
      },
    });
    const commits = new GroupCommit(async);
    const results = await Promise.allSettled(
      ['a', 'bad-b', 'c'].map((k) => commits.write({ kind: 'answer', record: answer(k) })),
    );
    expect(batches).toEqual([['a', 'bad-b', 'c']]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.answers.size).toBe(0);
  });

  it('rejects every write of a batch whose asynchronous commit fails', async () => {
    const store = Object.assign(new MemoryStore(), { commit: () => Promise.reject(new Error('disk full')) });
    const commits = new GroupCommit(store);
    const results = await Promise.allSettled(
      ['a', 'b'].map((k) => commits.write({ kind: 'answer', record: answer(k) })),
    );
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual([
      'Error: disk full',
      'Error: disk full',
    ]);
  });
});
