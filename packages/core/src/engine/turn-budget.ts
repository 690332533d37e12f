import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long the engine keeps the event loop before letting timers, I/O and signals run. */
export const DEFAULT_TURN_BUDGET_MS = 20;

/**
 * Lets the event loop breathe during work that never waits on I/O. A resume whose calls are all
 * stored runs item after item on promises that are already settled: microtasks only, so without
 * a break no timer, progress redraw or Ctrl-C handler would run until the whole run is replayed.
 * Workers call {@link pause} between items; it gives up the turn once `budgetMs` have passed since
 * the last break, and costs a clock read otherwise.
 */
export class TurnBudget {
  #since = performance.now();

  constructor(private readonly budgetMs: number = DEFAULT_TURN_BUDGET_MS) {}

  /** A promise to await when the budget is spent (the next event-loop turn), else undefined. */
  pause(): Promise<void> | undefined {
    const now = performance.now();
    if (now - this.#since < this.budgetMs) return undefined;
    return nextTurn().then(() => {
      this.#since = performance.now();
    });
  }
}
