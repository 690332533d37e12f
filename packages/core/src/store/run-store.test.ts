import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineStore } from '../engine/engine-store.js';
import { RunStoreError, RunStoreSchemaError, RunStoreSecretError } from './errors.js';
import { RunStore } from './run-store.js';
import { STORE_FILE_NAME, STORE_SCHEMA_VERSION } from './schema.js';
import { answer, failure, fakeKey, judgment, scratch } from './__fixtures__/store-fixtures.js';

const tmp = scratch();
afterAll(() => tmp.cleanup());

/** A new store whose schema version row is rewritten to `valueJson`: its directory and file. */
function storeWithSchemaVersion(valueJson: string): { dir: string; file: string } {
  const dir = tmp.dir();
  RunStore.open(dir).close();
  const file = path.join(dir, STORE_FILE_NAME);
  const db = new Database(file);
  db.prepare("UPDATE meta SET value_json = ? WHERE key = 'schema_version'").run(valueJson);
  db.close();
  return { dir, file };
}

describe('RunStore.open', () => {
  it('creates the run directory and a WAL-mode store with the schema version', () => {
    const dir = path.join(tmp.dir(), 'nested', 'run');
    const store = RunStore.open(dir);
    store.close();
    const file = path.join(dir, STORE_FILE_NAME);
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT value_json FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(
      String(STORE_SCHEMA_VERSION),
    );
    db.close();
  });

  it('reopens an existing store with its rows', () => {
    const dir = tmp.dir();
    const a = RunStore.open(dir);
    a.putAnswer(answer(1));
    a.close();
    const b = RunStore.open(dir);
    expect(b.getAnswer(fakeKey(1))?.itemId).toBe('item-1');
    b.close();
  });

  it('refuses a store from a newer schema version, naming the file', () => {
    const { dir, file } = storeWithSchemaVersion('99');
    for (const readonly of [false, true]) {
      expect(() => RunStore.open(dir, { readonly })).toThrow(RunStoreSchemaError);
      expect(() => RunStore.open(dir, { readonly })).toThrow(
        `${file}: this run store has schema version 99, newer than the ${STORE_SCHEMA_VERSION}`,
      );
    }
  });

  it('refuses a corrupt schema version row with an error naming the file', () => {
    const { dir, file } = storeWithSchemaVersion('{oops');
    expect(() => RunStore.open(dir)).toThrow(RunStoreSchemaError);
    expect(() => RunStore.open(dir)).toThrow(`${file}: not an sc-safety run store (schema version {oops)`);
  });

  it('refuses files that are not run stores', () => {
    const garbage = tmp.dir();
    RunStore.open(garbage).close();
    writeFileSync(
      path.join(garbage, STORE_FILE_NAME),
      'this is not sqlite, just text long enough to be a header of some kind '.repeat(20),
    );
    expect(() => RunStore.open(garbage)).toThrow(/not a run store|not a database/);

    const other = tmp.dir();
    RunStore.open(other).close();
    const db = new Database(path.join(other, STORE_FILE_NAME));
    db.exec('DROP TABLE meta');
    db.close();
    expect(() => RunStore.open(other)).toThrow(/not an sc-safety run store \(no meta table\)/);
  });

  it('read-only: needs an existing store, creates nothing, and refuses every write', () => {
    const missing = tmp.dir();
    expect(() => RunStore.open(missing, { readonly: true })).toThrow(RunStoreError);
    expect(existsSync(missing)).toBe(false);

    const dir = tmp.dir();
    const writer = RunStore.open(dir);
    writer.putAnswer(answer(1));
    writer.setMeta('plan', { a: 1 });
    // A reader sees committed rows while the writer still holds the store open.
    const reader = RunStore.open(dir, { readonly: true });
    expect(reader.readonly).toBe(true);
    expect(reader.getAnswer(fakeKey(1))?.key).toBe(fakeKey(1));
    writer.putAnswer(answer(2));
    expect(reader.counts().answers).toBe(2);
    expect(reader.getMeta('plan')).toEqual({ a: 1 });
    expect(() => reader.putAnswer(answer(3))).toThrow(/putAnswer on a store opened read-only/);
    expect(() => reader.putJudgment(judgment(3))).toThrow(RunStoreError);
    expect(() => reader.putFailure(failure(3))).toThrow(RunStoreError);
    expect(() => reader.setMeta('x', 1)).toThrow(RunStoreError);
    expect(() => reader.mergeFrom(dir)).toThrow(RunStoreError);
    reader.close();
    writer.close();
  });
});

