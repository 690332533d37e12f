import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeDirsSync } from '../fs/make-dirs.js';
import { canonicalKeyJson } from './canonical-json.js';
import { RunStoreCorruptError, RunStoreError, RunStoreSchemaError, RunStoreSecretError } from './errors.js';
import { assertStoreFileIntact, storeRecovery } from './store-file-check.js';
import {
  answerFromRow,
  failureFromRow,
  judgmentFromRow,
  type AnswerRow,
  type FailureRow,
  type JudgmentRow,
} from './rows.js';
import { ReadAhead } from './read-ahead.js';
import { WrittenKeys } from './written-keys.js';
import { SCHEMA_SQL, SCHEMA_VERSION_META_KEY, STORE_FILE_NAME, STORE_SCHEMA_VERSION } from './schema.js';
import {
  FOLLOWUP_COLUMNS,
  INSERT_FOLLOWUP,
  followupFromRow,
  migrateStoreToV2,
  type FollowupRow,
  type StoredFollowup,
} from './followups-table.js';
import { findSecret, MIN_CHECKED_SECRET_LENGTH } from './secrets.js';
import { secretForms } from '../config/secret-forms.js';
import {
  MAX_REPORTED_CONFLICTS,
  type MergeResult,
  type ReadOptions,
  type RunStoreCounts,
  type StoreContentMark,
  type RunStoreOptions,
  type StoredAnswer,
  type StoredFailure,
  type StoredJudgment,
  type StoreWrite,
  type PreparedWrite,
} from './types.js';

const DEFAULT_BUSY_TIMEOUT_MS = 10_000;
const ANSWER_COLUMNS = 'key, model_id, item_id, round, result_json, raw_json, latency_ms, attempts, created_at';
/** The answer columns without the raw vendor body (often the biggest value), for reads that drop it anyway. */
const ANSWER_COLUMNS_NO_RAW = ANSWER_COLUMNS.replace('raw_json', 'NULL AS raw_json');
const JUDGMENT_COLUMNS = 'key, answer_key, judge_id, prompt_hash, outcome, score, result_json, created_at';
const INSERT_ANSWER = `INSERT OR IGNORE INTO answers (${ANSWER_COLUMNS}) VALUES (@key, @model_id, @item_id, @round, @result_json, @raw_json, @latency_ms, @attempts, @created_at)`;
const INSERT_JUDGMENT = `INSERT OR IGNORE INTO judgments (${JUDGMENT_COLUMNS}) VALUES (@key, @answer_key, @judge_id, @prompt_hash, @outcome, @score, @result_json, @created_at)`;
const FAILURE_COLUMNS =
  'key, kind, model_id, item_id, round, judge_id, error_kind, message, status, vendor_code, attempts, at';
/** Schema name a merge source is attached under. */
const SOURCE = 'merge_source';

/**
 * The run's content-addressed ledger: one SQLite file, `<runDir>/store.sqlite`.
 *
 * Durability: the file is in WAL mode and every `put*` is its own transaction, committed before
 * the method returns — so a call counts as done only once it is on disk, and a run killed at any
 * point (kill -9, OOM, Ctrl-C) loses at most the calls still in flight. Under the default
 * `synchronous=FULL` each commit is also fsynced, so it survives power loss and OS crashes too; an
 * fsync costs milliseconds against the seconds of the paid API call it protects. With
 * `synchronous: 'normal'` a commit still survives a killed process (SQLite has written the WAL
 * frame to the OS before returning) but the last commits may roll back after a power cut; the
 * database is never corrupted either way.
 *
 * Many puts can share one commit through {@link RunStore.transaction} (the engine groups the
 * calls that finish in the same event-loop turn): a commit writes whole pages to the WAL, so one
 * commit per put costs several times the insert itself.
 *
 * All methods are synchronous. One process may hold a store open read-write while others read it;
 * a second writer waits up to `busyTimeoutMs` for the lock.
 */
export class RunStore {
  /** Absolute path of the SQLite file. */
  readonly file: string;
  readonly readonly: boolean;
  readonly #db: Database.Database;
  readonly #secrets: readonly string[];
  readonly #statements = new Map<string, Database.Statement<unknown[], unknown>>();
  readonly #synchronous: 'full' | 'normal';
  readonly #busyTimeoutMs: number;

