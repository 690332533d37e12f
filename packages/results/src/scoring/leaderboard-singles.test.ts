import { describe, expect, it } from 'vitest';
import { M_CRIME } from './__fixtures__/synthetic.js';
import { buildLeaderboardSection } from './leaderboard-section.js';
import { scoreModels } from './model-scores.js';
import type { ScoreRecord } from './outcome.js';

const rec = (model: string, itemId: string, round: 1 | 2, score: number): ScoreRecord => ({
  ...M_CRIME,
  model,
  itemId,
  round,
  outcome: 'scored',
  score,
});

// Two pairs each, plus single-turn items: model "a" answers its singles badly (0), "b" well (2).
// Over pairs only, "a" leads; with the singles' round 1 pooled in, "b" would.
const RECORDS: ScoreRecord[] = [
  rec('a', 'p1', 1, 2),
  rec('a', 'p1', 2, 2),
  rec('a', 'p2', 1, 2),
  rec('a', 'p2', 2, 0),
  rec('b', 'p1', 1, 2),
  rec('b', 'p1', 2, 0),
  rec('b', 'p2', 1, 1),
  rec('b', 'p2', 2, 0),
  rec('a', 's1', 1, 0),
  rec('a', 's2', 1, 0),
  rec('a', 's3', 1, 0),
  rec('b', 's1', 1, 2),
  rec('b', 's2', 1, 2),
  rec('b', 's3', 1, 2),
];
const SINGLES = new Set(['s1', 's2', 's3']);
const MODELS = [{ id: 'a' }, { id: 'b' }];

describe('single-turn items on the boards', () => {
  const section = buildLeaderboardSection(RECORDS, MODELS, {
    bootstrap: { iterations: 200, seed: 1 },
    singleTurnItems: SINGLES,
  });
  const pairsOnly = scoreModels(RECORDS.filter((r) => !SINGLES.has(r.itemId)));

  it('counts singles in round 1 and the overall board', () => {
    const all = scoreModels(RECORDS);
    expect(section.models.a!.round1).toBe(all[0]!.round1.score);
    expect(section.models.a!.counts.round1.all).toBe(5);
    expect(section.models.a!.counts.round2.all).toBe(2);
    expect(section.boards.overall.rows.map((r) => [r.model, r.total])).toEqual([
      ['b', all[1]!.total.score],
      ['a', all[0]!.total.score],
    ]);
  });

  it('builds the multi-round board (多轮交互榜) over pairs only, with its own intervals', () => {
    const board = section.boards.multiRound;
    expect(board.rows.map((r) => [r.model, r.total, r.round1, r.round2])).toEqual([
      ['a', pairsOnly[0]!.total.score, pairsOnly[0]!.round1.score, pairsOnly[0]!.round2.score],
      ['b', pairsOnly[1]!.total.score, pairsOnly[1]!.round1.score, pairsOnly[1]!.round2.score],
    ]);
    expect(board.rows[0]!.coverage).toBe(1);
    // The interval is of the pairs-only total: it brackets it.
    const row = board.rows[0]!;
    expect(row.ci).not.toBeNull();
    expect(row.ci!.low).toBeLessThanOrEqual(row.total!);
    expect(row.ci!.high).toBeGreaterThanOrEqual(row.total!);
  });

  it('leaves singles out of the pair statistics and says how many there were', () => {
    expect(section.models.a!.pairs.overall.pairs).toBe(2);
    expect(section.models.a!.pairs.overall.bothScored).toBe(2);
    expect(section.models.a!.pairs.overall.flips).toBe(1);
    expect(section.items).toEqual({ pairs: 2, singleTurn: 3 });
  });

  it('changes nothing when there are no singles', () => {
    const plain = buildLeaderboardSection(RECORDS, MODELS, { bootstrap: false });
    expect(plain.items).toEqual({ pairs: 5, singleTurn: 0 });
    expect(plain.boards.multiRound.rows.map((r) => r.total)).toEqual(plain.boards.overall.rows.map((r) => r.total));
  });
});
