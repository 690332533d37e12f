import type { EngineStore } from '../engine/engine-store.js';

/**
 * An {@link EngineStore} that counts what a run left undone: every lookup that found nothing is a
 * call the run had to make, and every row it then stored settles one. When the run ends with as
 * many rows stored as lookups missed and nothing in the failure log, a second run of the same plan
 * over the same store would find every lookup answered: it has nothing to do.
 */
export class CallLedger {
  #missed = 0;
  #stored = 0;
  #failed = 0;
  readonly store: EngineStore;

  constructor(inner: EngineStore) {
    const miss = <T>(found: T | undefined): T | undefined => {
      if (found === undefined) this.#missed++;
      return found;
    };
    this.store = {
      getAnswer: (key) => miss(inner.getAnswer(key)),
      getJudgment: (key) => miss(inner.getJudgment(key)),
      putAnswer: (record) => {
        inner.putAnswer(record);
        this.#stored++;
      },
      putJudgment: (record) => {
        inner.putJudgment(record);
        this.#stored++;
      },
      putFailure: (record) => {
        this.#failed++;
        inner.putFailure(record);
      },
      ...(inner.getFollowup ? { getFollowup: (key: string) => miss(inner.getFollowup!(key)) } : {}),
      ...(inner.putFollowup
        ? {
            putFollowup: (record) => {
              inner.putFollowup!(record);
              this.#stored++;
            },
          }
        : {}),
      ...(inner.transaction ? { transaction: inner.transaction.bind(inner) } : {}),
      ...(inner.commit
        ? {
            commit: async (writes) => {
              const results = await inner.commit!(writes);
              for (const result of results) if (result === undefined) this.#stored++;
              return results;
            },
          }
        : {}),
    };
  }

  /** True when every call the run needed was made and stored, and none failed. */
  get settled(): boolean {
    return this.#failed === 0 && this.#stored >= this.#missed;
  }
}
