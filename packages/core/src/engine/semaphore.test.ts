import { getEventListeners } from 'node:events';
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

  it('keeps one abort listener per signal however many wait on it, and rejects only the waiters on the signal that aborts', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const granted: string[] = [];
    const run = new AbortController();
    const other = new AbortController();
    queueUp(
      semaphore,
      Array.from({ length: 300 }, (_, i): [string, number] => [`r${i}`, i % 3]),
      granted,
      run.signal,
    );
    queueUp(semaphore, [['o', 1]], granted, other.signal);
    queueUp(semaphore, [['plain', 0]], granted);
    await turn();
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    expect(getEventListeners(other.signal, 'abort')).toHaveLength(1);
    expect(semaphore.waiting).toBe(302);
    // Two slots go to the highest priority, in arrival order: r2, then r5.
    semaphore.release();
    semaphore.release();
    await turn();
    expect(granted).toEqual(['r2', 'r5']);
    run.abort(new Error('stop'));
    await turn();
    expect(granted.filter((g) => g.endsWith(':aborted'))).toHaveLength(298);
    expect(semaphore.waiting).toBe(2);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    // The others keep their order: priority 1 before 0.
    semaphore.release();
    semaphore.release();
    await turn();
    expect(granted.slice(-2)).toEqual(['o', 'plain']);
    expect([semaphore.waiting, getEventListeners(other.signal, 'abort').length]).toEqual([0, 0]);
  });

  it('calls onIdle when a released slot finds no waiter, not when a waiter takes it', async () => {
    const semaphore = new Semaphore(1);
    let idle = 0;
    semaphore.onIdle = () => idle++;
    await semaphore.acquire();
    const second = semaphore.acquire();
    semaphore.release();
    await second;
    expect(idle).toBe(0);
    semaphore.release();
    expect(idle).toBe(1);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});
