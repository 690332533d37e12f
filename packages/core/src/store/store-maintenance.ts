import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { RunStoreCorruptError, RunStoreSchemaError } from './errors.js';
import { RunStore } from './run-store.js';
import { STORE_FILE_NAME } from './schema.js';
import type { RunStoreCounts } from './types.js';

/** The store file and its WAL companions, as SQLite names them. */
const STORE_FILES = [STORE_FILE_NAME, `${STORE_FILE_NAME}-wal`, `${STORE_FILE_NAME}-shm`];

/**
 * `--fresh`: renames the run directory's store (and its `-wal` / `-shm` files) to
 * `<name>.moved-<time>` so the next open starts a new store. Nothing is deleted: the old files stay
 * beside it for `store check`, a merge or a forensic look. Returns the paths moved (empty when there
 * was no store).
 */
export function moveStoreAside(runDir: string, now: Date = new Date()): string[] {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const moved: string[] = [];
  for (const name of STORE_FILES) {
    const file = path.join(runDir, name);
    if (!existsSync(file)) continue;
    let target = `${file}.moved-${stamp}`;
    for (let n = 2; existsSync(target); n++) target = `${file}.moved-${stamp}-${n}`;
    renameSync(file, target);
    moved.push(file);
  }
  return moved;
}

/** What `sc-safety store check` reports. */
export interface StoreCheckReport {
  /** The store file. */
  file: string;
  /** SQLite's `PRAGMA integrity_check` said `ok` and the file is a run store this version reads. */
  ok: boolean;
  /** What is wrong, each with the file named; empty when `ok`. */
  problems: string[];
  /** Row counts, when the store could be read. */
  counts?: RunStoreCounts;
}

/**
 * Opens a run directory's store read-only, runs SQLite's integrity check and counts its rows.
 * A damaged or foreign file is a report (`ok: false`), not an exception.
 *
 * @throws RunStoreError when there is no store in `runDir`.
 */
export function checkRunStore(runDir: string): StoreCheckReport {
  const file = path.resolve(runDir, STORE_FILE_NAME);
  let store: RunStore;
  try {
    store = RunStore.open(runDir, { readonly: true });
  } catch (error) {
    if (error instanceof RunStoreCorruptError || error instanceof RunStoreSchemaError)
      return { file, ok: false, problems: [error.message] };
    throw error;
  }
  try {
    const integrity = store.checkIntegrity();
    if (!integrity.ok) return { file, ok: false, problems: integrity.problems.map((p) => `${file}: ${p}`) };
    return { file, ok: true, problems: [], counts: store.counts() };
  } catch (error) {
    // SQLite reports some damage (a page it cannot read) by throwing rather than listing it.
    return { file, ok: false, problems: [`${file}: ${error instanceof Error ? error.message : String(error)}`] };
  } finally {
    store.close();
  }
}
