import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ReadAhead } from './read-ahead.js';
import { RunStore } from './run-store.js';
import { answer, fakeKey, judgment, scratch } from './__fixtures__/store-fixtures.js';

const tmp = scratch('sc-read-ahead-');
afterAll(() => tmp.cleanup());

interface Row {
  key: string;
  n: number;
}

/** A table of `count` rows, and a ReadAhead over it that counts the statements it runs. */
function table(count: number, windowRows: number) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (key TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO t (key, n) VALUES (?, ?)');
  for (let n = 1; n <= count; n++) insert.run(`k${n}`, n);
  const point = db.prepare<[string], Row & { _rowid: number }>('SELECT rowid AS _rowid, key, n FROM t WHERE key = ?');
  const after = db.prepare<[number, number], Row & { _rowid: number }>(
    'SELECT rowid AS _rowid, key, n FROM t WHERE rowid > ? ORDER BY rowid LIMIT ?',
  );
  const runs = { point: 0, after: 0 };
  let rowsRead = 0;
  const counted = {
    get: (key: string) => (runs.point++, point.get(key)),
    all: (rowid: number, limit: number) => {
      runs.after++;
      const rows = after.all(rowid, limit);
      rowsRead += rows.length;
      return rows;
    },
  };
  const ahead = new ReadAhead<Row>(counted as never, counted as never, windowRows);
  return { db, ahead, runs, insert, rowsRead: () => rowsRead };
}

describe('ReadAhead', () => {
  it('serves lookups in written order from one range scan per window', () => {
    const { db, ahead, runs } = table(100, 10);
    const all = [...Array(100).keys()].map((n) => n + 1);
    expect(all.map((n) => ahead.get(`k${n}`)?.n)).toEqual(all);
    // k1 is looked up (and the 8 rows after it read), then k10 (and the next 10), k21, k32, …
    expect(runs).toEqual({ point: 10, after: 10 });
    db.close();
  });

  it('answers exactly as the table does: missing keys, rows out of order, rows added later', () => {
    const { db, ahead, insert } = table(50, 8);
    expect(ahead.get('nope')).toBeUndefined();
    for (const n of [5, 4, 30, 6, 29, 1, 50, 12, 11]) expect(ahead.get(`k${n}`)?.n).toBe(n);
    expect(ahead.get('k51')).toBeUndefined();
    insert.run('k51', 51);
    // Only existing rows are kept, so a key that was missing is found once it is written.
    expect(ahead.get('k51')?.n).toBe(51);
    db.close();
  });

  it('reads a few rows per lookup, not whole windows, when lookups follow no order', () => {
    const { db, ahead, rowsRead } = table(1_000, 2_048);
    const order = [...Array(1_000).keys()].map((n) => ((n * 601) % 1_000) + 1);
    expect(order.map((n) => ahead.get(`k${n}`)?.n)).toEqual(order);
    expect(rowsRead()).toBeLessThanOrEqual(order.length * 16);
    db.close();
  });

  it.each([
    // Lanes a little out of order: each block of 10 rows asked last to first.
    ['blocks asked backwards', (n: number) => Math.floor(n / 10) * 10 + (9 - (n % 10)) + 1],
    // Two merged shards: the lookups alternate between the first and the second half of the table.
    ['two halves in turn', (n: number) => (n % 2 === 0 ? n / 2 : 500 + (n - 1) / 2) + 1],
  ])('reads each row about once while the lookups move forward (%s)', (_, nth) => {
    const { db, ahead, runs, rowsRead } = table(1_000, 64);
    const order = [...Array(1_000).keys()].map(nth);
    expect(new Set(order).size).toBe(1_000);
    expect(order.map((n) => ahead.get(`k${n}`)?.n)).toEqual(order);
    // At most one window's rows twice (where the first half's windows run into the second's).
    expect(rowsRead()).toBeLessThanOrEqual(1_000 + 64);
    expect(runs.point).toBeLessThanOrEqual(60);
    db.close();
  });
});

describe('RunStore reads with read-ahead', () => {
  it('returns every stored answer and judgment, in any order, as written', () => {
    const store = RunStore.open(tmp.dir());
    const count = 500;
    store.transaction(() => {
      for (let n = 0; n < count; n++) {
        store.putAnswer(answer(n, { raw: { body: n } }));
        store.putJudgment(judgment(n, { score: n % 5 }));
      }
    });
    const order = [...Array(count).keys()].map((n) => (n * 601) % count);
    const both = [...order, ...order.reverse()];
    const read = both.map((n) => {
      const a = store.getAnswer(fakeKey(n));
      return [a?.itemId, a !== undefined && 'raw' in a, store.getJudgment(fakeKey(`j${n}`))?.score];
    });
    expect(read).toEqual(both.map((n) => [`item-${n}`, false, n % 5]));
    expect(store.getAnswer(fakeKey(count))).toBeUndefined();
    expect(store.getJudgment(fakeKey(`j${count}`))).toBeUndefined();
    // `withRaw` reads the row itself, raw body included.
    expect(store.getAnswer(fakeKey(3), { withRaw: true })?.raw).toEqual({ body: 3 });
    store.close();
  });
});
