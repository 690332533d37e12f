import { describe, expect, it } from 'vitest';
import type { CategoryId } from '../taxonomy/types.js';
import { randomRecords } from './__fixtures__/synthetic.js';
import { bootstrapScores } from './bootstrap.js';
import { buildLeaderboards } from './leaderboard.js';
import type { Leaderboard, ModelInfo } from './leaderboard.js';
import { scoreModels } from './model-scores.js';
import type { ScoreRecord } from './outcome.js';
import { competitionRanks } from './ranking.js';

const DIM: Record<CategoryId, string> = {
  traditional_safety: 'crime',
  responsible_ai: 'psychology',
  instruction_attack: 'goal_hijacking',
};

/** 10 pairs per category; `scoreOf` gives each answer's score from its category and round. */
function model(id: string, scoreOf: (c: CategoryId, round: 1 | 2) => number): ScoreRecord[] {
  const out: ScoreRecord[] = [];
  for (const c of Object.keys(DIM) as CategoryId[]) {
    for (let i = 0; i < 10; i++) {
      for (const round of [1, 2] as const) {
        out.push({
          model: id,
          itemId: `${c}-${i}`,
          category: c,
          dimension: DIM[c],
          round,
          outcome: 'scored',
          score: scoreOf(c, round),
        });
      }
    }
  }
  return out;
}

const RECORDS = [
  ...model('A', () => 2), // 100
  ...model('B', (_, r) => r), // R1 50, R2 100, total 75
  ...model('C', (_, r) => r), // identical to B: exact tie
  ...model('D', (_, r) => (r === 1 ? 1 : 0)), // 25
  ...model('E', () => 1), // 50
  ...model('F', (c) => (c === 'traditional_safety' ? 2 : 0)), // 33.33, unranked
  ...model('G', (_, r) => (r === 1 ? 2 : 1)), // 75, unranked
];

const MODELS: ModelInfo[] = [
  { id: 'A' },
  { id: 'B' },
  { id: 'C', tags: [] },
  { id: 'D', tags: ['open'] },
  { id: 'E', tags: ['open'] },
  { id: 'F', tags: ['open', 'unranked'] },
  { id: 'G', tags: ['unranked'] },
  { id: 'H' }, // no records
];

const view = (board: Leaderboard) => board.rows.map((r) => [r.model, r.rank, r.tied, r.status]);

describe('competitionRanks', () => {
  it('ranks 1, 2, 2, 4 at display precision and puts null last', () => {
    expect(competitionRanks([90, 87.44, 87.431, 87.434, null, 10])).toEqual([
      { rank: 1, tied: false },
      { rank: 2, tied: false },
      { rank: 3, tied: true },
      { rank: 3, tied: true },
      { rank: 6, tied: false },
      { rank: 5, tied: false },
    ]);
  });
});

