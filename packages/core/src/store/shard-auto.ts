import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { STORE_FILE_NAME } from './schema.js';
import { parseShard, ShardSpecError, type Shard } from './shard.js';

/**
 * The variables `--shard auto` reads (docs/cluster-runs.md). Every index here is 0-based.
 * - `SC_SAFETY_SHARD_INDEX` + `SC_SAFETY_SHARD_COUNT`: set them yourself, e.g. in a GitHub Actions
 *   matrix from `strategy.job-index` and `strategy.job-total`.
 * - `JOB_COMPLETION_INDEX` (set by a Kubernetes Indexed Job) + `SC_SAFETY_SHARD_COUNT` (the Job's
 *   `completions`: Kubernetes does not expose it to the pod).
 * - `SLURM_ARRAY_TASK_ID` with `SLURM_ARRAY_TASK_COUNT`, `SLURM_ARRAY_TASK_MIN` and
 *   `SLURM_ARRAY_TASK_STEP` (set by Slurm in a job array such as `--array=0-3` or `1-4`).
 */
export const SHARD_ENV = {
  index: 'SC_SAFETY_SHARD_INDEX',
  count: 'SC_SAFETY_SHARD_COUNT',
  kubernetesIndex: 'JOB_COMPLETION_INDEX',
  slurmId: 'SLURM_ARRAY_TASK_ID',
  slurmCount: 'SLURM_ARRAY_TASK_COUNT',
  slurmMin: 'SLURM_ARRAY_TASK_MIN',
  slurmStep: 'SLURM_ARRAY_TASK_STEP',
} as const;

/** Where an automatic shard came from. */
export type ShardSource = 'sc-safety' | 'kubernetes' | 'slurm';

/** A `--shard` value resolved: the shard, and for `auto` the scheduler it was read from. */
export interface ResolvedShard {
  shard: Shard;
  source?: ShardSource;
}

type Env = Readonly<Record<string, string | undefined>>;

function fail(message: string): never {
  throw new ShardSpecError('auto', `--shard auto: ${message}`);
}

function wholeNumber(env: Env, name: string, min: number): number {
  const raw = env[name]?.trim() ?? '';
  const n = Number(raw);
  if (raw === '' || !Number.isSafeInteger(n) || n < min)
    fail(`${name}=${JSON.stringify(env[name] ?? '')} is not a whole number ≥ ${min}`);
  return n;
}

function checked(index: number, count: number, what: string): Shard {
  if (index >= count) fail(`${what} gives shard index ${index} (0-based), which is not below the count ${count}`);
  return { index, count };
}

/**
 * Reads the shard from a scheduler's environment (see {@link SHARD_ENV}); the first source present
 * wins, in the order listed there. Fails naming the variables when none is set or a value is unusable.
 */
export function shardFromEnvironment(env: Env): ResolvedShard {
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  if (present(SHARD_ENV.index)) {
    const index = wholeNumber(env, SHARD_ENV.index, 0);
    if (!present(SHARD_ENV.count))
      fail(`${SHARD_ENV.index} is set but ${SHARD_ENV.count} is not: set it to the number of shards`);
    return { shard: checked(index, wholeNumber(env, SHARD_ENV.count, 1), SHARD_ENV.index), source: 'sc-safety' };
  }
  if (present(SHARD_ENV.kubernetesIndex)) {
    const index = wholeNumber(env, SHARD_ENV.kubernetesIndex, 0);
    if (!present(SHARD_ENV.count)) {
      fail(
        `${SHARD_ENV.kubernetesIndex} is set (a Kubernetes Indexed Job) but ${SHARD_ENV.count} is not: set it to the Job's completions`,
      );
    }
    return {
      shard: checked(index, wholeNumber(env, SHARD_ENV.count, 1), SHARD_ENV.kubernetesIndex),
      source: 'kubernetes',
    };
  }
  if (present(SHARD_ENV.slurmId)) {
    const id = wholeNumber(env, SHARD_ENV.slurmId, 0);
    if (!present(SHARD_ENV.slurmCount))
      fail(`${SHARD_ENV.slurmId} is set but ${SHARD_ENV.slurmCount} is not (Slurm sets both in a job array)`);
    const count = wholeNumber(env, SHARD_ENV.slurmCount, 1);
    const min = present(SHARD_ENV.slurmMin) ? wholeNumber(env, SHARD_ENV.slurmMin, 0) : 0;
    const step = present(SHARD_ENV.slurmStep) ? wholeNumber(env, SHARD_ENV.slurmStep, 1) : 1;
    if (id < min || (id - min) % step !== 0) {
      fail(
        `${SHARD_ENV.slurmId}=${id} is not on the array's range (min ${min}, step ${step}): use a contiguous array such as --array=0-${count - 1}`,
      );
    }
    return {
      shard: checked((id - min) / step, count, `${SHARD_ENV.slurmId} - ${SHARD_ENV.slurmMin}`),
      source: 'slurm',
    };
  }
  return fail(
    `no scheduler variables found: set ${SHARD_ENV.index} and ${SHARD_ENV.count} (0-based index), or run it as a ` +
      `Kubernetes Indexed Job (${SHARD_ENV.kubernetesIndex}, with ${SHARD_ENV.count}) or a Slurm job array ` +
      `(${SHARD_ENV.slurmId}, ${SHARD_ENV.slurmCount}); see docs/cluster-runs.md`,
  );
}

/** Resolves a `--shard` value: `i/n` as written, or `auto` from the environment. */
export function resolveShard(text: string, env: Env): ResolvedShard {
  return text.trim() === 'auto' ? shardFromEnvironment(env) : { shard: parseShard(text) };
}

/** The run directory an automatic shard writes inside the run's output directory: `shard-2-of-4` (1-based). */
export function shardDirName(shard: Shard): string {
  return `shard-${shard.index + 1}-of-${shard.count}`;
}

const SHARD_DIR = /^shard-(\d+)-of-(\d+)$/;

/**
 * `merge` collecting automatic shards: a directory that is not itself a run but holds
 * `shard-i-of-n` run directories stands for all of them. Fails naming the missing shards when the
 * set is incomplete or mixes counts, so a merge never passes a partial run off as the whole.
 */
export function collectShardDirs(dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) => {
    if (existsSync(path.join(dir, STORE_FILE_NAME)) || !existsSync(dir)) return [dir];
    const found = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && SHARD_DIR.test(e.name))
      .map((e) => ({
        name: e.name,
        index: Number(SHARD_DIR.exec(e.name)![1]),
        count: Number(SHARD_DIR.exec(e.name)![2]),
      }));
    if (found.length === 0) return [dir];
    const counts = new Set(found.map((f) => f.count));
    if (counts.size > 1) {
      throw new ShardSpecError(
        'auto',
        `${dir}: shard directories of different splits (${[...counts]
          .sort()
          .map((n) => `of-${n}`)
          .join(', ')}): merge one split at a time`,
      );
    }
    const count = found[0]!.count;
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !found.some((f) => f.index === i));
    if (missing.length > 0) {
      throw new ShardSpecError(
        'auto',
        `${dir}: missing ${missing.map((i) => `shard-${i}-of-${count}`).join(', ')}: run those shards first, or name the run directories to merge one by one`,
      );
    }
    return found.sort((a, b) => a.index - b.index).map((f) => path.join(dir, f.name));
  });
}
