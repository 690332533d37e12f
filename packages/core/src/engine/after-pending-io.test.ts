import { setImmediate } from 'node:timers';
import { describe, expect, it } from 'vitest';
import { afterPendingIo } from './after-pending-io.js';

describe('afterPendingIo', () => {
  it('lets at most 2 callers go on per check phase, with I/O polled between the pieces', async () => {
    const order: string[] = [];
    const callers = Array.from({ length: 20 }, (_, i) => afterPendingIo().then(() => order.push(`caller ${i}`)));
    // Queued after the callers, as a socket's callback landing meanwhile would be.
    setImmediate(() => order.push('io'));
    await Promise.all(callers);
    const callerNames = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `caller ${from + i}`);
    expect(order).toEqual([...callerNames(0, 2), 'io', ...callerNames(2, 20)]);
  });

  it('lets every caller go on, oldest first, when callers keep coming while others wait', async () => {
    const done: number[] = [];
    let next = 0;
    // 3,000 callers over 40 chains: each caller that goes on queues the next, so the queue never runs empty.
    const chain = async () => {
      for (;;) {
        const n = next++;
        if (n >= 3000) return;
        await afterPendingIo();
        done.push(n);
      }
    };
    await Promise.all(Array.from({ length: 40 }, chain));
    expect(done).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });
});
