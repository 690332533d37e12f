import { setImmediate } from 'node:timers';
import { FifoQueue } from './fifo-queue.js';

/**
 * How many waiting callers go on per check phase. Between two such pieces the event loop polls
 * for I/O, so responses that arrived meanwhile are taken up and the requests of the calls that
 * took the freed slots go out, instead of waiting behind a whole turn's bookkeeping.
 * Measured at c = 200 (bench/README.md, issue 19): where the main thread was busy most of the
 * time, one pair of runs at 20,000 calls took 23.64 / 24.30 s with every caller in one piece and
 * 22.96 / 23.58 s with pieces of 8. Pieces of 2 then beat pieces of 8 in 6 of 8 pairs at 10,000
 * calls (a mean of 10.80 s against 10.92 s; one tie), and pieces of 1 measured the same as 2.
 */
const PER_CHECK = 2;

/** Callers waiting to go on, oldest first. */
const waiting = new FifoQueue<() => void>();
let scheduled = false;

function releaseSome(): void {
  const some: Array<() => void> = [];
  for (let n = 0; n < PER_CHECK && waiting.size > 0; n++) some.push(waiting.shift()!);
  // Scheduled from a check phase, it runs in the next one: after the loop has polled again.
  if (waiting.size > 0) setImmediate(releaseSome);
  else scheduled = false;
  for (const resolve of some) resolve();
}

/**
 * Resolves once the event loop has polled for I/O again: in a later check phase, with at most
 * {@link PER_CHECK} callers going on per phase, oldest first.
 *
 * A lane awaits it between a call's end and handing the result to its caller. The slot is free
 * by then, so the waiting call that took it sends its request first, and the responses already
 * read are taken up, before the bookkeeping of the finished call (store writes, the judge's
 * prompt, the row) runs. The work is the same; what moves is the wait of the calls behind it.
 */
export function afterPendingIo(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(releaseSome);
    }
  });
}
