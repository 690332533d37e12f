/** One completed model call, as stored. */
export interface StoredAnswer {
  /** The {@link answerKey} of the call. */
  key: string;
  /** The target's leaderboard id when it was asked (for reports; not part of the key). */
  modelId: string;
  itemId: string;
  /** The turn answered (1, 2, … up to a run's `followups.turns`). */
  round: number;
  /**
   * The adapter's result (a `GenerateResultV1`) WITHOUT its `raw` body. A `raw` left on it is moved
   * to {@link StoredAnswer.raw} on write, so results stay small to read back.
   */
  result: unknown;
  /** The vendor's body, kept for evidence. Read back only on request (`withRaw`). */
  raw?: unknown;
  latencyMs: number;
  /** Tries it took, counting the successful one. */
  attempts: number;
  /** ISO-8601 time of completion. */
  createdAt: string;
}

/** One completed judgment, as stored. */
export interface StoredJudgment {
  /** The {@link judgmentKey}. */
  key: string;
  answerKey: string;
  judgeId: string;
  promptHash: string;
  /** `scored`, `unparseable`, … as the judge protocol names it. */
  outcome: string;
  score: number | null;
  /** The parsed verdict and whatever evidence the judge protocol keeps. */
  result: unknown;
  createdAt: string;
}

/**
 * One failed call (after its retries). A log entry, not a result: a failure never stops a later
 * run from asking again.
 */
export interface StoredFailure {
  /** The content key the call would have been stored under. */
  key: string;
  kind: 'answer' | 'judgment' | 'followup';
  modelId: string;
  itemId: string;
  round: number;
  judgeId?: string;
  /** `AdapterErrorKind` or an engine-level kind (`judge_blocked`, …). */
  errorKind: string;
  /** Already redacted by the caller. */
  message: string;
  status?: number;
  vendorCode?: string;
  attempts: number;
  /** ISO-8601 time of the last try. */
  at: string;
}

/** How {@link RunStore.open} opens a store. */
export interface RunStoreOptions {
  /** Open for reading only: the file must exist; nothing is created, every write throws. */
  readonly?: boolean;
  /**
   * Values that must never be written (API keys of this run). Every put and `setMeta` checks the
   * text it would write and throws a `RunStoreSecretError` on a match.
   */
  secrets?: readonly string[];
  /**
   * `full` (default): every commit is fsynced, so a completed call survives power loss and OS
   * crashes as well as a killed process. `normal`: commits survive a killed process (kill -9,
   * OOM, Ctrl-C) but the last few may be lost on power loss; use it for throwaway or bulk stores.
   */
  synchronous?: 'full' | 'normal';
  /** How long a write waits for another process holding the write lock, in ms (default 10 000). */
  busyTimeoutMs?: number;
}

/** Row counts of a store. */
/** {@link RunStore.contentMark}: `[rows, last rowid]` per table. */
export interface StoreContentMark {
  answers: [number, number];
  judgments: [number, number];
  failures: [number, number];
  followups: [number, number];
}

export interface RunStoreCounts {
  answers: number;
  judgments: number;
  /** Failure log entries (a call that failed in three runs counts three times). */
  failures: number;
  /** Distinct keys in the failure log that still have no answer or judgment. */
  unresolvedFailures: number;
}

/** What {@link RunStore.mergeFrom} did. */
export interface MergeResult {
  /** Answers copied in (keys new to this store). */
  answers: number;
  /** Judgments copied in. */
  judgments: number;
  /** Failure log entries copied in (entries already present are skipped). */
  failures: number;
  /** Keys present on both sides with different content; this store's row was kept. */
  conflicts: number;
  /** The conflicting keys (at most {@link MAX_REPORTED_CONFLICTS} of them). */
  conflictKeys: string[];
  /** Generated (adaptive) turns copied in. */
  followups?: number;
}

/** How many conflicting keys {@link MergeResult.conflictKeys} lists. */
export const MAX_REPORTED_CONFLICTS = 100;

/** Options of the read methods. */
export interface ReadOptions {
  /** Also parse and return the vendor's raw body (slower; off by default). */
  withRaw?: boolean;
}

/** An answer or a judgment to store. */
export type StoreWrite = { kind: 'answer'; record: StoredAnswer } | { kind: 'judgment'; record: StoredJudgment };

/** A checked {@link StoreWrite} as the statement that stores it (see `RunStore.prepareWrite`). */
export interface PreparedWrite {
  sql: string;
  /** Named parameters: plain strings and numbers, safe to post to another thread. */
  params: object;
}
