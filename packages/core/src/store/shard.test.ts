import { describe, expect, it } from 'vitest';
import { parseShard, shardOf, ShardSpecError } from './shard.js';

describe('shardOf', () => {
  it('is stable, in range, and spreads items over every shard', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `item-${i}`);
    const counts = [0, 0, 0, 0];
    for (const id of ids) {
      const s = shardOf(id, 4);
      expect(s).toBe(shardOf(id, 4));
      counts[s]!++;
    }
    // Each shard gets a fair share (expected 1000; a hash this bad would be broken, not unlucky).
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4000);
  });

  it('does not depend on the process: known values', () => {
    // Pinned so that a change of hash (which would reshuffle running shards) fails loudly.
    expect([shardOf('item-0', 4), shardOf('item-1', 4), shardOf('安全-7', 4), shardOf('x', 1)]).toMatchInlineSnapshot(`
      [
        0,
        2,
        3,
        0,
      ]
    `);
  });

  it('rejects a bad count', () => {
    expect(() => shardOf('a', 0)).toThrow(RangeError);
    expect(() => shardOf('a', 1.5)).toThrow(/positive integer/);
  });
});

describe('parseShard', () => {
  it('reads i/n as 1-based and returns 0-based', () => {
    expect(parseShard('2/4')).toEqual({ index: 1, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 0, count: 1 });
    expect(parseShard(' 4 / 4 ')).toEqual({ index: 3, count: 4 });
  });

  it.each(['0/4', '5/4', 'a/b', '2', '2/0', '-1/4', '1.5/4', '', '2/4/8'])(
    'rejects %j with the expected form',
    (input) => {
      expect(() => parseShard(input)).toThrow(ShardSpecError);
      expect(() => parseShard(input)).toThrow(/form i\/n with 1 ≤ i ≤ n/);
    },
  );
});
