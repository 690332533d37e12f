import { FifoQueue } from './fifo-queue.js';

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
}

/** The one abort listener a semaphore keeps on a signal, and how many of its waiters wait on it. */
interface Watch {
  waiters: number;
  onAbort: () => void;
}

/** Waiters of one priority, first come first served. */
class WaiterQueue extends FifoQueue<Waiter> {
  constructor(readonly priority: number) {
    super();
  }
}

/**
 * A counting semaphore: at most `limit` holders at once. A free slot goes to the waiter of the
 * highest priority, first come first served within one priority (every waiter has priority 0
 * unless it asks for another).
 *
 * Waiters that pass the same signal share one abort listener on it. Node's `EventTarget` walks its
 * listeners on every add and remove, so a listener per waiter on a run's one signal made each wait
 * cost as much as the queue was long (at 200 calls in flight, 1.4 % of the engine's CPU).
 */
export class Semaphore {
  private active = 0;
  private waitingCount = 0;
  /** One queue per priority ever asked for, highest first (a run uses a handful). */
  private readonly queues: WaiterQueue[] = [];
  /** The signals waiters wait on, each with its one listener. */
  private readonly watches = new Map<AbortSignal, Watch>();
  /** Called when a released slot finds no waiter: the slot now sits free. */
  onIdle: (() => void) | undefined;

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
      this.queueOf(priority).push({ resolve, reject, signal });
      this.waitingCount++;
      if (signal) this.watch(signal);
    });
  }

  release(): void {
    const next = this.waitingCount > 0 ? this.takeNext() : undefined;
    if (next) {
      if (next.signal) this.unwatch(next.signal);
      next.resolve();
    } else {
      this.active = Math.max(0, this.active - 1);
      this.onIdle?.();
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

  private watch(signal: AbortSignal): void {
    const watch = this.watches.get(signal);
    if (watch) {
      watch.waiters++;
      return;
    }
    const onAbort = () => this.dropWaitersOn(signal);
    signal.addEventListener('abort', onAbort, { once: true });
    this.watches.set(signal, { waiters: 1, onAbort });
  }

  private unwatch(signal: AbortSignal): void {
    const watch = this.watches.get(signal)!;
    if (--watch.waiters > 0) return;
    signal.removeEventListener('abort', watch.onAbort);
    this.watches.delete(signal);
  }

  /** The signal aborted: every waiter on it leaves its queue, rejected with the signal's reason. */
  private dropWaitersOn(signal: AbortSignal): void {
    this.watches.delete(signal);
    for (const queue of this.queues) {
      for (const waiter of queue.removeWhere((waiter) => waiter.signal === signal)) {
        this.waitingCount--;
        waiter.reject(signal.reason);
      }
    }
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
