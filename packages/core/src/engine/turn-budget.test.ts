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

  it('holds the loop about one budget at a time however many workers share it', async () => {
    // A clock that moves 1 ms per step of work, so what is counted does not depend on the machine.
    let clock = 0;
    const budget = new TurnBudget(5, () => clock);
    // Steps done between two turns of the event loop (an immediate that requeues itself).
    let steps = 0;
    let most = 0;
    let ticking = true;
    const tick = () => {
      most = Math.max(most, steps);
      steps = 0;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    let done = 0;
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        while (done < 3_000) {
          clock++;
          steps++;
          done++;
          const pause = budget.pause();
          if (pause) await pause;
        }
      }),
    );
    ticking = false;
    // A turn per worker let each resume with a fresh budget: 30 budgets (150 steps) per turn.
    // A shared turn: one budget, and at most one more step per worker that was mid-step.
    expect(most).toBeGreaterThanOrEqual(5);
    expect(most).toBeLessThanOrEqual(5 + 30);
  });

  it('does not pause before its budget is spent', () => {
    const budget = new TurnBudget(60_000);
    expect(budget.pause()).toBeUndefined();
  });
});
