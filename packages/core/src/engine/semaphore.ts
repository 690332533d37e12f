interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** Waiters of one priority, first come first served; taking the first is O(1). */
class WaiterQueue {
  private items: Waiter[] = [];
  private head = 0;

  constructor(readonly priority: number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(waiter: Waiter): void {
    this.items.push(waiter);
  }

  shift(): Waiter | undefined {
    if (this.head === this.items.length) return undefined;
    const waiter = this.items[this.head]!;
    this.items[this.head++] = undefined as unknown as Waiter;
    // Drop the taken prefix once it is most of the array.
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return waiter;
  }

  remove(waiter: Waiter): boolean {
    const i = this.items.indexOf(waiter, this.head);
    if (i < 0) return false;
    this.items.splice(i, 1);
    return true;
  }
}

/**
 * A counting semaphore: at most `limit` holders at once. A free slot goes to the waiter of the
 * highest priority, first come first served within one priority (every waiter has priority 0
 * unless it asks for another).
 */
export class Semaphore {
  private active = 0;
  private waitingCount = 0;
  /** One queue per priority ever asked for, highest first (a run uses a handful). */
  private readonly queues: WaiterQueue[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`semaphore limit must be a positive integer, got ${limit}`);
  }

  get inUse(): number {
    return this.active;
  }

  get waiting(): number {
    return this.waitingCount;
  }

  /** Waits for a slot. Rejects with the signal's reason if aborted while waiting. */
  acquire(signal?: AbortSignal, priority = 0): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      const queue = this.queueOf(priority);
      if (signal) {
        waiter.onAbort = () => {
          if (queue.remove(waiter)) this.waitingCount--;
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      queue.push(waiter);
      this.waitingCount++;
    });
  }

  release(): void {
    const next = this.waitingCount > 0 ? this.takeNext() : undefined;
    if (next) {
      if (next.signal && next.onAbort) next.signal.removeEventListener('abort', next.onAbort);
      next.resolve();
    } else {
      this.active = Math.max(0, this.active - 1);
    }
  }

  private takeNext(): Waiter | undefined {
    for (const queue of this.queues) {
      const waiter = queue.shift();
      if (waiter) {
        this.waitingCount--;
        return waiter;
      }
    }
    return undefined;
  }

  private queueOf(priority: number): WaiterQueue {
    let at = 0;
    for (; at < this.queues.length; at++) {
      const queue = this.queues[at]!;
      if (queue.priority === priority) return queue;
      if (queue.priority < priority) break;
    }
    const queue = new WaiterQueue(priority);
    this.queues.splice(at, 0, queue);
    return queue;
  }
}