describe('RunStore.open where the run directory cannot be made', () => {
  it('throws a RunStoreError naming it (under a regular file; under procfs, where a recursive mkdir would spin forever)', () => {
    const file = path.join(tmp.dir(), 'plain-file');
    RunStore.open(path.dirname(file)).close();
    writeFileSync(file, '');
    expect(() => RunStore.open(path.join(file, 'run'))).toThrow(RunStoreError);
    expect(() => RunStore.open(path.join(file, 'run'))).toThrow(/cannot create the run directory/);
    if (existsSync('/proc/self'))
      expect(() => RunStore.open('/proc/sc-safety-test/run')).toThrow(
        /\/proc\/sc-safety-test.*cannot create the run directory/,
      );
  });
});

describe('answers and judgments', () => {
  it('puts and gets, first write wins, and survives reopen', () => {
    const dir = tmp.dir();
    const store = RunStore.open(dir);
    expect(store.getAnswer(fakeKey(1))).toBeUndefined();
    expect(store.putAnswer(answer(1, { round: 2, latencyMs: 1234.5, attempts: 3 }))).toBe(true);
    expect(store.putAnswer(answer(1, { result: { type: 'completed', text: 'different' } }))).toBe(false);
    const got = store.getAnswer(fakeKey(1));
    expect(got).toEqual(answer(1, { round: 2, latencyMs: 1234.5, attempts: 3 }));

    expect(store.putJudgment(judgment(1))).toBe(true);
    expect(store.putJudgment(judgment(1, { score: 1 }))).toBe(false);
    expect(store.putJudgment(judgment(2, { score: null, outcome: 'unparseable' }))).toBe(true);
    expect(store.getJudgment(fakeKey('j1'))).toEqual(judgment(1));
    expect(store.getJudgment(fakeKey('j2'))?.score).toBeNull();
    store.close();
    expect(store.isOpen).toBe(false);
    store.close();

    const again = RunStore.open(dir);
    expect(again.getAnswer(fakeKey(1))).toEqual(got);
    expect(again.getJudgment(fakeKey('j1'))).toEqual(judgment(1));
    again.close();
  });

  it('transaction: puts inside commit together, a caught failure skips one put, a throw rolls all back', () => {
    const dir = tmp.dir();
    const store = RunStore.open(dir);
    store.transaction(() => {
      store.putAnswer(answer(1));
      store.transaction(() => store.putJudgment(judgment(1)));
      expect(() => store.putAnswer(answer(2, { latencyMs: Number.NaN }))).toThrow(/latencyMs/);
      store.putAnswer(answer(3));
    });
    expect(() =>
      store.transaction(() => {
        store.putAnswer(answer(4));
        throw new Error('abandon');
      }),
    ).toThrow('abandon');
    store.close();
    const again = RunStore.open(dir, { readonly: true });
    expect([1, 2, 3, 4].map((n) => again.getAnswer(fakeKey(n)) !== undefined)).toEqual([true, false, true, false]);
    expect(again.getJudgment(fakeKey('j1'))).toEqual(judgment(1));
    again.close();
  });

  it('keeps raw apart: moved off the result, returned only with withRaw', () => {
    const store = RunStore.open(tmp.dir());
    const raw = { id: 'chatcmpl-1', choices: [{ message: { content: 'hi' } }] };
    store.putAnswer(answer(1, { result: { type: 'completed', text: 'hi', raw } }));
    store.putAnswer(answer(2, { raw: { body: 2 } }));
    expect(store.getAnswer(fakeKey(1))).toEqual(answer(1, { result: { type: 'completed', text: 'hi' } }));
    expect(store.getAnswer(fakeKey(1), { withRaw: true })?.raw).toEqual(raw);
    expect(store.getAnswer(fakeKey(2), { withRaw: true })?.raw).toEqual({ body: 2 });
    expect([...store.iterateAnswers({ withRaw: true })].map((a) => a.raw)).toEqual([raw, { body: 2 }]);
    expect([...store.iterateAnswers()].every((a) => a.raw === undefined)).toBe(true);
    store.close();
  });

  it('rejects malformed records', () => {
    const store = RunStore.open(tmp.dir());
    expect(() => store.putAnswer(answer(1, { key: '' }))).toThrow(/key must be a non-empty string/);
    expect(() => store.putAnswer(answer(1, { round: 0 }))).toThrow(/round must be an integer ≥ 1/);
    expect(() => store.putAnswer(answer(1, { latencyMs: Number.NaN }))).toThrow(/latencyMs must be a finite number/);
    expect(() => store.putAnswer(answer(1, { result: undefined }))).toThrow(/result is undefined/);
    expect(() => store.putJudgment(judgment(1, { score: Number.POSITIVE_INFINITY }))).toThrow(/score/);
    expect(store.counts()).toEqual({ answers: 0, judgments: 0, failures: 0, unresolvedFailures: 0 });
    store.close();
  });

  it('is usable wherever the engine expects its store', () => {
    const store = RunStore.open(tmp.dir());
    const engineStore: EngineStore = store;
    engineStore.putAnswer(answer(5));
    expect(engineStore.getAnswer(fakeKey(5))?.modelId).toBe('model-a');
    store.close();
  });
});

