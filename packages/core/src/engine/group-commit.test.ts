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

  it('keeps one asynchronous commit in flight: writes queued meanwhile go together in the next batch', async () => {
    const batches: string[][] = [];
    const finish: (() => void)[] = [];
    const store = Object.assign(new MemoryStore(), {
      commit: (writes: readonly { record: { key: string } }[]) => {
        batches.push(writes.map((w) => w.record.key));
        return new Promise<undefined[]>((resolve) => finish.push(() => resolve(writes.map(() => undefined))));
      },
    });
    const commits = new GroupCommit(store);
    const settled: string[] = [];
    const write = (k: string) => commits.write({ kind: 'answer', record: answer(k) }).then(() => settled.push(k));
    const first = ['a', 'b'].map(write);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['a', 'b']]);
    // Three turns of writes while the first commit is in flight: none is sent yet.
    const later: Promise<number>[] = [];
    for (const k of ['c', 'd', 'e']) {
      later.push(write(k));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(batches).toEqual([['a', 'b']]);
    expect(settled).toEqual([]);
    finish.shift()!();
    await Promise.all(first);
    expect(settled).toEqual(['a', 'b']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    finish.shift()!();
    await Promise.all(later);
    expect(settled).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Idle again: the next write is committed in the next turn, alone.
    const last = write('f');
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches.at(-1)).toEqual(['f']);
    finish.shift()!();
    await last;
  });

  it('sends the next batch after an asynchronous commit that failed', async () => {
    let calls = 0;
    const store = Object.assign(new MemoryStore(), {
      commit: (writes: readonly unknown[]) =>
        ++calls === 1 ? Promise.reject(new Error('disk full')) : Promise.resolve(writes.map(() => undefined)),
    });
    const commits = new GroupCommit(store);
    const failed = commits.write({ kind: 'answer', record: answer('a') });
    const queued = new Promise((resolve) => setImmediate(resolve)).then(() =>
      commits.write({ kind: 'answer', record: answer('b') }),
    );
    await expect(failed).rejects.toThrow('disk full');
    await expect(queued).resolves.toBeUndefined();
    expect(calls).toBe(2);
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

describe('GroupCommit holding a batch open', () => {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const asyncStore = () => {
    const batches: string[][] = [];
    const store = Object.assign(new MemoryStore(), {
      commit: (writes: readonly { record: { key: string } }[]) => {
        batches.push(writes.map((w) => w.record.key));
        return Promise.resolve(writes.map(() => undefined));
      },
    });
    return { store, batches };
  };

  it('while calls wait for a slot, holds a batch for lingerMs so later writes join it', async () => {
    const { store, batches } = asyncStore();
    const commits = new GroupCommit(store, { busy: () => true, lingerMs: 40 });
    const writes: Promise<void>[] = [];
    for (const k of ['a', 'b', 'c']) {
      writes.push(commits.write({ kind: 'answer', record: answer(k) }));
      await turn();
    }
    expect(batches).toEqual([]);
    await Promise.all(writes);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('sends each turn’s writes at once when no call waits, as without the option', async () => {
    const { store, batches } = asyncStore();
    const commits = new GroupCommit(store, { busy: () => false, lingerMs: 40 });
    for (const k of ['a', 'b']) {
      const write = commits.write({ kind: 'answer', record: answer(k) });
      await turn();
      await write;
    }
    expect(batches).toEqual([['a'], ['b']]);
  });

  it('sends a held batch in the next turn once a slot sits free (sendHeld)', async () => {
    const { store, batches } = asyncStore();
    const commits = new GroupCommit(store, { busy: () => true, lingerMs: 60_000 });
    const write = commits.write({ kind: 'answer', record: answer('a') });
    await turn();
    expect(batches).toEqual([]);
    commits.sendHeld();
    await write;
    expect(batches).toEqual([['a']]);
    // Nothing held: a no-op.
    commits.sendHeld();
    await turn();
    expect(batches).toEqual([['a']]);
  });

  it('sends a held batch as soon as it reaches maxBatch', async () => {
    const { store, batches } = asyncStore();
    const commits = new GroupCommit(store, { busy: () => true, lingerMs: 60_000, maxBatch: 3 });
    const started = performance.now();
    await Promise.all(['a', 'b', 'c'].map((k) => commits.write({ kind: 'answer', record: answer(k) })));
    expect(batches).toEqual([['a', 'b', 'c']]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
