import { describe, expect, it } from 'vitest';
import { FifoQueue } from './fifo-queue.js';

describe('FifoQueue', () => {
  it('gives items back in order while more keep coming, past the point where it drops its taken prefix', () => {
    const queue = new FifoQueue<number>();
    const out: number[] = [];
    let next = 0;
    // Never empty: 40 in, then one out for every one in, 5,000 times.
    for (; next < 40; next++) queue.push(next);
    for (let i = 0; i < 5000; i++) {
      out.push(queue.shift()!);
      queue.push(next++);
    }
    expect(queue.size).toBe(40);
    while (queue.size > 0) out.push(queue.shift()!);
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
    expect(queue.shift()).toBeUndefined();
  });

  it('takes out the items chosen, keeping the rest in order', () => {
    const queue = new FifoQueue<number>();
    for (let i = 0; i < 10; i++) queue.push(i);
    queue.shift();
    expect(queue.removeWhere((n) => n % 3 === 0)).toEqual([3, 6, 9]);
    expect(queue.size).toBe(6);
    expect(queue.removeWhere(() => false)).toEqual([]);
    const rest: number[] = [];
    while (queue.size > 0) rest.push(queue.shift()!);
    expect(rest).toEqual([1, 2, 4, 5, 7, 8]);
  });
});
