import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import type { CliOutput } from './helpers/cli.js';
import { comparableResults } from './helpers/compare.js';
import { requestIdentity } from './helpers/identity.js';
import { playMixedScript, writeMixedRun } from './helpers/mixed-run.js';
import { readResults, cleanUp } from './helpers/run-dir.js';
import { isChat, SIX_ITEMS } from './helpers/script.js';
import { startMixedServers } from './helpers/servers.js';
import type { MixedServers } from './helpers/servers.js';
import { core } from './helpers/workspace.js';
import type { ResultsFile } from './helpers/workspace.js';

type Results = ResultsFile;

describe('sc-safety run --shard i/n, then merge', () => {
  let dir: string;
  let servers: MixedServers;
  const phases: Record<string, { out: CliOutput; from: number[]; to: number[] }> = {};
  const results: Record<string, Results> = {};

  /** Runs one CLI command and remembers which requests each server received meanwhile. */
  async function phase(name: string, argv: string[]): Promise<void> {
    const from = servers.all.map((s) => s.requests.length);
    const out = await runCli(argv, dir);
    phases[name] = { out, from, to: servers.all.map((s) => s.requests.length) };
    expect(out.code, `${name}: ${out.stderr}`).toBe(0);
  }

  function identities(name: string): string[] {
    const p = phases[name]!;
    const who = [{ model: 'ds' }, { model: 'qw' }, { model: 'cl' }, { judgeId: 'judge-a' }, { judgeId: 'judge-b' }];
    return servers.all.flatMap((s, i) =>
      s.requests
        .slice(p.from[i], p.to[i])
        .filter(isChat)
        .map((r) => requestIdentity(r, who[i]!)),
    );
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-shard-'));
    servers = await startMixedServers();
    playMixedScript(servers);
    const config = await writeMixedRun(dir, servers);
    await phase('shard1', ['run', '-c', config, '--shard', '1/2', '--out', 's1']);
    await phase('shard2', ['run', '-c', config, '--shard', '2/2', '--out', 's2']);
    await phase('merge', ['merge', 's1', 's2', '--out', 'merged', '--json']);
    await phase('full', ['run', '-c', config, '--out', 'full']);
    for (const d of ['s1', 's2', 'merged', 'full']) results[d] = await readResults(dir, d);
  }, 60_000);

  afterAll(() => cleanUp(dir, [servers]));

  it('splits the items between the shards, each item in exactly one', () => {
    const items = (r: Results) => new Set(r.answers.map((a) => a.itemId));
    const s1 = items(results.s1!);
    const s2 = items(results.s2!);
    expect(s1.size).toBeGreaterThan(0);
    expect(s2.size).toBeGreaterThan(0);
    expect([...s1].filter((i) => s2.has(i))).toEqual([]);
    expect([...s1, ...s2].sort()).toEqual(SIX_ITEMS.map((i) => i.id).sort());
    // results-schema.md: the shard index is 0-based (--shard 1/2 is index 0).
    expect(results.s1!.manifest.shard).toEqual({ index: 0, count: 2 });
    expect(results.s2!.manifest.shard).toEqual({ index: 1, count: 2 });
    // A shard whose requested answers all exist is complete; itemsRun says it is a part of the dataset.
    expect(results.s1!.manifest.status).toBe('complete');
    expect(results.s1!.manifest.dataset.itemsRun).toBeLessThan(results.s1!.manifest.dataset.items);
  });

  it('asks every call once across the shards, and the merge asks nothing', () => {
    const sharded = [...identities('shard1'), ...identities('shard2')];
    expect(new Set(sharded).size).toBe(sharded.length);
    expect(new Set(sharded)).toEqual(new Set(identities('full')));
    expect(identities('merge')).toEqual([]);
    expect(phases.merge!.out.stderr).toMatch(/merged 2 stores: \d+ answers, \d+ judgments added, 0 conflicts/);
  });

  it('the merged run equals the unsharded run: leaderboard, agreement, answers', () => {
    const merged = results.merged!;
    expect(core.validateResultsFile(merged)).toEqual([]);
    expect(merged.manifest.status).toBe('complete');
    expect(merged.manifest.shard).toBeUndefined();
    expect(merged.leaderboard).toEqual(results.full!.leaderboard);
    expect(comparableResults(merged)).toEqual(comparableResults(results.full!));
    const printed = JSON.parse(phases.merge!.out.stdout) as { leaderboard: unknown };
    expect(printed.leaderboard).toEqual(results.full!.leaderboard);
  });
});
