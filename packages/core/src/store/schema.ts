import { FOLLOWUPS_SQL } from './followups-table.js';

/** The store layout this code writes. Raise it with every incompatible change (and migrate older ones). */
export const STORE_SCHEMA_VERSION = 2;

/** Name of the store file inside a run directory. */
export const STORE_FILE_NAME = 'store.sqlite';

/** The `meta` key holding {@link STORE_SCHEMA_VERSION}. `setMeta` refuses to overwrite it. */
export const SCHEMA_VERSION_META_KEY = 'schema_version';

/**
 * Tables:
 * - `answers`, `judgments`: content-addressed results. The key is the whole identity of the call
 *   (see key-builders.ts); a row, once written, is never changed.
 * - `failures`: a log, not results. A failed call leaves no answer row, so a re-run asks again;
 *   the log is kept for reports (what failed, how often).
 * - `meta`: the run's sanitised config, dataset fingerprint, manifest pieces, schema version.
 * - `followups` (schema 2, see followups-table.ts): adaptive user turns, under the answer they follow.
 * Schema 2 also lets `answers.round` be any turn ≥ 1 and logs `followup` failures.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY NOT NULL,
  value_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
  key TEXT PRIMARY KEY NOT NULL,
  model_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  round INTEGER NOT NULL CHECK (round >= 1),
  result_json TEXT NOT NULL,
  raw_json TEXT,
  latency_ms REAL NOT NULL,
  attempts INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_by_model_item ON answers (model_id, item_id, round);
CREATE TABLE IF NOT EXISTS judgments (
  key TEXT PRIMARY KEY NOT NULL,
  answer_key TEXT NOT NULL,
  judge_id TEXT NOT NULL,
  prompt_hash TEXT NOT NULL,
  outcome TEXT NOT NULL,
  score REAL,
  result_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS judgments_by_answer ON judgments (answer_key);
CREATE TABLE IF NOT EXISTS failures (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('answer', 'judgment', 'followup')),
  model_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  judge_id TEXT,
  error_kind TEXT NOT NULL,
  message TEXT NOT NULL,
  status INTEGER,
  vendor_code TEXT,
  attempts INTEGER NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS failures_by_key ON failures (key);
${FOLLOWUPS_SQL}`;
