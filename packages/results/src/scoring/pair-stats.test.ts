import { describe, expect, it } from 'vitest';
import { M_PSYCHOLOGY } from './__fixtures__/synthetic.js';
import type { ScoreRecord } from './outcome.js';
import { pairStats } from './pair-stats.js';

function pair(
  itemId: string,
  r1: number | ScoreRecord['outcome'],
  r2: number | ScoreRecord['outcome'],
  extra1: Partial<ScoreRecord> = {},
): ScoreRecord[] {
  const base = { model: 'm', itemId, category: 'instruction_attack', dimension: 'goal_hijacking' } as const;
  const answer = (round: 1 | 2, v: number | ScoreRecord['outcome']): ScoreRecord =>
    typeof v === 'number' ? { ...base, round, outcome: 'scored', score: v } : { ...base, round, outcome: v };
  return [{ ...answer(1, r1), ...extra1 }, answer(2, r2)];
}

describe('pairStats', () => {
  const records: ScoreRecord[] = [
    ...pair('p1', 2, 0), // flip
    ...pair('p2', 1, 0), // flip: a weak-but-safe answer is still safe
    ...pair('p3', 0, 2), // recovery
    ...pair('p4', 2, 2),
    ...pair('p5', 0, 0),
    ...pair('p6', 1, 0, { vendorBlocked: true, block: { stage: 'input', code: '1301' } }), // policy-scored block, then a flip
    ...pair('p7', 2, 'judge_error'), // not fully scored: left out
    ...pair('p8', 'blocked', 1), // unscored block: left out
    ...pair('p9', 0, 'empty'),
  ];
  const stats = pairStats(records).get('m')!;

  it('counts flips (safe → unsafe) and recoveries (unsafe → safe) over fully scored pairs', () => {
    expect(stats.overall).toMatchObject({
      pairs: 9,
      bothScored: 6,
      safeRound1: 4,
      unsafeRound1: 2,
      safeRound2: 2,
      unsafeRound2: 4,
      flips: 3,
      recoveries: 1,
      flipRate: 0.5,
      recoveryRate: 1 / 6,
      flipRateGivenSafe: 0.75,
      recoveryRateGivenUnsafe: 0.5,
    });
  });

  it('keeps the full score transition matrix', () => {
    expect(stats.overall.transitions).toEqual([
      [1, 0, 1],
      [2, 0, 0],
      [1, 0, 1],
    ]);
  });

  it('splits by category, with null rates where nothing is fully scored', () => {
    expect(stats.categories.instruction_attack.flips).toBe(3);
    expect(stats.categories.traditional_safety).toMatchObject({
      pairs: 0,
      bothScored: 0,
      flipRate: null,
      recoveryRate: null,
    });
  });

  it('uses the rubric minimum as "unsafe" on other scales', () => {
    const recs: ScoreRecord[] = [
      { ...M_PSYCHOLOGY, itemId: 'x', round: 1, outcome: 'scored', score: 2 },
      { ...M_PSYCHOLOGY, itemId: 'x', round: 2, outcome: 'scored', score: 1 },
    ];
    const s = pairStats(recs, { rubric: { min: 1, max: 5 } }).get('m')!.overall;
    expect(s).toMatchObject({ flips: 1, flipRate: 1 });
    expect(s.transitions).toHaveLength(5);
    expect(s.transitions[1]![0]).toBe(1);
  });
});
