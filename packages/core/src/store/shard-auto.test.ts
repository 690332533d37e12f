import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectShardDirs, resolveShard, shardDirName, shardFromEnvironment } from './shard-auto.js';
import { ShardSpecError } from './shard.js';

describe('shardFromEnvironment', () => {
  it('reads SC_SAFETY_SHARD_INDEX / _COUNT (0-based), e.g. from a GitHub Actions matrix', () => {
    expect(shardFromEnvironment({ SC_SAFETY_SHARD_INDEX: '2', SC_SAFETY_SHARD_COUNT: '4' })).toEqual({
      shard: { index: 2, count: 4 },
      source: 'sc-safety',
    });
  });

  it('reads a Kubernetes Indexed Job: JOB_COMPLETION_INDEX with the count given', () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '0', SC_SAFETY_SHARD_COUNT: '3' })).toEqual({
      shard: { index: 0, count: 3 },
      source: 'kubernetes',
    });
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '0' })).toThrow(
      /SC_SAFETY_SHARD_COUNT is not: set it to the Job's completions/,
    );
  });

  it('reads a Slurm array from its first task id and step, whatever the array starts at', () => {
    const slurm = (id: number, min: number, step = 1) =>
      shardFromEnvironment({
        SLURM_ARRAY_TASK_ID: String(id),
        SLURM_ARRAY_TASK_COUNT: '4',
        SLURM_ARRAY_TASK_MIN: String(min),
        SLURM_ARRAY_TASK_STEP: String(step),
      }).shard;
    expect([1, 2, 3, 4].map((id) => slurm(id, 1).index)).toEqual([0, 1, 2, 3]);
    expect([0, 1, 2, 3].map((id) => slurm(id, 0).index)).toEqual([0, 1, 2, 3]);
    expect([10, 12, 14, 16].map((id) => slurm(id, 10, 2).index)).toEqual([0, 1, 2, 3]);
    expect(() => slurm(11, 10, 2)).toThrow(/not on the array's range/);
    expect(() => slurm(9, 1)).toThrow(/shard index 8 \(0-based\), which is not below the count 4/);
  });

  it('prefers the explicit variables over a scheduler, and a Kubernetes index over Slurm', () => {
    const explicit = { SC_SAFETY_SHARD_INDEX: '1', SC_SAFETY_SHARD_COUNT: '2' };
    const kubernetes = { JOB_COMPLETION_INDEX: '0' };
    const slurm = { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '2' };
    const env = { ...explicit, ...kubernetes, ...slurm };
    expect(shardFromEnvironment(env).source).toBe('sc-safety');
    expect(shardFromEnvironment({ ...env, SC_SAFETY_SHARD_INDEX: '' }).source).toBe('kubernetes');
  });

  it('fails as a usage error naming the variables when none is set or a value is bad', () => {
    expect(() => shardFromEnvironment({})).toThrow(ShardSpecError);
    expect(() => shardFromEnvironment({})).toThrow(
      /no scheduler variables found: set SC_SAFETY_SHARD_INDEX and SC_SAFETY_SHARD_COUNT.*SLURM_ARRAY_TASK_ID/,
    );
    expect(() => shardFromEnvironment({ SC_SAFETY_SHARD_INDEX: 'x', SC_SAFETY_SHARD_COUNT: '2' })).toThrow(
      /SC_SAFETY_SHARD_INDEX="x" is not a whole number/,
    );
    expect(() => shardFromEnvironment({ SC_SAFETY_SHARD_INDEX: '0', SC_SAFETY_SHARD_COUNT: '0' })).toThrow(
      /SC_SAFETY_SHARD_COUNT="0" is not a whole number ≥ 1/,
    );
  });
});

describe('resolveShard / shardDirName', () => {
  it('keeps i/n as written and marks only auto with its source', () => {
    expect(resolveShard('2/4', { SC_SAFETY_SHARD_INDEX: '0', SC_SAFETY_SHARD_COUNT: '4' })).toEqual({
      shard: { index: 1, count: 4 },
    });
    expect(resolveShard('auto', { SC_SAFETY_SHARD_INDEX: '3', SC_SAFETY_SHARD_COUNT: '4' }).source).toBe('sc-safety');
    expect(shardDirName({ index: 1, count: 4 })).toBe('shard-2-of-4');
  });
});

describe('collectShardDirs', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  function layout(shards: string[]): string {
    dir = mkdtempSync(path.join(tmpdir(), 'sc-collect-'));
    for (const s of shards) {
      mkdirSync(path.join(dir, 'run', s), { recursive: true });
      writeFileSync(path.join(dir, 'run', s, 'store.sqlite'), '');
    }
    return path.join(dir, 'run');
  }

  it('expands a directory of shard runs in shard order and leaves run directories alone', () => {
    const run = layout(['shard-2-of-3', 'shard-1-of-3', 'shard-3-of-3']);
    expect(collectShardDirs([run])).toEqual(
      ['shard-1-of-3', 'shard-2-of-3', 'shard-3-of-3'].map((s) => path.join(run, s)),
    );
    expect(collectShardDirs([path.join(run, 'shard-1-of-3')])).toEqual([path.join(run, 'shard-1-of-3')]);
  });

  it('refuses an incomplete or mixed set, naming what is missing', () => {
    expect(() => collectShardDirs([layout(['shard-1-of-3', 'shard-3-of-3'])])).toThrow(/missing shard-2-of-3/);
    rmSync(dir!, { recursive: true, force: true });
    expect(() => collectShardDirs([layout(['shard-1-of-2', 'shard-1-of-3'])])).toThrow(/different splits/);
  });
});
