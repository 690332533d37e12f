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
  #since: number;
  /** The turn every worker that found the budget spent is waiting for. */
  #turn: Promise<void> | undefined;

  /** @param clock milliseconds, as `performance.now()` gives them (the default; tests pass their own). */
  constructor(
    private readonly budgetMs: number = DEFAULT_TURN_BUDGET_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.#since = clock();
  }

  /**
   * A promise to await when the budget is spent (the next event-loop turn), else undefined. Workers
   * sharing a budget share the turn: all of them wait for the same one, and the budget starts
   * again once, when it comes. (A turn each would let each worker start the budget afresh as it
   * resumed: with 34 workers, the loop was held 34 budgets in a row, about 700 ms.)
   */
  pause(): Promise<void> | undefined {
    if (this.#turn !== undefined) return this.#turn;
    if (this.clock() - this.#since < this.budgetMs) return undefined;
    this.#turn = nextTurn().then(() => {
      this.#since = this.clock();
      this.#turn = undefined;
    });
    return this.#turn;
  }
}