  private constructor(
    file: string,
    db: Database.Database,
    readonly: boolean,
    secrets: readonly string[],
    synchronous: 'full' | 'normal',
    busyTimeoutMs: number,
  ) {
    this.file = file;
    this.#db = db;
    this.readonly = readonly;
    this.#secrets = secrets;
    this.#synchronous = synchronous;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  /**
   * Opens (creating it, and `runDir`, unless `readonly`) the store of the run directory `runDir`.
   * Throws a {@link RunStoreSchemaError} for a store written by a newer sc-safety or a file that is
   * not a run store, and a {@link RunStoreError} when a read-only store does not exist.
   */
  static open(runDir: string, options: RunStoreOptions = {}): RunStore {
    const readonly = options.readonly === true;
    const file = path.resolve(runDir, STORE_FILE_NAME);
    if (readonly && !existsSync(file))
      throw new RunStoreError(`${file}: no run store here (nothing has been run into ${runDir} yet)`, file);
    if (existsSync(file)) assertStoreFileIntact(file);
    if (!readonly) {
      try {
        makeDirsSync(path.dirname(file));
      } catch (error) {
        throw new RunStoreError(`${path.dirname(file)}: cannot create the run directory: ${messageOf(error)}`, file, {
          cause: error,
        });
      }
    }
    const busyTimeoutMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS));
    const synchronous = options.synchronous === 'normal' ? 'normal' : 'full';
    let db: Database.Database;
    try {
      db = new Database(file, { readonly, fileMustExist: readonly });
    } catch (error) {
      throw new RunStoreError(`${file}: cannot open the run store: ${messageOf(error)}`, file, { cause: error });
    }
    try {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      if (readonly) {
        checkSchema(db, file, 'main', false);
      } else {
        const mode = db.pragma('journal_mode = WAL', { simple: true });
        if (String(mode).toLowerCase() !== 'wal')
          throw new RunStoreError(`${file}: could not switch the store to WAL mode (got ${String(mode)})`, file);
        db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
        db.transaction(() => {
          if (checkSchema(db, file, 'main', true) === 'empty') {
            db.exec(SCHEMA_SQL);
            db.prepare('INSERT INTO meta (key, value_json) VALUES (?, ?)').run(
              SCHEMA_VERSION_META_KEY,
              JSON.stringify(STORE_SCHEMA_VERSION),
            );
          } else if (!hasTable(db, 'main', 'followups')) {
            // Schema 1 (written before adaptive follow-ups): migrated in this same transaction.
            migrateStoreToV2(db, SCHEMA_SQL);
            db.prepare('UPDATE meta SET value_json = ? WHERE key = ?').run(
              JSON.stringify(STORE_SCHEMA_VERSION),
              SCHEMA_VERSION_META_KEY,
            );
          }
        }).immediate();
      }
    } catch (error) {
      db.close();
      if (error instanceof RunStoreError) throw error;
      const code = sqliteCode(error);
      if (code === 'SQLITE_NOTADB')
        throw new RunStoreCorruptError(
          `${file}: not a run store (not a SQLite database); ${storeRecovery(file)}`,
          file,
          { cause: error },
        );
      if (code === 'SQLITE_CORRUPT')
        throw new RunStoreCorruptError(
          `${file}: the run store is damaged (${messageOf(error)}); ${storeRecovery(file)}`,
          file,
          { cause: error },
        );
      throw new RunStoreError(`${file}: cannot open the run store: ${messageOf(error)}`, file, { cause: error });
    }
    const store = new RunStore(
      file,
      db,
      readonly,
      (options.secrets ?? []).filter((s) => s.length >= MIN_CHECKED_SECRET_LENGTH),
      synchronous,
      busyTimeoutMs,
    );
    if (!readonly && isEmpty(db, 'answers') && isEmpty(db, 'judgments'))
      store.#written = { answers: new WrittenKeys(), judgments: new WrittenKeys() };
    return store;
  }

  /**
   * Set while this store holds no answer or judgment but those written through it (it was opened
   * empty, by a first run): a lookup of a key never written is then answered without a query.
   * Rows other processes write to the same file meanwhile are not seen by such lookups.
   */
  #written: { answers: WrittenKeys; judgments: WrittenKeys } | undefined;

  /**
   * The stored answer under `key`, or `undefined`. `raw` is included only with `withRaw`. Reads
   * without it are served from windows of rows read ahead (see {@link ReadAhead}): a resume looks
   * up every answer of the run, in about the order they were written.
   */
  getAnswer(key: string, options: ReadOptions = {}): StoredAnswer | undefined {
    if (this.#written?.answers.mayHold(key) === false) return undefined;
    if (options.withRaw === true) {
      const row = this.#statement<[string], AnswerRow>(`SELECT ${ANSWER_COLUMNS} FROM answers WHERE key = ?`).get(key);
      return row && answerFromRow(row, true);
    }
    this.#answersAhead ??= this.#readAhead<AnswerRow>('answers', ANSWER_COLUMNS_NO_RAW);
    const row = this.#answersAhead.get(key);
    return row && answerFromRow(row, false);
  }

  /**
   * Records a completed call, committed before it returns. A key already present is left as it
   * is (the first answer wins; keys are content addresses, so both describe the same call).
   * A `raw` still on `result` is moved to the raw column. Returns whether a row was written.
   */
  putAnswer(record: StoredAnswer): boolean {
    const { sql, params } = this.prepareWrite({ kind: 'answer', record });
    return this.#statement<[object]>(sql).run(params).changes > 0;
  }

  /** The stored judgment under `key`, or `undefined` (read ahead as {@link RunStore.getAnswer} is). */
  getJudgment(key: string): StoredJudgment | undefined {
    if (this.#written?.judgments.mayHold(key) === false) return undefined;
    this.#judgmentsAhead ??= this.#readAhead<JudgmentRow>('judgments', JUDGMENT_COLUMNS);
    const row = this.#judgmentsAhead.get(key);
    return row && judgmentFromRow(row);
  }

  #answersAhead: ReadAhead<AnswerRow> | undefined;
  #judgmentsAhead: ReadAhead<JudgmentRow> | undefined;

  #readAhead<Row extends { key: string }>(table: 'answers' | 'judgments', columns: string): ReadAhead<Row> {
    type Read = Row & { _rowid: number };
    return new ReadAhead<Row>(
      this.#statement<[string], Read>(`SELECT rowid AS _rowid, ${columns} FROM ${table} WHERE key = ?`),
      this.#statement<[number, number], Read>(
        `SELECT rowid AS _rowid, ${columns} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
      ),
    );
  }

  /** Records a completed judgment, committed before it returns; first write wins. Returns whether a row was written. */
  putJudgment(record: StoredJudgment): boolean {
    const { sql, params } = this.prepareWrite({ kind: 'judgment', record });
    return this.#statement<[object]>(sql).run(params).changes > 0;
  }

  /**
   * Checks an answer or judgment and turns it into the statement that stores it, without running
   * it: what `putAnswer` / `putJudgment` run, and what a {@link BackgroundWriter} runs on its own
   * thread. Throws as the puts do (bad record, a secret in it, a read-only store).
   */
  prepareWrite(write: StoreWrite): PreparedWrite {
    if (write.kind === 'answer') {
      const record = write.record;
      this.#writable('putAnswer');
      const row: AnswerRow = {
        key: record.key,
        model_id: String(record.modelId),
        item_id: String(record.itemId),
        round: record.round,
        ...callColumns(record, 'answer', 'round', record.round, 1),
      };
      this.#guard(row, `answer ${record.key}`);
      this.#written?.answers.add(row.key);
      return { sql: INSERT_ANSWER, params: row };
    }
    const record = write.record;
    this.#writable('putJudgment');
    checkKey(record.key, 'judgment');
    if (record.score !== null) checkNumber(record.score, 'score', record.key);
    const row: JudgmentRow = {
      key: record.key,
      answer_key: String(record.answerKey),
      judge_id: String(record.judgeId),
      prompt_hash: String(record.promptHash),
      outcome: String(record.outcome),
      score: record.score,
      result_json: resultJson(record.result, `judgment ${record.key}`),
      created_at: String(record.createdAt),
    };
    this.#guard(row, `judgment ${record.key}`);
    this.#written?.judgments.add(row.key);
    return { sql: INSERT_JUDGMENT, params: row };
  }

  /** How this store was opened, for a second connection to the same file (a background writer). */
  get connection(): { file: string; synchronous: 'full' | 'normal'; busyTimeoutMs: number } {
    return { file: this.file, synchronous: this.#synchronous, busyTimeoutMs: this.#busyTimeoutMs };
  }

  /**
   * Runs `fn` in one transaction: every put inside commits together when `fn` returns, or not at
   * all when it throws (a put that throws and is caught inside `fn` is simply not written). Nested
   * calls join the outer transaction.
   */
  transaction<T>(fn: () => T): T {
    this.#writable('transaction');
    if (this.#db.inTransaction) return fn();
    return this.#db.transaction(fn)();
  }

  /** Appends to the failure log (committed before it returns). A failure never blocks a retry on a later run. */
  putFailure(record: StoredFailure): void {
    this.#writable('putFailure');
    checkKey(record.key, 'failure');
    if (record.kind !== 'answer' && record.kind !== 'judgment' && record.kind !== 'followup') {
      throw new TypeError(
        `failure ${record.key}: kind must be answer, judgment or followup, got ${String(record.kind)}`,
      );
    }
    const row: FailureRow = {
      key: record.key,
      kind: record.kind,
      model_id: String(record.modelId),
      item_id: String(record.itemId),
      round: record.round,
      judge_id: record.judgeId ?? null,
      error_kind: String(record.errorKind),
      message: String(record.message),
      status: record.status ?? null,
      vendor_code: record.vendorCode ?? null,
      attempts: record.attempts,
      at: String(record.at),
    };
    this.#guard(row, `failure ${record.key}`);
    this.#statement<[FailureRow]>(
      `INSERT INTO failures (${FAILURE_COLUMNS}) VALUES (@key, @kind, @model_id, @item_id, @round, @judge_id, @error_kind, @message, @status, @vendor_code, @attempts, @at)`,
    ).run(row);
  }

  /** The failure log, oldest first. An iterator: finish or `break` out of it before writing to this store. */
  *failures(): IterableIterator<StoredFailure> {
    for (const row of this.#statement<[], FailureRow>(`SELECT ${FAILURE_COLUMNS} FROM failures ORDER BY id`).iterate())
      yield failureFromRow(row);
  }

  /** Every answer in the order written (merged rows in merge order). An iterator, never an array: stores hold 100k+ rows. */
  *iterateAnswers(options: ReadOptions = {}): IterableIterator<StoredAnswer> {
    const withRaw = options.withRaw === true;
    const columns = withRaw ? ANSWER_COLUMNS : ANSWER_COLUMNS_NO_RAW;
    for (const row of this.#statement<[], AnswerRow>(`SELECT ${columns} FROM answers ORDER BY rowid`).iterate())
      yield answerFromRow(row, withRaw);
  }

  /** Every judgment in the order written. An iterator, never an array. */
  *iterateJudgments(): IterableIterator<StoredJudgment> {
    for (const row of this.#statement<[], JudgmentRow>(
      `SELECT ${JUDGMENT_COLUMNS} FROM judgments ORDER BY rowid`,
    ).iterate())
      yield judgmentFromRow(row);
  }

  /** The generated turn stored under `key`, or `undefined` (a read-only schema-1 store has none). */
  getFollowup(key: string, options: ReadOptions = {}): StoredFollowup | undefined {
    if (!this.#hasFollowups()) return undefined;
    const row = this.#statement<[string], FollowupRow>(`SELECT ${FOLLOWUP_COLUMNS} FROM followups WHERE key = ?`).get(
      key,
    );
    return row && followupFromRow(row, options.withRaw === true);
  }

  /** Records a generated turn, committed before it returns; first write wins. Returns whether a row was written. */
  putFollowup(record: StoredFollowup): boolean {
    this.#writable('putFollowup');
    const row: FollowupRow = {
      key: record.key,
      answer_key: String(record.answerKey),
      model_id: String(record.modelId),
      item_id: String(record.itemId),
      turn: record.turn,
      attacker_id: String(record.attackerId),
      strategy: String(record.strategy),
      prompt_hash: String(record.promptHash),
      outcome: String(record.outcome),
      text: String(record.text),
      ...callColumns(record, 'followup', 'turn', record.turn, 2),
    };
    this.#guard(row, `followup ${record.key}`);
    return this.#statement<[FollowupRow]>(INSERT_FOLLOWUP).run(row).changes > 0;
  }

  /** Every generated turn in the order written. An iterator, never an array. */
  *iterateFollowups(): IterableIterator<StoredFollowup> {
    if (!this.#hasFollowups()) return;
    for (const row of this.#statement<[], FollowupRow>(
      `SELECT ${FOLLOWUP_COLUMNS} FROM followups ORDER BY rowid`,
    ).iterate())
      yield followupFromRow(row, false);
  }

  #followupsTable: boolean | undefined;
  #hasFollowups(): boolean {
    return (this.#followupsTable ??= hasTable(this.#db, 'main', 'followups'));
  }

  /**
   * Sets a run-level value (sanitised config, dataset fingerprint, manifest pieces), replacing any
   * earlier one. The value is stored as JSON; `schema_version` is reserved.
   */
  setMeta(key: string, value: unknown): void {
    this.#writable('setMeta');
    if (key === SCHEMA_VERSION_META_KEY)
      throw new RunStoreError(
        `${this.file}: the meta key ${SCHEMA_VERSION_META_KEY} is reserved for the store itself`,
        this.file,
      );
    if (value === undefined)
      throw new TypeError(`setMeta(${JSON.stringify(key)}): value is undefined; store null to clear it`);
    const json = JSON.stringify(value);
    this.#guard({ key, json }, `meta ${JSON.stringify(key)}`);
    this.#statement<[string, string]>(
      'INSERT INTO meta (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
    ).run(key, json);
  }

  /** The run-level value under `key`, parsed, or `undefined`. The type is the caller's promise. */
  getMeta<T = unknown>(key: string): T | undefined {
    const json = this.#statement<[string], string>('SELECT value_json FROM meta WHERE key = ?').pluck().get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  /**
   * Rows and last rowid of every table of calls (answers, judgments, failure log, follow-ups):
   * numbers that change whenever a row is added or removed (rows are only ever inserted). What a
   * finished run records beside its exports, to tell later that the store is as it was then.
   */
  contentMark(): StoreContentMark {
    const mark = (table: string): [number, number] => {
      const row = this.#statement<[], [number, number | null]>(`SELECT count(*), max(rowid) FROM ${table}`).raw().get();
      return [Number(row?.[0] ?? 0), Number(row?.[1] ?? 0)];
    };
    return {
      answers: mark('answers'),
      judgments: mark('judgments'),
      failures: mark('failures'),
      followups: this.#hasFollowups() ? mark('followups') : [0, 0],
    };
  }

  /** Row counts. */
  counts(): RunStoreCounts {
    const one = (sql: string) => Number(this.#statement<[], number>(sql).pluck().get() ?? 0);
    return {
      answers: one('SELECT count(*) FROM answers'),
      judgments: one('SELECT count(*) FROM judgments'),
      failures: one('SELECT count(*) FROM failures'),
      unresolvedFailures: one(
        `SELECT count(DISTINCT f.key) FROM failures f
         WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.key = f.key)
           AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.key = f.key)`,
      ),
    };
  }

  /**
   * Copies every answer, judgment and failure-log entry of another store (a shard's `store.sqlite`,
   * or its run directory) into this one, in one transaction. Keys already here are kept as they
   * are; a key present on both sides with different content (result, outcome or score; timing and
   * raw bodies are not compared) is counted and listed as a conflict. Failure-log entries already
   * present are skipped, so merging the same shard twice adds nothing. Meta is not copied.
   */
  mergeFrom(otherStorePath: string): MergeResult {
    this.#writable('mergeFrom');
    const source = resolveStoreFile(otherStorePath);
    if (!existsSync(source)) throw new RunStoreError(`${source}: no run store to merge from`, source);
    if (realpathSync(source) === realpathSync(this.file))
      throw new RunStoreError(`${source}: cannot merge a store into itself`, source);
    const db = this.#db;
    // The merged rows are not in the written-keys filters: every lookup goes to the table from now on.
    this.#written = undefined;
    db.prepare(`ATTACH DATABASE ? AS ${SOURCE}`).run(source);
    try {
      checkSchema(db, source, SOURCE, false);
      this.#guardSource(source);
      return db
        .transaction((): MergeResult => {
          const answerConflicts = `FROM ${SOURCE}.answers s JOIN main.answers m ON m.key = s.key WHERE s.result_json IS NOT m.result_json`;
          const judgmentConflicts = `FROM ${SOURCE}.judgments s JOIN main.judgments m ON m.key = s.key
            WHERE s.result_json IS NOT m.result_json OR s.outcome IS NOT m.outcome OR s.score IS NOT m.score`;
          const conflicts =
            Number(db.prepare(`SELECT count(*) ${answerConflicts}`).pluck().get()) +
            Number(db.prepare(`SELECT count(*) ${judgmentConflicts}`).pluck().get());
          const conflictKeys = db
            .prepare<[number], string>(
              `SELECT key FROM (SELECT s.key AS key ${answerConflicts} UNION ALL SELECT s.key AS key ${judgmentConflicts}) LIMIT ?`,
            )
            .pluck()
            .all(MAX_REPORTED_CONFLICTS);
          const answers = db
            .prepare(
              `INSERT OR IGNORE INTO main.answers (${ANSWER_COLUMNS}) SELECT ${ANSWER_COLUMNS} FROM ${SOURCE}.answers ORDER BY rowid`,
            )
            .run().changes;
          const judgments = db
            .prepare(
              `INSERT OR IGNORE INTO main.judgments (${JUDGMENT_COLUMNS}) SELECT ${JUDGMENT_COLUMNS} FROM ${SOURCE}.judgments ORDER BY rowid`,
            )
            .run().changes;
          const failures = db
            .prepare(
              `INSERT INTO main.failures (${FAILURE_COLUMNS})
               SELECT ${FAILURE_COLUMNS} FROM ${SOURCE}.failures s
               WHERE NOT EXISTS (
                 SELECT 1 FROM main.failures m
                 WHERE m.key = s.key AND m.at = s.at AND m.error_kind = s.error_kind AND m.attempts = s.attempts AND m.message = s.message
               )
               ORDER BY s.id`,
            )
            .run().changes;
          // Generated turns (schema 2 sources only); first write wins, like answers.
          const followups = hasTable(db, SOURCE, 'followups')
            ? db
                .prepare(
                  `INSERT OR IGNORE INTO main.followups (${FOLLOWUP_COLUMNS}) SELECT ${FOLLOWUP_COLUMNS} FROM ${SOURCE}.followups ORDER BY rowid`,
                )
                .run().changes
            : 0;
          return { answers, judgments, failures, conflicts, conflictKeys, ...(followups > 0 ? { followups } : {}) };
        })
        .immediate();
    } finally {
      db.prepare(`DETACH DATABASE ${SOURCE}`).run();
    }
  }

  /** SQLite's `PRAGMA integrity_check`: `ok: true` when the file is sound, else the problems it lists. */
  checkIntegrity(): { ok: boolean; problems: string[] } {
    const lines = this.#db.prepare<[], string>('PRAGMA integrity_check').pluck().all();
    const ok = lines.length === 1 && lines[0] === 'ok';
    return { ok, problems: ok ? [] : lines };
  }

  /** Whether the store is still open. */
  get isOpen(): boolean {
    return this.#db.open;
  }

  /** Closes the file (idempotent). Everything written is already committed. */
  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #statement<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  #writable(method: string): void {
    if (this.readonly) throw new RunStoreError(`${this.file}: ${method} on a store opened read-only`, this.file);
  }

  #guard(row: object, what: string): void {
    if (this.#secrets.length === 0) return;
    const hit = findSecret(
      Object.values(row)
        .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
        .join('\n'),
      this.#secrets,
    );
    if (hit) {
      throw new RunStoreSecretError(
        `${this.file}: refusing to write ${what}: it contains secret #${hit.index + 1} of ${this.#secrets.length} given to the store; redact it before storing`,
        this.file,
      );
    }
  }

  /** A store written without a secrets list may hold one: look before copying it in. */
  #guardSource(source: string): void {
    const probes = [
      `SELECT 1 FROM ${SOURCE}.answers WHERE instr(result_json, @s) > 0 OR instr(coalesce(raw_json, ''), @s) > 0 LIMIT 1`,
      `SELECT 1 FROM ${SOURCE}.judgments WHERE instr(result_json, @s) > 0 LIMIT 1`,
      `SELECT 1 FROM ${SOURCE}.failures WHERE instr(message, @s) > 0 LIMIT 1`,
    ].map((sql) => this.#db.prepare<[{ s: string }], number>(sql).pluck());
    this.#secrets.forEach((secret, index) => {
      const forms = secretForms(secret);
      if (probes.some((probe) => forms.some((form) => probe.get({ s: form }) !== undefined))) {
        throw new RunStoreSecretError(
          `${source}: refusing to merge: the store contains secret #${index + 1} of ${this.#secrets.length} given to ${this.file}`,
          source,
        );
      }
    });
  }
}

