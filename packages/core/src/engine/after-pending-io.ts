import { setImmediate } from 'node:timers';

let nextCheck: Promise<void> | undefined;

/**
 * Resolves once the event loop has polled for I/O again: in its next check phase, one
 * `setImmediate` shared by every caller in the same turn.
 *
 * A lane awaits it between a call's end and handing the result to its caller. The slot is free
 * by then, so the waiting call that took it sends its request first, and the responses already
 * read are taken up, before the bookkeeping of the finished call (store writes, the judge's
 * prompt, the row) runs. The work is the same; what moves is the wait of the calls behind it.
 */
export function afterPendingIo(): Promise<void> {
  nextCheck ??= new Promise((resolve) =>
    setImmediate(() => {
      nextCheck = undefined;
      resolve();
    }),
  );
  return nextCheck;
}