describe('failures', () => {
  it('are a log that does not block a retry, and resolve once the call succeeds', () => {
    const store = RunStore.open(tmp.dir());
    store.putFailure(failure(1));
    store.putFailure(failure(1, { at: '2025-01-02T00:00:00.000Z', errorKind: 'timeout', status: undefined }));
    store.putFailure(failure(2, { kind: 'judgment', judgeId: 'judge-1', vendorCode: 'content_filter' }));
    expect(store.getAnswer(fakeKey(1))).toBeUndefined();
    expect(store.counts()).toEqual({ answers: 0, judgments: 0, failures: 3, unresolvedFailures: 2 });

    const log = [...store.failures()];
    expect(log).toEqual([
      failure(1),
      failure(1, { at: '2025-01-02T00:00:00.000Z', errorKind: 'timeout', status: undefined }),
      failure(2, { kind: 'judgment', judgeId: 'judge-1', vendorCode: 'content_filter' }),
    ]);
    expect('status' in log[1]!).toBe(false);

    store.putAnswer(answer(1));
    expect(store.counts()).toEqual({ answers: 1, judgments: 0, failures: 3, unresolvedFailures: 1 });
    store.close();
  });
});

describe('meta', () => {
  it('stores JSON values, replaces them, and protects the schema version', () => {
    const store = RunStore.open(tmp.dir());
    expect(store.getMeta('plan')).toBeUndefined();
    store.setMeta('plan', { models: ['a'], n: 1 });
    store.setMeta('plan', { models: ['a', 'b'], n: 2 });
    store.setMeta('fingerprint', 'sha256:abc');
    store.setMeta('nothing', null);
    expect(store.getMeta<{ n: number }>('plan')).toEqual({ models: ['a', 'b'], n: 2 });
    expect(store.getMeta('fingerprint')).toBe('sha256:abc');
    expect(store.getMeta('nothing')).toBeNull();
    expect(() => store.setMeta('schema_version', 2)).toThrow(/reserved/);
    expect(() => store.setMeta('x', undefined)).toThrow(/undefined/);
    store.close();
  });
});

describe('secrets', () => {
  const secrets = ['sk-test-0123456789abcdef', 'abc'];

  it('refuses any write that would hold a secret, and names no secret', () => {
    const dir = tmp.dir();
    const store = RunStore.open(dir, { secrets });
    const leaks: Array<() => unknown> = [
      () => store.putAnswer(answer(1, { result: { type: 'completed', text: 'key is sk-test-0123456789abcdef' } })),
      () => store.putAnswer(answer(2, { raw: { headers: { authorization: 'Bearer sk-test-0123456789abcdef' } } })),
      () => store.putJudgment(judgment(3, { result: { echo: 'sk-test-0123456789abcdef' } })),
      () => store.putFailure(failure(4, { message: '401 for key sk-test-0123456789abcdef' })),
      () => store.setMeta('config', { apiKey: 'sk-test-0123456789abcdef' }),
    ];
    for (const leak of leaks) {
      expect(leak).toThrow(RunStoreSecretError);
      try {
        leak();
      } catch (error) {
        expect((error as Error).message).not.toContain('sk-test');
        expect((error as Error).message).toContain('secret #1 of 1');
      }
    }
    // Clean records pass; the 3-character "secret" is too short to be looked for.
    expect(store.putAnswer(answer(5, { result: { type: 'completed', text: 'abc is fine' } }))).toBe(true);
    expect(store.counts()).toEqual({ answers: 1, judgments: 0, failures: 0, unresolvedFailures: 0 });
    expect(store.getMeta('config')).toBeUndefined();
    store.close();
  });
});