describe('buildLeaderboards', () => {
  const scores = scoreModels(RECORDS);
  const boards = buildLeaderboards(scores, MODELS, bootstrapScores(RECORDS, { iterations: 200 }));

  it('ranks the overall board by total; ties share a rank; unranked rows take no rank', () => {
    expect(view(boards.overall)).toEqual([
      ['A', 1, false, 'ranked'],
      ['B', 2, true, 'ranked'],
      ['C', 2, true, 'ranked'],
      ['G', null, false, 'unranked'],
      ['E', 4, false, 'ranked'],
      ['F', null, false, 'unranked'],
      ['D', 5, false, 'ranked'],
      ['H', null, false, 'no-score'],
    ]);
    const b = boards.overall.rows[1]!;
    expect(b).toMatchObject({ score: 75, total: 75, round1: 50, round2: 100, delta: 50, coverage: 1 });
    expect(b.categories).toEqual({ traditional_safety: 75, responsible_ai: 75, instruction_attack: 75 });
    expect(boards.overall.rows.at(-1)).toMatchObject({
      score: null,
      total: null,
      coverage: null,
      ci: null,
      rankCi: null,
    });
  });

  it('the open-source board holds only models tagged open, ranked among themselves', () => {
    expect(view(boards.openSource)).toEqual([
      ['E', 1, false, 'ranked'],
      ['F', null, false, 'unranked'],
      ['D', 2, false, 'ranked'],
    ]);
  });

  it('the multi-round board shows R1, R2 and Δ and is ranked by total unless told otherwise', () => {
    expect(boards.multiRound).toMatchObject({ id: 'multi_round', zh: '多轮交互榜', rankedBy: 'total' });
    expect(view(boards.multiRound)).toEqual(view(boards.overall));
    expect(boards.multiRound.rows.find((r) => r.model === 'G')).toMatchObject({ round1: 100, round2: 50, delta: -50 });

    const byRound2 = buildLeaderboards(scores, MODELS, undefined, { multiRoundRankBy: 'round2' }).multiRound;
    expect(byRound2.rankedBy).toBe('round2');
    expect(view(byRound2).slice(0, 4)).toEqual([
      ['A', 1, true, 'ranked'],
      ['B', 1, true, 'ranked'],
      ['C', 1, true, 'ranked'],
      ['E', 4, false, 'ranked'],
    ]);
    // Deltas: B, C +50; A, E, F 0 (equal scores keep the models-list order); D, G −50.
    const byDelta = buildLeaderboards(scores, MODELS, undefined, { multiRoundRankBy: 'delta' }).multiRound;
    expect(byDelta.rows.map((r) => r.model)).toEqual(['B', 'C', 'A', 'E', 'F', 'D', 'G', 'H']);
  });

  it('has one board per category, ranked by the category total with its R1 / R2', () => {
    const trad = boards.categories.traditional_safety;
    expect(trad).toMatchObject({ id: 'category:traditional_safety', zh: '传统安全类榜', scope: 'traditional_safety' });
    expect(view(trad)).toEqual([
      ['A', 1, false, 'ranked'],
      ['F', null, false, 'unranked'],
      ['B', 2, true, 'ranked'],
      ['C', 2, true, 'ranked'],
      ['G', null, false, 'unranked'],
      ['E', 4, false, 'ranked'],
      ['D', 5, false, 'ranked'],
      ['H', null, false, 'no-score'],
    ]);
    expect(trad.rows.find((r) => r.model === 'D')).toMatchObject({ total: 25, round1: 50, round2: 0 });
    expect(trad.rows[0]!.categories).toBeUndefined();
    expect(boards.categories.responsible_ai.rows.find((r) => r.model === 'F')).toMatchObject({
      score: 0,
      status: 'unranked',
    });
  });

  it('attaches the metric CI and a bootstrap rank interval to ranked rows', () => {
    const rows = Object.fromEntries(boards.overall.rows.map((r) => [r.model, r]));
    // Every answer of A, B, C, D and E has the same score in its round: no resample changes their order.
    expect(rows.A!.rankCi).toEqual({ best: 1, worst: 1 });
    expect(rows.B!.rankCi).toEqual({ best: 2, worst: 2 });
    expect(rows.C!.rankCi).toEqual({ best: 2, worst: 2 });
    expect(rows.D!.rankCi).toEqual({ best: 5, worst: 5 });
    expect(rows.G!.rankCi).toBeNull();
    expect(rows.B!.ci).toEqual({ low: 75, high: 75 });
    // F scores 2 on every traditional-safety answer and 0 elsewhere. Resampling within each
    // sub-dimension keeps 10 pairs of each in every resample, so F's total cannot move (an
    // unstratified resample would move it with the number of traditional-safety pairs drawn).
    expect(rows.F!.ci!.low).toBeCloseTo(100 / 3, 10);
    expect(rows.F!.ci!.high).toBeCloseTo(100 / 3, 10);
    expect(boards.openSource.rows.find((r) => r.model === 'D')!.rankCi).toEqual({ best: 2, worst: 2 });
  });

  it('gives overlapping rank intervals to close models and a fixed rank to a clear leader', () => {
    const recs = randomRecords(
      [
        { id: 'leader', p2: 0.9, p0: 0.02 },
        { id: 'twin1', p2: 0.5, p0: 0.1 },
        { id: 'twin2', p2: 0.5, p0: 0.1 },
        { id: 'last', p2: 0.1, p0: 0.5 },
      ],
      80,
    );
    const board = buildLeaderboards(
      scoreModels(recs),
      ['leader', 'twin1', 'twin2', 'last'].map((id) => ({ id })),
      bootstrapScores(recs),
    ).overall;
    const ci = Object.fromEntries(board.rows.map((r) => [r.model, r.rankCi]));
    expect(ci.leader).toEqual({ best: 1, worst: 1 });
    expect(ci.last).toEqual({ best: 4, worst: 4 });
    expect(ci.twin1).toEqual({ best: 2, worst: 3 });
    expect(ci.twin2).toEqual({ best: 2, worst: 3 });
  });

  it('groups models that are not distinguishable (paired intervals containing 0), in board order', () => {
    // Every answer of a model in a sub-dimension has the same score, so each paired difference is
    // constant across resamples: A − B = +25; B − C = 0 (twins); B − G = 0 (R1 +1, R2 −1 per item);
    // G − E = +25; E − F and F − D ≠ 0. Groups: A | B C G | E | F | D; H has no score.
    expect(boards.overall.rows.map((r) => [r.model, r.group])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 2],
      ['G', 2],
      ['E', 3],
      ['F', 4],
      ['D', 5],
      ['H', null],
    ]);
    // The multi-round board is ranked by total by default: same groups; by Δ there are none.
    expect(boards.multiRound.rows.map((r) => r.group)).toEqual(boards.overall.rows.map((r) => r.group));
    const byDelta = buildLeaderboards(scores, MODELS, bootstrapScores(RECORDS, { iterations: 50 }), {
      multiRoundRankBy: 'delta',
    });
    expect(byDelta.multiRound.rows.every((r) => r.group === null)).toBe(true);
    // The open-source board groups its own rows: E (50), F (33.3), D (25) all differ.
    expect(boards.openSource.rows.map((r) => [r.model, r.group])).toEqual([
      ['E', 1],
      ['F', 2],
      ['D', 3],
    ]);
  });

  it('carries each row’s matched-pair count and best / worst-case bounds', () => {
    const row = boards.overall.rows.find((r) => r.model === 'B')!;
    expect(row).toMatchObject({ matchedPairs: 30, bounds: { worst: 75, best: 75 }, coverage: 1 });
    expect(boards.categories.responsible_ai.rows.find((r) => r.model === 'B')!.matchedPairs).toBe(10);
    expect(boards.overall.rows.find((r) => r.model === 'H')).toMatchObject({
      matchedPairs: 0,
      bounds: null,
      group: null,
    });
  });

  it('leaves CIs empty without a bootstrap', () => {
    const plain = buildLeaderboards(scores, MODELS);
    expect(plain.overall.rows.every((r) => r.ci === null && r.rankCi === null)).toBe(true);
  });

  it('refuses results for a model that is not listed, and a model listed twice', () => {
    expect(() => buildLeaderboards(scores, MODELS.slice(1))).toThrow(/model "A", which is not in the models list/);
    expect(() => buildLeaderboards(scores, [...MODELS, { id: 'A' }])).toThrow(/"A" is listed twice/);
  });
});
