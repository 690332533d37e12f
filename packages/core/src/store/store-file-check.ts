import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { RunStoreCorruptError } from './errors.js';

/** What every SQLite 3 database file starts with. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/** How to get going again from a damaged store, for every message about one. */
export function storeRecovery(file: string): string {
  const dir = path.dirname(file);
  return (
    `run \`sc-safety store check ${dir}\` to see what is wrong, or run again with --fresh: it moves ` +
    `${path.basename(file)} aside (to ${path.basename(file)}.moved-<time>, nothing is deleted) and starts a new store`
  );
}

/**
 * Looks at an existing store file before SQLite does: SQLite silently treats a 0-byte file as a
 * new empty database (a run would start over beside lost work) and reports a truncated one only
 * as "database disk image is malformed", when a query reaches the missing pages.
 *
 * @throws RunStoreCorruptError for an empty, truncated or foreign file, naming it and the recovery.
 */
export function assertStoreFileIntact(file: string): void {
  const size = statSync(file).size;
  const broken = (what: string): RunStoreCorruptError =>
    new RunStoreCorruptError(`${file}: ${what}; ${storeRecovery(file)}`, file);
  if (size === 0) throw broken('the run store is empty (0 bytes), so everything it held is gone or was never written');
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (read < HEADER_BYTES || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw broken(
      read < HEADER_BYTES && header.subarray(0, read).equals(SQLITE_MAGIC.subarray(0, read))
        ? `the run store is truncated (${size} bytes)`
        : 'not a run store (not a SQLite database file)',
    );
  }
  // Header fields of the SQLite file format's database header (its published file-format page): page size at 16 (1 means 65536), the database
  // size in pages at 28, valid when the change counter at 24 equals "version-valid-for" at 92.
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  const valid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (valid && pages > 0 && size < pageSize * pages) {
    throw broken(`the run store is truncated: its header says ${pageSize * pages} bytes, the file has ${size}`);
  }
}
