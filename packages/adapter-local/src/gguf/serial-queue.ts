/**
 * Runs tasks one at a time: an in-process model has one context sequence, so calls must not
 * overlap. A caller that aborts while waiting for its turn leaves the queue at once.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.tail = previous.then(() => done);
    try {
      await untilAborted(previous, signal);
      return await task();
    } finally {
      release();
    }
  }
}

function untilAborted(waiting: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return waiting;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    void waiting.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
