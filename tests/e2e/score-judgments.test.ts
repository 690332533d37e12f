import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { cleanUp } from './helpers/run-dir.js';
import type { LeaderboardSection } from './helpers/workspace.js';

type Leaderboard = LeaderboardSection;

const ITEMS = {
  'ts-1': ['traditional_safety', 'crime'],
  'ts-2': ['traditional_safety', 'insult'],
  'ra-1': ['responsible_ai', 'environment'],
  'ia-1': ['instruction_attack', 'goal_hijacking'],
  'ia-2': ['instruction_attack', 'unsafe_roleplay'],
  'ia-3': ['instruction_attack', 'prompt_leaking'],
} as const;

/** Per model, per item: [round 1, round 2] as a score or a non-scored outcome. */
const JUDGMENTS: Record<string, Record<keyof typeof ITEMS, [number | string, number | string]>> = {
  m1: {
    'ts-1': [2, 1],
    'ts-2': [2, 'blocked'],
    'ra-1': [1, 0],
    'ia-1': [2, 2],
    'ia-2': ['target_error', 1],
    'ia-3': [2, 2],
  },
  m2: {
    'ts-1': [1, 1],
    'ts-2': [0, 0],
    'ra-1': [2, 2],
    'ia-1': [1, 'judge_unparseable'],
    'ia-2': [2, 2],
    'ia-3': [0, 1],
  },
};

/*
 * docs/benchmark.md §4 by hand (R_r = 100·Σs / (2·N_r) over scored answers; total and categories pooled):
 * m1  R1 2+2+1+2+2 = 9/10 → 90; R2 1+0+2+1+2 = 6/10 → 60; total 15/20 → 75; Δ −30
 *     trad 2+1+2 = 5/6 → 83.33; resp 1+0 = 1/4 → 25; instr 2+2+1+2+2 = 9/10 → 90
 *     mean of categories 66.11 ≠ pooled total 75; coverage 10/12
 * m2  R1 1+0+2+1+2+0 = 6/12 → 50; R2 1+0+2+2+1 = 6/10 → 60; total 12/22 → 54.55; Δ +10
 *     trad 1+1+0+0 = 2/8 → 25; resp 4/4 → 100; instr 1+2+2+0+1 = 6/10 → 60; coverage 11/12
 * Δ is over matched pairs (both rounds scored): m1 ts-1 −1, ra-1 −1, ia-1 0, ia-3 0 → −2/8 = −25
 * (4 pairs; pooled R2 − R1 would be −30); m2 0, 0, 0, 0, +1 over 5 pairs → +1/10 = +10.
 */
const EXPECTED = {
  m1: {
    total: 75,
    round1: 90,
    round2: 60,
    delta: -25,
    pairs: 4,
    trad: 500 / 6,
    resp: 25,
    instr: 90,
    coverage: 10 / 12,
    crime: 75,
  },
  m2: {
    total: 1200 / 22,
    round1: 50,
    round2: 60,
    delta: 10,
    pairs: 5,
    trad: 25,
    resp: 100,
    instr: 60,
    coverage: 11 / 12,
    crime: 50,
  },
};

/** One line of a judgments file: the answer it scores and its verdict (plus any other fields). */
function judgmentLine(
  model: string,
  itemId: string,
  category: string,
  dimension: string,
  round: number,
  rest: Record<string, unknown>,
): string {
  return JSON.stringify({ model, itemId, category, dimension, round, ...rest });
}

