import type { StoreWrite, StoredAnswer, StoredFailure, StoredJudgment } from '../store/types.js';
import type { StoredFollowup } from '../store/followups-table.js';

/**
 * What the engine needs from a run store. The SQLite `RunStore` implements it; tests may pass an
 * in-memory one. Every `put` must be durable before it returns: a completed call counts only once
 * it is committed.
 */
export interface EngineStore {
  getAnswer(key: string): EngineStoredAnswer | undefined;
  putAnswer(record: EngineStoredAnswer): void;
  getJudgment(key: string): EngineStoredJudgment | undefined;
  putJudgment(record: EngineStoredJudgment): void;
  putFailure(record: EngineFailure): void;
  /** Adaptive runs: the generated turn stored under `key` (see followups/adaptive-turn-source.ts). */
  getFollowup?(key: string): StoredFollowup | undefined;
  /** Adaptive runs: stores a generated turn, committed before it returns; first write wins. */
  putFollowup?(record: StoredFollowup): void;
  /**
   * Optional: runs `fn` (several puts) as one commit. Puts are durable once `transaction` returns.
   * The engine groups the writes of calls that finish together; without it each put commits alone.
   */
  transaction?<T>(fn: () => T): T;
  /**
   * Optional: stores several answers and judgments in one commit, asynchronously (e.g. on a
   * worker thread, see `BackgroundWriter`). Resolves once committed, with `undefined` per stored
   * write or the error that refused it; rejects when the commit failed. Preferred over the puts.
   */
  commit?(writes: readonly EngineWrite[]): Promise<readonly (Error | undefined)[]>;
}

/** An answer or judgment for {@link EngineStore.commit}. */
export type EngineWrite = StoreWrite;

/** The records the engine reads and writes: the store's own types. */
export type EngineStoredAnswer = StoredAnswer;
export type EngineStoredJudgment = StoredJudgment;
export type EngineFailure = StoredFailure;

/** An in-memory store for tests and dry runs. */
export class MemoryStore implements EngineStore {
  readonly answers = new Map<string, EngineStoredAnswer>();
  readonly judgments = new Map<string, EngineStoredJudgment>();
  readonly failures: EngineFailure[] = [];
  readonly followups = new Map<string, StoredFollowup>();
  getFollowup(key: string) {
    return this.followups.get(key);
  }
  putFollowup(record: StoredFollowup) {
    if (!this.followups.has(record.key)) this.followups.set(record.key, record);
  }
  getAnswer(key: string) {
    return this.answers.get(key);
  }
  putAnswer(record: EngineStoredAnswer) {
    if (!this.answers.has(record.key)) this.answers.set(record.key, record);
  }
  getJudgment(key: string) {
    return this.judgments.get(key);
  }
  putJudgment(record: EngineStoredJudgment) {
    if (!this.judgments.has(record.key)) this.judgments.set(record.key, record);
  }
  putFailure(record: EngineFailure) {
    this.failures.push(record);
  }
}
