import { InvalidArgumentError } from 'commander';

/**
 * Parsers for numeric flag values shared by several commands (`--limit`, `--concurrency`,
 * `--max-line-bytes`). Commander prints the thrown message after the flag's name and exits 2.
 */

/** A whole number ≥ 1 (`--limit`, `--concurrency`). */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1.');
  return n;
}

/** A byte count ≥ 1024 (`--max-line-bytes`): smaller would refuse any real dataset line. */
export function lineBytes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1024) throw new InvalidArgumentError('expected a whole number of bytes ≥ 1024.');
  return n;
}
