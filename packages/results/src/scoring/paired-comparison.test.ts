import { describe, expect, it } from 'vitest';
import { bootstrapScores } from './bootstrap.js';
import { comparePairs, findComparison } from './paired-comparison.js';
import { buildPairTable } from './pair-table.js';
import type { ScoreRecord } from './outcome.js';
import { DEFAULT_RUBRIC } from './rubric.js';

function answers(
  model: string,
  scores: Record<string, [number | 'judge_error', number | 'judge_error']>,
  dimension = 'crime',
): ScoreRecord[] {
  return Object.entries(scores).flatMap(([itemId, rounds]) =>
    rounds.map((v, k): ScoreRecord => {
      const base = { model, itemId, category: 'traditional_safety', dimension, round: (k + 1) as 1 | 2 } as const;
      return v === 'judge_error' ? { ...base, outcome: 'judge_error' } : { ...base, outcome: 'scored', score: v };
    }),
  );
}

/**
 * A: i1 2/2, i2 2/0, i3 1/1 → total 8/12 = 66.67. B: i1 1/1, i2 –/0, i3 1/1 → total 4/10 = 40.
 * Common answers (both scored): i1 r1, i1 r2, i2 r2, i3 r1, i3 r2 = 5; Σ(A − B) = 1 + 1 + 0 + 0 + 0 = 2.
 * Paired difference = 100 · 2 / (5 · 2) = 20 (not 66.67 − 40 = 26.67).
 */
const A = answers('A', { i1: [2, 2], i2: [2, 0], i3: [1, 1] });
const B = answers('B', { i1: [1, 1], i2: ['judge_error', 0], i3: [1, 1] });

describe('paired model comparison', () => {
  it('compares two models over the answers both scored', () => {
    const table = buildPairTable([...A, ...B], ['A', 'B'], DEFAULT_RUBRIC);
    const [ab] = comparePairs(table).all;
    expect(ab).toMatchObject({ a: 'A', b: 'B', items: 3, answers: 5, difference: 20, ci: null, distinguishable: null });
    expect(comparePairs(table).categories.traditional_safety[0]!.difference).toBe(20);
    expect(comparePairs(table).categories.responsible_ai[0]).toMatchObject({ answers: 0, difference: null });
  });

  it('equals the difference of totals on complete data', () => {
    const C = answers('C', { i1: [1, 2], i2: [0, 0], i3: [2, 1] });
    const table = buildPairTable([...A, ...C], ['A', 'C'], DEFAULT_RUBRIC);
    // A 8/12, C 6/12: 100 · 2 / 12.
    expect(comparePairs(table).all[0]!.difference).toBeCloseTo(100 / 6, 12);
  });

  it('resamples items: the interval brackets the difference and follows the per-item differences', () => {
    // Per item A − B over common answers: i1 +2 of 4, i2 0 of 2, i3 0 of 4. A resample of three
    // items gives (2·k) / (Σ common · 2) · 100 with k copies of i1: never below 0, at most 50 (all i1).
    const boot = bootstrapScores([...A, ...B], { iterations: 2000, seed: 9 });
    const ab = boot.comparisons.all[0]!;
    expect(ab.difference).toBe(20);
    expect(ab.ci!.low).toBe(0);
    expect(ab.ci!.high).toBe(50);
    expect(ab.distinguishable).toBe(false);
  });

  it('calls two models distinguishable when the interval excludes 0', () => {
    const items = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`i${i}`, [2, 2] as [number, number]]));
    const good = answers('good', items);
    const bad = answers(
      'bad',
      Object.fromEntries(Object.keys(items).map((k, i) => [k, [i % 4 === 0 ? 1 : 0, 0] as [number, number]])),
    );
    const same = answers('same', items);
    const boot = bootstrapScores([...good, ...bad, ...same], { iterations: 500 });
    const gb = findComparison(boot.comparisons.all, 'good', 'bad')!;
    expect(gb.ci!.low).toBeGreaterThan(0);
    expect(gb.distinguishable).toBe(true);
    const gs = findComparison(boot.comparisons.all, 'good', 'same')!;
    expect(gs).toMatchObject({ difference: 0, ci: { low: 0, high: 0 }, distinguishable: false });
    // Looked up the other way round, the difference and interval change sign.
    const bg = findComparison(boot.comparisons.all, 'bad', 'good')!;
    expect(bg.difference).toBe(-gb.difference!);
    expect(bg.ci).toEqual({ low: -gb.ci!.high, high: -gb.ci!.low });
  });
});
