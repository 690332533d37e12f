import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStoreCorruptError } from './errors.js';
import { RunStore } from './run-store.js';
import { STORE_FILE_NAME } from './schema.js';
import { checkRunStore, moveStoreAside } from './store-maintenance.js';
import { answer, scratch } from './__fixtures__/store-fixtures.js';

const tmp = scratch();
afterAll(() => tmp.cleanup());

/** A closed store with enough rows to span many pages. */
function filledStore(): { dir: string; file: string } {
  const dir = tmp.dir();
  const store = RunStore.open(dir);
  store.transaction(() => {
    for (let i = 0; i < 200; i++)
      store.putAnswer(
        answer(i, { result: { type: 'completed', text: `答案 ${i} `.repeat(40), usage: {}, warnings: [] } }),
      );
  });
  store.close();
  return { dir, file: path.join(dir, STORE_FILE_NAME) };
}

describe('a damaged run store is refused, named, with the way out', () => {
  it('a 0-byte store: refused (not silently re-initialised), for writing and for reading', () => {
    const dir = tmp.dir();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, STORE_FILE_NAME);
    writeFileSync(file, '');
    for (const readonly of [false, true]) {
      expect(() => RunStore.open(dir, { readonly })).toThrow(RunStoreCorruptError);
      expect(() => RunStore.open(dir, { readonly })).toThrow(
        new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the run store is empty.*--fresh`),
      );
    }
    expect(statSync(file).size).toBe(0);
  });

  it('a truncated store: refused at open, before any query meets "database disk image is malformed"', () => {
    const { dir, file } = filledStore();
    truncateSync(file, Math.floor(statSync(file).size / 2));
    expect(() => RunStore.open(dir)).toThrow(
      /truncated: its header says \d+ bytes, the file has \d+;.*store check.*--fresh/,
    );
  });

  it('a foreign file: refused as not a run store, with the recovery', () => {
    const dir = tmp.dir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, STORE_FILE_NAME), 'these are my notes, not a database\n'.repeat(10));
    expect(() => RunStore.open(dir)).toThrow(RunStoreCorruptError);
    expect(() => RunStore.open(dir)).toThrow(/not a run store.*--fresh/);
  });
});

describe('moveStoreAside (--fresh)', () => {
  it('renames the store and its WAL files aside, deleting nothing; a new store then opens empty', () => {
    const { dir, file } = filledStore();
    const before = readFileSync(file);
    const moved = moveStoreAside(dir, new Date('2025-06-01T10:00:00.000Z'));
    expect(moved).toContain(file);
    expect(existsSync(file)).toBe(false);
    const aside = readdirSync(dir).filter((f) => f.startsWith(`${STORE_FILE_NAME}.moved-2025-06-01T10-00-00-000Z`));
    expect(aside).toContain(`${STORE_FILE_NAME}.moved-2025-06-01T10-00-00-000Z`);
    expect(readFileSync(path.join(dir, `${STORE_FILE_NAME}.moved-2025-06-01T10-00-00-000Z`))).toEqual(before);
    const fresh = RunStore.open(dir);
    expect(fresh.counts().answers).toBe(0);
    fresh.close();
    // Moving again at the same instant never overwrites the first copy.
    moveStoreAside(dir, new Date('2025-06-01T10:00:00.000Z'));
    expect(readFileSync(path.join(dir, `${STORE_FILE_NAME}.moved-2025-06-01T10-00-00-000Z`))).toEqual(before);
  });
});

describe('checkRunStore (sc-safety store check)', () => {
  it('reports ok with the row counts for a sound store', () => {
    const { dir, file } = filledStore();
    expect(checkRunStore(dir)).toEqual({
      file,
      ok: true,
      problems: [],
      counts: { answers: 200, judgments: 0, failures: 0, unresolvedFailures: 0 },
    });
  });

  it('reports a truncated or empty store as not ok, naming the file, without throwing', () => {
    const { dir, file } = filledStore();
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const report = checkRunStore(dir);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain(file);
    truncateSync(file, 0);
    expect(checkRunStore(dir).problems.join('\n')).toMatch(/empty \(0 bytes\)/);
  });
});