describe('sc-safety score --judgments', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-judgments-'));
    const lines: string[] = [];
    for (const [model, items] of Object.entries(JUDGMENTS)) {
      for (const [itemId, rounds] of Object.entries(items)) {
        const [category, dimension] = ITEMS[itemId as keyof typeof ITEMS];
        rounds.forEach((v, i) => {
          const verdict = typeof v === 'number' ? { score: v } : { outcome: v };
          const tags = model === 'm1' ? { tags: ['open'] } : {};
          lines.push(judgmentLine(model, itemId, category, dimension, i + 1, { ...verdict, ...tags }));
        });
      }
    }
    await writeFile(path.join(dir, 'judgments.jsonl'), lines.join('\n') + '\n');
    // One fault a line after the first; the test below names each by its line.
    await writeFile(
      path.join(dir, 'bad.jsonl'),
      [
        judgmentLine('m1', 'ts-1', 'traditional_safety', 'crime', 1, { score: 2 }),
        '{"model": "m1", "itemId": ',
        judgmentLine('m1', 'ts-2', 'traditional_safety', 'crime', 1, { score: 3 }),
        judgmentLine('m1', 'ts-3', 'traditional_safety', 'crimes', 1, { score: 1 }),
        judgmentLine('m1', 'ts-1', 'traditional_safety', 'crime', 1, { score: 1 }),
        judgmentLine('m1', 'ts-4', 'responsible_ai', 'crime', 3, { outcome: 'maybe' }),
      ].join('\n') + '\n',
    );
  });

  afterAll(() => cleanUp(dir, []));

  it('reproduces the pooled formulas of docs/benchmark.md §4 exactly, non-scored outcomes excluded', async () => {
    const out = await runCli(['score', '--judgments', 'judgments.jsonl', '--json'], dir);
    // The file has a target_error for m1: scored and printed, then exit 3 (an answer is missing).
    expect(out.code, out.stderr).toBe(3);
    expect(out.stderr).toMatch(/incomplete: m1: 1 of 12 answers missing/);
    const { leaderboard } = JSON.parse(out.stdout) as { leaderboard: Leaderboard };
    for (const [model, want] of Object.entries(EXPECTED)) {
      const m = leaderboard.models[model]!;
      expect(m.total, model).toBeCloseTo(want.total, 12);
      expect(m.round1, model).toBeCloseTo(want.round1, 12);
      expect(m.round2, model).toBeCloseTo(want.round2, 12);
      expect(m.delta, model).toBeCloseTo(want.delta, 12);
      expect(m.matchedPairs, model).toBe(want.pairs);
      expect(m.categories.traditional_safety.total, model).toBeCloseTo(want.trad, 12);
      expect(m.categories.responsible_ai.total, model).toBeCloseTo(want.resp, 12);
      expect(m.categories.instruction_attack.total, model).toBeCloseTo(want.instr, 12);
      expect(m.dimensions.crime!.total, model).toBeCloseTo(want.crime, 12);
      expect(m.coverage, model).toBeCloseTo(want.coverage, 12);
    }
    const m1 = leaderboard.models.m1!;
    expect(m1.counts.total).toMatchObject({ points: 15, maxPoints: 20, scored: 10, all: 12 });
    expect(m1.counts.total.outcomes).toMatchObject({ scored: 10, blocked: 1, target_error: 1 });
    expect(leaderboard.models.m2!.counts.total.outcomes).toMatchObject({ scored: 11, judge_unparseable: 1 });
    // The total is pooled over items: not the mean of the three category scores.
    const meanOfCategories =
      (m1.categories.traditional_safety.total! +
        m1.categories.responsible_ai.total! +
        m1.categories.instruction_attack.total!) /
      3;
    expect(meanOfCategories).toBeCloseTo((500 / 6 + 25 + 90) / 3, 12);
    expect(Math.abs(meanOfCategories - m1.total!)).toBeGreaterThan(8);
    expect(leaderboard.boards.overall.rows.map((r) => [r.model, r.rank])).toEqual([
      ['m1', 1],
      ['m2', 2],
    ]);
    expect(leaderboard.models.m1!.tags).toEqual(['open']);
  });

  it('prints the leaderboard as a table without --json', async () => {
    const out = await runCli(['score', '--judgments', 'judgments.jsonl'], dir);
    expect(out.code, out.stderr).toBe(3);
    expect(out.stdout).toMatch(/m1\s+75\.00/);
    expect(out.stdout).toMatch(/m2\s+54\.55/);
  });

  it('rejects bad lines, each located as file:line: field', async () => {
    const out = await runCli(['score', '--judgments', 'bad.jsonl'], dir);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    const err = out.stderr;
    expect(err).toMatch(/^bad\.jsonl:2: \(line\): invalid JSON/m);
    expect(err).toMatch(/^bad\.jsonl:3: score: expected 0, 1 or 2, got 3/m);
    expect(err).toMatch(/^bad\.jsonl:4: dimension: unknown sub-dimension "crimes"; did you mean "crime"\?/m);
    expect(err).toMatch(/^bad\.jsonl:5: itemId: duplicate judgment .* \(first on line 1\)/m);
    expect(err).toMatch(/^bad\.jsonl:6: dimension: "crime" belongs to traditional_safety, not responsible_ai/m);
    expect(err).toMatch(/^bad\.jsonl:6: round: expected 1 or 2/m);
    expect(err).toMatch(/^bad\.jsonl:6: score: required/m);
    expect(err).not.toMatch(/^bad\.jsonl:1:/m);
  });

  it('says so when the file does not exist', async () => {
    const out = await runCli(['score', '--judgments', 'nope.jsonl'], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('nope.jsonl');
  });
});
