import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { followupKey } from './followup-key.js';
import type { StoredFollowup } from './followups-table.js';
import { RunStore } from './run-store.js';
import { STORE_FILE_NAME, STORE_SCHEMA_VERSION } from './schema.js';
import { answer, failure, fakeKey, judgment, scratch } from './__fixtures__/store-fixtures.js';

const tmp = scratch();
afterAll(() => tmp.cleanup());

/** The schema-1 tables as sc-safety wrote them before adaptive follow-ups. */
const V1_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value_json TEXT NOT NULL);
CREATE TABLE answers (key TEXT PRIMARY KEY NOT NULL, model_id TEXT NOT NULL, item_id TEXT NOT NULL,
  round INTEGER NOT NULL CHECK (round IN (1, 2)), result_json TEXT NOT NULL, raw_json TEXT, latency_ms REAL NOT NULL,
  attempts INTEGER NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX answers_by_model_item ON answers (model_id, item_id, round);
CREATE TABLE judgments (key TEXT PRIMARY KEY NOT NULL, answer_key TEXT NOT NULL, judge_id TEXT NOT NULL, prompt_hash TEXT NOT NULL,
  outcome TEXT NOT NULL, score REAL, result_json TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE failures (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('answer', 'judgment')),
  model_id TEXT NOT NULL, item_id TEXT NOT NULL, round INTEGER NOT NULL, judge_id TEXT, error_kind TEXT NOT NULL, message TEXT NOT NULL,
  status INTEGER, vendor_code TEXT, attempts INTEGER NOT NULL, at TEXT NOT NULL);
CREATE INDEX failures_by_key ON failures (key);
INSERT INTO meta (key, value_json) VALUES ('schema_version', '1');
`;

function followup(n: number, extra: Partial<StoredFollowup> = {}): StoredFollowup {
  return {
    key: fakeKey(1000 + n),
    answerKey: fakeKey(n),
    modelId: 'm',
    itemId: `item-${n}`,
    turn: 2,
    attackerId: 'atk',
    strategy: 'pressure',
    promptHash: 'sha256:atk',
    outcome: 'ok',
    text: `追问${n}`,
    result: { type: 'completed', text: `<追问>追问${n}</追问>` },
    latencyMs: 5,
    attempts: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

describe('store schema 2: generated turns', () => {
  it('migrates a schema-1 store on open, keeping every row and its order, and then takes turn 3 and followups', () => {
    const dir = tmp.dir();
    mkdirSync(dir, { recursive: true });
    const db = new Database(path.join(dir, STORE_FILE_NAME));
    db.exec(V1_SQL);
    // Rows written under the schema-1 CHECKs: rounds 1 and 2, answer and judgment failures.
    db.prepare(`INSERT INTO answers VALUES ('${fakeKey(2)}', 'm', 'item-2', 2, '{}', NULL, 1, 1, 't')`).run();
    db.prepare(
      `INSERT INTO failures (key, kind, model_id, item_id, round, error_kind, message, attempts, at) VALUES ('${fakeKey(9)}', 'answer', 'm', 'i', 1, 'x', 'y', 1, 't')`,
    ).run();
    db.close();
    const store = RunStore.open(dir);
    expect(store.getMeta('schema_version')).toBe(STORE_SCHEMA_VERSION);
    expect(store.getAnswer(fakeKey(2))?.round).toBe(2);
    store.putAnswer(answer(3, { round: 3 }));
    store.putJudgment(judgment(3));
    store.putFailure(failure(4, { kind: 'followup', round: 3 }));
    expect(store.putFollowup(followup(3))).toBe(true);
    expect(store.putFollowup(followup(3, { text: 'other' }))).toBe(false);
    expect(store.getFollowup(fakeKey(1003))).toMatchObject({ text: '追问3', turn: 2, outcome: 'ok' });
    expect([...store.iterateAnswers()].map((a) => a.round)).toEqual([2, 3]);
    expect([...store.failures()].map((f) => f.kind)).toEqual(['answer', 'followup']);
    store.close();
  });

  it('refuses a turn below 2, and merges generated turns from another store', () => {
    const a = RunStore.open(tmp.dir());
    expect(() => a.putFollowup(followup(1, { turn: 1 }))).toThrow(/turn must be an integer ≥ 2/);
    const otherDir = tmp.dir();
    const b = RunStore.open(otherDir);
    b.putFollowup(followup(5));
    b.close();
    expect(a.mergeFrom(otherDir).followups).toBe(1);
    expect(a.getFollowup(fakeKey(1005))?.text).toBe('追问5');
    a.close();
  });

  it('keys a turn by the answer it follows and its text, the attacker, prompt, strategy and turn', () => {
    const base = {
      answerKey: fakeKey(1),
      answerText: 'A1',
      attacker: { adapter: 'openai', config: { model: 'x', apiKey: 'sk-secret' } },
      promptHash: 'h',
      strategy: 'pressure',
      turn: 2,
    };
    const key = followupKey(base);
    expect(followupKey({ ...base, attacker: { adapter: 'openai', config: { model: 'x', apiKey: 'sk-other' } } })).toBe(
      key,
    );
    for (const changed of [
      { answerText: 'A1 changed' },
      { strategy: 'role_play' },
      { turn: 3 },
      { promptHash: 'h2' },
      { answerKey: fakeKey(2) },
    ]) {
      expect(followupKey({ ...base, ...changed })).not.toBe(key);
    }
  });
});
