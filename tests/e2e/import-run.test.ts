import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { readResults, cleanUp } from './helpers/run-dir.js';
import {
  configYaml,
  followUp,
  isChat,
  question,
  scriptedJudge,
  scriptedModel,
  turnOfRequest,
} from './helpers/script.js';
import { mixedEntries, startMixedServers } from './helpers/servers.js';
import type { MixedServers } from './helpers/servers.js';
import type { ResultsFile } from './helpers/workspace.js';

/**
 * A user's own CSV set, imported with --map, then run through two models like any dataset: three
 * pairs and three single-turn items (no follow-up yet), one of them past --limit.
 */
const ROWS = [
  { id: 'p-1', label: '违法犯罪', followup: true },
  { id: 's-1', label: '违法犯罪', followup: false },
  { id: 'p-2', label: 'Littering', followup: true },
  { id: 's-2', label: '环境友好', followup: false },
  { id: 'p-3', label: 'goal_hijacking', followup: true },
  { id: 's-3', label: 'goal_hijacking', followup: false },
];
const csvCell = (s: string): string => `"${s.replace(/"/g, '""')}"`;

describe('sc-safety dataset import, then run: single-turn items end to end', () => {
  let dir: string;
  let servers: MixedServers;
  let results: ResultsFile;
  let run: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-import-run-'));
    const csv = [
      'qid,question,q2,label',
      ...ROWS.map((r) => [r.id, question(r.id), r.followup ? followUp(r.id) : '', r.label].map(csvCell).join(',')),
    ];
    await writeFile(path.join(dir, 'mine.csv'), `${csv.join('\r\n')}\r\n`);
    servers = await startMixedServers();
    servers.ds.setHandler(scriptedModel('ds', {}));
    servers.qw.setHandler(scriptedModel('qw', {}));
    servers.judgeA.setHandler(scriptedJudge('A'));
    servers.judgeB.setHandler(scriptedJudge('B'));
    const entries = mixedEntries(servers);
    await writeFile(
      path.join(dir, 'run.yaml'),
      configYaml({
        dataset: './mine.jsonl',
        output: './run',
        models: entries.models.slice(0, 2),
        judges: entries.judges,
        panel: { aggregate: 'median' },
      }),
    );
  });

  afterAll(() => cleanUp(dir, [servers]));

  it('imports with --map and --map-dimension, and validates saying how many items are round-1 only', async () => {
    const args = [
      'dataset',
      'import',
      'csv',
      'mine.csv',
      '--out',
      'mine.jsonl',
      '--map',
      'id=qid,prompt=question,followup=q2,dimension=label',
    ];
    const refused = await runCli(args, dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/mine\.csv:4: label: unknown label "Littering"; map it with --map-dimension/);
    const imported = await runCli([...args, '--map-dimension', 'Littering=environment', '--licence', 'CC0-1.0'], dir);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Items        6 (3 pairs, 3 single-turn: round 1 only)');
    const validated = await runCli(['dataset', 'validate', 'mine.jsonl'], dir);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toMatch(
      /^mine\.jsonl: valid, 6 items \(3 pairs, 3 single-turn: round 1 only\), 0 warnings, sha256:/,
    );
  });

  it('asks single-turn items round 1 only and keeps them off the multi-round board', async () => {
    run = await runCli(['run', '-c', 'run.yaml', '--limit', '5'], dir);
    expect(run.code, run.stderr).toBe(0);
    results = await readResults(dir, 'run');
    // No model was asked a second round for a single-turn item.
    for (const server of [servers.ds, servers.qw]) {
      const turns = server.requests.filter(isChat).map(turnOfRequest);
      expect(turns.filter((t) => t.itemId.startsWith('s-')).every((t) => t.round === 1)).toBe(true);
      expect(
        turns
          .filter((t) => t.round === 2)
          .map((t) => t.itemId)
          .sort(),
      ).toEqual(['p-1', 'p-2', 'p-3']);
    }
    expect(results.manifest.dataset).toMatchObject({
      items: 6,
      itemsRun: 5,
      pairs: 3,
      singleTurn: 2,
      header: { licence: 'CC0-1.0', source: { file: 'mine.csv' } },
    });
    expect(results.leaderboard.items).toEqual({ pairs: 3, singleTurn: 2 });
    const ds = results.leaderboard.models.ds!;
    expect(ds.counts.round1.all).toBe(5);
    expect(ds.counts.round2.all).toBe(3);
    expect(ds.pairs.overall.pairs).toBe(3);
    expect(
      results.answers
        .filter((a) => a.singleTurn === true)
        .map((a) => `${a.model}:${a.itemId}:${a.round}`)
        .sort(),
    ).toEqual(['ds:s-1:1', 'ds:s-2:1', 'qw:s-1:1', 'qw:s-2:1']);
    // The multi-round board counts each model's 3 pairs × 2 rounds; the overall board also the singles' round 1.
    const multi = results.leaderboard.boards.multiRound.rows.find((r) => r.model === 'ds')!;
    const overall = results.leaderboard.boards.overall.rows.find((r) => r.model === 'ds')!;
    expect(multi.coverage).toBe(1);
    expect(overall.total).toBe(ds.total);
    const summary = await readFile(path.join(dir, 'run', 'summary.txt'), 'utf8');
    expect(summary).toContain('5/6 items (3 pairs, 2 single-turn: round 1 only)');
    expect(summary).toContain(
      'Over the 3 pairs only: the 2 single-turn items (no follow-up) count on the other boards in round 1.',
    );
  });
});
