import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUILT, NOT_BUILT_MESSAGE, runCli, spawnCli } from './helpers/cli.js';
import { comparableResults } from './helpers/compare.js';
import { playMixedScript, writeMixedRun } from './helpers/mixed-run.js';
import { readResults, cleanUp } from './helpers/run-dir.js';
import { SIX_ITEMS } from './helpers/script.js';
import { startMixedServers } from './helpers/servers.js';
import type { MixedServers } from './helpers/servers.js';
import { core } from './helpers/workspace.js';
import { prerequisite } from '../support/prerequisite.js';
import type { ResultsFile } from './helpers/workspace.js';

const COUNT = 4;

/** Every variable `--shard auto` reads, blank: a shard sees only its own scheduler's. */
const BLANK = Object.fromEntries(Object.values(core.SHARD_ENV).map((name) => [name, '']));

/** What each scheduler sets for shard `i` (0-based) of four (docs/cluster-runs.md). */
const SCHEDULERS: Record<string, (i: number) => Record<string, string>> = {
  // sbatch --array=1-4: ids from 1.
  slurm: (i) => ({
    SLURM_ARRAY_TASK_ID: String(i + 1),
    SLURM_ARRAY_TASK_COUNT: String(COUNT),
    SLURM_ARRAY_TASK_MIN: '1',
    SLURM_ARRAY_TASK_MAX: String(COUNT),
    SLURM_ARRAY_TASK_STEP: '1',
  }),
  // An Indexed Job with completions: 4, the count passed in the pod spec.
  kubernetes: (i) => ({ JOB_COMPLETION_INDEX: String(i), SC_SAFETY_SHARD_COUNT: String(COUNT) }),
  // A matrix job: SC_SAFETY_SHARD_INDEX from strategy.job-index, _COUNT from strategy.job-total.
  github: (i) => ({ SC_SAFETY_SHARD_INDEX: String(i), SC_SAFETY_SHARD_COUNT: String(COUNT), GITHUB_ACTIONS: 'true' }),
};

describe.runIf(prerequisite(CLI_BUILT, 'the built CLI (packages/cli/dist)', 'run pnpm build first'))(
  'sc-safety run --shard auto: 4 processes per scheduler, merged, equal a single run',
  () => {
    let dir: string;
    let servers: MixedServers;
    const shardResults: Record<string, ResultsFile[]> = {};
    const merged: Record<string, ResultsFile> = {};
    const mergeOutput: Record<string, string> = {};
    let full: ResultsFile;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-shard-auto-'));
      servers = await startMixedServers();
      playMixedScript(servers);
      const config = await writeMixedRun(dir, servers);

      for (const [name, vars] of Object.entries(SCHEDULERS)) {
        // The same command on every node; only the environment differs.
        const shards = Array.from({ length: COUNT }, (_, i) =>
          spawnCli(['run', '-c', config, '--shard', 'auto', '--out', `runs/${name}`], {
            cwd: dir,
            env: { ...BLANK, ...vars(i) },
          }),
        );
        const exits = await Promise.all(shards.map((s) => s.exited));
        exits.forEach((e, i) => expect(e.code, `${name} shard ${i}: ${shards[i]!.output.stderr}`).toBe(0));
        shardResults[name] = await Promise.all(
          Array.from(
            { length: COUNT },
            async (_, i) => await readResults(dir, 'runs', name, `shard-${i + 1}-of-${COUNT}`),
          ),
        );
        // `merge` collects the shard directories from their parent.
        const out = await runCli(['merge', `runs/${name}`, '--out', `merged-${name}`], dir);
        expect(out.code, out.stderr).toBe(0);
        mergeOutput[name] = out.stderr;
        merged[name] = await readResults(dir, `merged-${name}`);
      }
      const single = await runCli(['run', '-c', config, '--out', 'full'], dir);
      expect(single.code, single.stderr).toBe(0);
      full = await readResults(dir, 'full');
    }, 180_000);

    afterAll(() => cleanUp(dir, [servers]));

    it.each(Object.keys(SCHEDULERS))('%s: each process ran its own shard in its own run directory', (name) => {
      const results = shardResults[name]!;
      expect(results.map((r) => r.manifest.shard)).toEqual([0, 1, 2, 3].map((index) => ({ index, count: COUNT })));
      const items = results.map((r) => new Set(r.answers.map((a) => a.itemId)));
      for (const s of items) expect(s.size).toBeGreaterThan(0); // the six ids fall in all four shards
      expect(items.flatMap((s) => [...s]).sort()).toEqual(SIX_ITEMS.map((i) => i.id).sort());
      expect(existsSync(path.join(dir, 'runs', name, 'store.sqlite'))).toBe(false);
    });

    it.each(Object.keys(SCHEDULERS))('%s: the merged run equals the single run', (name) => {
      expect(mergeOutput[name]).toMatch(/merged 4 stores/);
      expect(core.validateResultsFile(merged[name]!)).toEqual([]);
      expect(merged[name]!.manifest.status).toBe('complete');
      expect(merged[name]!.leaderboard).toEqual(full.leaderboard);
      expect(comparableResults(merged[name]!)).toEqual(comparableResults(full));
    });

    it('without scheduler variables, --shard auto exits 2 naming them', async () => {
      const shard = spawnCli(['run', '-c', 'run.yaml', '--shard', 'auto', '--out', 'nowhere'], {
        cwd: dir,
        env: BLANK,
      });
      expect((await shard.exited).code).toBe(2);
      expect(shard.output.stderr).toMatch(/--shard auto: no scheduler variables found: set SC_SAFETY_SHARD_INDEX/);
      expect(existsSync(path.join(dir, 'nowhere'))).toBe(false);
    });
  },
);

if (!CLI_BUILT) {
  describe('sc-safety run --shard auto', () => {
    it.skip(NOT_BUILT_MESSAGE, () => {});
  });
}