/**
 * Checks the schema version of the store attached as `schema`. Returns `empty` for a database with
 * no tables at all (only when `allowEmpty`: a new store), `ok` for a store this code can use.
 */
function checkSchema(db: Database.Database, file: string, schema: string, allowEmpty: boolean): 'ok' | 'empty' {
  const tables = db.prepare<[], string>(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table'`).pluck().all();
  if (tables.length === 0 && allowEmpty) return 'empty';
  if (!tables.includes('meta'))
    throw new RunStoreSchemaError(`${file}: not an sc-safety run store (no meta table); ${storeRecovery(file)}`, file);
  const json = db
    .prepare<[string], string>(`SELECT value_json FROM ${schema}.meta WHERE key = ?`)
    .pluck()
    .get(SCHEMA_VERSION_META_KEY);
  let version: unknown;
  try {
    version = json === undefined ? undefined : JSON.parse(json);
  } catch {
    // A corrupt version row is reported like any other bad version, naming the file.
    version = undefined;
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new RunStoreSchemaError(
      `${file}: not an sc-safety run store (schema version ${json ?? 'missing'}); ${storeRecovery(file)}`,
      file,
    );
  }
  if (version > STORE_SCHEMA_VERSION) {
    throw new RunStoreSchemaError(
      `${file}: this run store has schema version ${version}, newer than the ${STORE_SCHEMA_VERSION} this sc-safety understands; upgrade sc-safety to use it`,
      file,
    );
  }
  return 'ok';
}

function isEmpty(db: Database.Database, table: 'answers' | 'judgments'): boolean {
  return db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined;
}

function hasTable(db: Database.Database, schema: string, name: string): boolean {
  return (
    db
      .prepare<[string], string>(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`)
      .pluck()
      .get(name) !== undefined
  );
}

function resolveStoreFile(p: string): string {
  const resolved = path.resolve(p);
  return existsSync(resolved) && statSync(resolved).isDirectory() ? path.join(resolved, STORE_FILE_NAME) : resolved;
}

function splitRaw(result: unknown, raw: unknown): { result: unknown; raw: unknown } {
  if (result !== null && typeof result === 'object' && !Array.isArray(result) && 'raw' in result) {
    const { raw: inner, ...rest } = result as Record<string, unknown>;
    return { result: rest, raw: raw ?? inner };
  }
  return { result, raw };
}

function resultJson(result: unknown, what: string): string {
  if (result === undefined) throw new TypeError(`${what}: result is undefined`);
  try {
    // Canonical, so the same content is the same text on every shard and merges compare content.
    return canonicalKeyJson(result);
  } catch (error) {
    throw new TypeError(`${what}: result cannot be stored as JSON: ${messageOf(error)}`, { cause: error });
  }
}

/**
 * The columns every stored call has (an answer, or a generated turn): its result without the raw
 * body, the raw body, timing and when it was written; after the checks they pass: a key, their turn
 * number (`round` or `turn`, at least `min`) and finite timing.
 */
function callColumns(
  record: { key: string; latencyMs: number; attempts: number; result: unknown; raw?: unknown; createdAt: string },
  what: 'answer' | 'followup',
  field: 'round' | 'turn',
  turn: number,
  min: number,
): Pick<AnswerRow, 'result_json' | 'raw_json' | 'latency_ms' | 'attempts' | 'created_at'> {
  checkKey(record.key, what);
  if (!Number.isInteger(turn) || turn < min)
    throw new TypeError(`${what} ${record.key}: ${field} must be an integer ≥ ${min}, got ${String(turn)}`);
  checkNumber(record.latencyMs, 'latencyMs', record.key);
  checkNumber(record.attempts, 'attempts', record.key);
  const { result, raw } = splitRaw(record.result, record.raw);
  return {
    result_json: resultJson(result, `${what} ${record.key}`),
    raw_json: raw === undefined ? null : JSON.stringify(raw),
    latency_ms: record.latencyMs,
    attempts: record.attempts,
    created_at: String(record.createdAt),
  };
}

function checkKey(key: unknown, what: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError(`${what}: key must be a non-empty string`);
}

function checkNumber(value: unknown, field: string, key: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TypeError(`${key}: ${field} must be a finite number, got ${String(value)}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
