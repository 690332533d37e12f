import { describe, expect, it } from 'vitest';
import { TurnBudget } from './turn-budget.js';

describe('TurnBudget', () => {
  it('lets a timer run during work made only of settled promises', async () => {
    const budget = new TurnBudget(5);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    // Busy work on already-settled promises: without the pauses no timer could ever fire here.
    let pauses = 0;
    while (ticks === 0 && pauses < 50) {
      await Promise.resolve();
      const pause = budget.pause();
      if (pause) {
        pauses++;
        await pause;
      }
    }
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });

  it('does not pause before its budget is spent', () => {
    const budget = new TurnBudget(60_000);
    expect(budget.pause()).toBeUndefined();
  });
});
