import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore.js';

/** Acquires one slot per (label, priority) in order, and records the order they are granted in. */
function queueUp(semaphore: Semaphore, waiters: Array<[string, number]>, granted: string[], signal?: AbortSignal) {
  return waiters.map(([label, priority]) =>
    semaphore.acquire(signal, priority).then(
      () => granted.push(label),
      () => granted.push(`${label}:aborted`),
    ),
  );
}

const turn = () => new Promise((r) => setImmediate(r));

describe('Semaphore', () => {
  it('grants free slots at once and queues the rest', async () => {
    const semaphore = new Semaphore(2);
    await semaphore.acquire();
    await semaphore.acquire();
    const granted: string[] = [];
    queueUp(semaphore, [['a', 0]], granted);
    await turn();
    expect([semaphore.inUse, semaphore.waiting, granted]).toEqual([2, 1, []]);
    semaphore.release();
    await turn();
    expect([semaphore.inUse, semaphore.waiting, granted]).toEqual([2, 0, ['a']]);
    semaphore.release();
    semaphore.release();
    expect(semaphore.inUse).toBe(0);
  });

  it('serves higher priorities first and arrival order within one priority', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const granted: string[] = [];
    queueUp(
      semaphore,
      [
        ['j1', -9],
        ['r2a', -2],
        ['r1a', -1],
        ['r2b', -2],
        ['j2', -9],
        ['r1b', -1],
        ['zero', 0],
      ],
      granted,
    );
    for (let i = 0; i < 7; i++) {
      semaphore.release();
      await turn();
    }
    expect(granted).toEqual(['zero', 'r1a', 'r1b', 'r2a', 'r2b', 'j1', 'j2']);
  });

  it('drops an aborted waiter from its queue, so the next slot goes to the one behind it', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const granted: string[] = [];
    const abort = new AbortController();
    queueUp(semaphore, [['gone', 5]], granted, abort.signal);
    queueUp(semaphore, [['kept', 1]], granted);
    await turn();
    expect(semaphore.waiting).toBe(2);
    abort.abort(new Error('stop'));
    await turn();
    expect([semaphore.waiting, granted]).toEqual([1, ['gone:aborted']]);
    semaphore.release();
    await turn();
    expect(granted).toEqual(['gone:aborted', 'kept']);
    expect(semaphore.inUse).toBe(1);
  });

  it('keeps first come first served across thousands of waiters of one priority', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const granted: string[] = [];
    const n = 5000;
    queueUp(
      semaphore,
      Array.from({ length: n }, (_, i): [string, number] => [String(i), 0]),
      granted,
    );
    for (let i = 0; i < n; i++) semaphore.release();
    await turn();
    expect(granted).toEqual(Array.from({ length: n }, (_, i) => String(i)));
    expect(semaphore.waiting).toBe(0);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});
