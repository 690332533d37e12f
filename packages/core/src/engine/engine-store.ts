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
}

export interface EngineStoredAnswer {
  key: string;
  modelId: string;
  itemId: string;
  round: 1 | 2;
  /** The adapter's result without `raw`. */
  result: unknown;
  raw?: unknown;
  latencyMs: number;
  attempts: number;
  createdAt: string;
}

export interface EngineStoredJudgment {
  key: string;
  answerKey: string;
  judgeId: string;
  promptHash: string;
  outcome: string;
  score: number | null;
  result: unknown;
  createdAt: string;
}

export interface EngineFailure {
  key: string;
  kind: 'answer' | 'judgment';
  modelId: string;
  itemId: string;
  round: number;
  judgeId?: string;
  errorKind: string;
  message: string;
  status?: number;
  vendorCode?: string;
  attempts: number;
  at: string;
}

/** An in-memory store for tests and dry runs. */
export class MemoryStore implements EngineStore {
  readonly answers = new Map<string, EngineStoredAnswer>();
  readonly judgments = new Map<string, EngineStoredJudgment>();
  readonly failures: EngineFailure[] = [];
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
