import { createHash } from 'node:crypto';

/** One slice of a run split across machines: `index` is 0-based, `count` is the number of slices. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Which of `count` shards an item belongs to: 0..count-1, from the SHA-256 of its id, so the
 * assignment is the same on every machine and does not depend on the item's position in the file.
 */
export function shardOf(itemId: string, count: number): number {
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError(`shard count must be a positive integer, got ${String(count)}`);
  const digest = createHash('sha256').update(itemId, 'utf8').digest();
  // 48 bits keep the modulo bias far below anything measurable for any realistic count.
  return digest.readUIntBE(0, 6) % count;
}

/** Thrown for a malformed `--shard` value. */
export class ShardSpecError extends Error {
  constructor(
    readonly input: string,
    message?: string,
  ) {
    super(
      message ??
        `invalid shard ${JSON.stringify(input)}: expected the form i/n with 1 ≤ i ≤ n (e.g. 2/4 for the second of four shards), or auto`,
    );
    this.name = 'ShardSpecError';
  }
}

/** Parses `i/n` (1-based, as users write it) into a 0-based {@link Shard}: `'2/4'` → `{index: 1, count: 4}`. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new ShardSpecError(text);
  const i = Number(match[1]);
  const n = Number(match[2]);
  if (!Number.isSafeInteger(i) || !Number.isSafeInteger(n) || n < 1 || i < 1 || i > n) throw new ShardSpecError(text);
  return { index: i - 1, count: n };
}
