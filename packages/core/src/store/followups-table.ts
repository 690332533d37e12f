import type Database from 'better-sqlite3';
import { callFromRow } from './rows.js';

/** One generated user turn (adaptive follow-ups), as stored under the answer it follows. */
export interface StoredFollowup {
  /** The {@link followupKey}. */
  key: string;
  /** The answer key of the target answer this turn follows. */
  answerKey: string;
  modelId: string;
  itemId: string;
  /** The turn this text is (≥ 2). */
  turn: number;
  attackerId: string;
  strategy: string;
  promptHash: string;
  /** `ok` or an `attacker_*` outcome (never `attacker_error`: failed calls are only logged). */
  outcome: string;
  /** The follow-up (`ok`), else ''. */
  text: string;
  /** The attacker's result (`GenerateResultV1` without `raw`) and the reading of it. */
  result: unknown;
  raw?: unknown;
  latencyMs: number;
  attempts: number;
  createdAt: string;
}

/** Column values of one `followups` row. */
export interface FollowupRow {
  key: string;
  answer_key: string;
  model_id: string;
  item_id: string;
  turn: number;
  attacker_id: string;
  strategy: string;
  prompt_hash: string;
  outcome: string;
  text: string;
  result_json: string;
  raw_json: string | null;
  latency_ms: number;
  attempts: number;
  created_at: string;
}

export const FOLLOWUP_COLUMNS =
  'key, answer_key, model_id, item_id, turn, attacker_id, strategy, prompt_hash, outcome, text, result_json, raw_json, latency_ms, attempts, created_at';

export const INSERT_FOLLOWUP = `INSERT OR IGNORE INTO followups (${FOLLOWUP_COLUMNS}) VALUES (@key, @answer_key, @model_id, @item_id, @turn, @attacker_id, @strategy, @prompt_hash, @outcome, @text, @result_json, @raw_json, @latency_ms, @attempts, @created_at)`;

/** The `followups` table (store schema 2). */
export const FOLLOWUPS_SQL = `
CREATE TABLE IF NOT EXISTS followups (
  key TEXT PRIMARY KEY NOT NULL,
  answer_key TEXT NOT NULL,
  model_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  turn INTEGER NOT NULL CHECK (turn >= 2),
  attacker_id TEXT NOT NULL,
  strategy TEXT NOT NULL,
  prompt_hash TEXT NOT NULL,
  outcome TEXT NOT NULL,
  text TEXT NOT NULL,
  result_json TEXT NOT NULL,
  raw_json TEXT,
  latency_ms REAL NOT NULL,
  attempts INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS followups_by_answer ON followups (answer_key);
`;

export function followupFromRow(row: FollowupRow, withRaw: boolean): StoredFollowup {
  return {
    key: row.key,
    answerKey: row.answer_key,
    modelId: row.model_id,
    itemId: row.item_id,
    turn: row.turn,
    attackerId: row.attacker_id,
    strategy: row.strategy,
    promptHash: row.prompt_hash,
    outcome: row.outcome,
    text: row.text,
    ...callFromRow(row, withRaw),
  };
}

/**
 * Schema 1 → 2, in the caller's transaction: `answers.round` and `failures.round` accept any turn
 * ≥ 1 (N-round adaptive runs), `failures.kind` gains `followup`, and the `followups` table is
 * added. SQLite cannot alter a CHECK, so both tables are rebuilt with their rows and rowids (the
 * order `iterateAnswers` and merges rely on).
 */
export function migrateStoreToV2(db: Database.Database, schemaSql: string): void {
  db.exec(`
    ALTER TABLE answers RENAME TO answers_v1;
    ALTER TABLE failures RENAME TO failures_v1;
    DROP INDEX IF EXISTS answers_by_model_item;
    DROP INDEX IF EXISTS failures_by_key;
  `);
  db.exec(schemaSql);
  db.exec(`
    INSERT INTO answers (rowid, key, model_id, item_id, round, result_json, raw_json, latency_ms, attempts, created_at)
      SELECT rowid, key, model_id, item_id, round, result_json, raw_json, latency_ms, attempts, created_at FROM answers_v1;
    INSERT INTO failures (id, key, kind, model_id, item_id, round, judge_id, error_kind, message, status, vendor_code, attempts, at)
      SELECT id, key, kind, model_id, item_id, round, judge_id, error_kind, message, status, vendor_code, attempts, at FROM failures_v1;
    DROP TABLE answers_v1;
    DROP TABLE failures_v1;
  `);
}
