import { describe, expect, it } from 'vitest';
import type { CategoryId } from '../taxonomy/types.js';
import { DIMENSIONS_BY_CATEGORY, categoryPairs } from './__fixtures__/synthetic.js';
import { formatScore } from './format.js';
import { scoreModel } from './model-scores.js';
import type { ModelScores } from './model-scores.js';

/** Implied category sizes (docs/benchmark.md §4). */
const SIZES: Record<CategoryId, number> = { traditional_safety: 866, responsible_ai: 817, instruction_attack: 772 };

interface Published {
  /** Category × round scores of docs/benchmark.md §5. */
  rounds: Record<CategoryId, [number, number]>;
  total: number;
  round1: number;
  round2: number;
  delta: number;
  categories: Record<CategoryId, number>;
}

const CATEGORIES = Object.keys(SIZES) as CategoryId[];

/**
 * A model's row of the published table, categories in SIZES order: each category's R1 and R2, then
 * total, R1, R2 and Δ, then each category's total.
 */
function published(rounds: number[], [total, round1, round2, delta]: number[], categories: number[]): Published {
  const byCategory = <T>(value: (i: number) => T) =>
    Object.fromEntries(CATEGORIES.map((c, i) => [c, value(i)])) as Record<CategoryId, T>;
  return {
    rounds: byCategory((i) => [rounds[2 * i]!, rounds[2 * i + 1]!]),
    total: total!,
    round1: round1!,
    round2: round2!,
    delta: delta!,
    categories: byCategory((i) => categories[i]!),
  };
}

const GPT4 = published([84.97, 84.05, 93.14, 89.3, 88.39, 85.0], [87.43, 88.76, 86.09, -2.67], [84.51, 91.22, 86.7]);
const GPT35 = published([82.02, 83.62, 88.04, 87.59, 82.64, 78.8], [83.82, 84.22, 83.43, -0.79], [82.82, 87.81, 80.72]);

/** Rebuilds a model's answers from its published category × round scores. */
function rebuild(model: string, pub: Published) {
  return (Object.keys(SIZES) as CategoryId[]).flatMap((c) => {
    const n = SIZES[c];
    const [r1, r2] = pub.rounds[c];
    return categoryPairs(
      model,
      c,
      DIMENSIONS_BY_CATEGORY[c],
      n,
      Math.round((r1 / 100) * 2 * n),
      Math.round((r2 / 100) * 2 * n),
    );
  });
}

const TOL = 0.03;

function expectNear(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(TOL);
}

/** The scores match the published total, R1, R2, Δ and category totals within TOL. */
function expectHeadline(s: ModelScores, pub: Published): void {
  expectNear(s.total.score, pub.total);
  expectNear(s.round1.score, pub.round1);
  expectNear(s.round2.score, pub.round2);
  expectNear(s.delta, pub.delta);
  for (const c of CATEGORIES) expectNear(s.categories[c].total.score, pub.categories[c]);
}

describe('docs/benchmark.md §4 formulas reproduce the published leaderboard', () => {
  it('GPT-4: total 87.43, R1 88.76, R2 86.09, Δ −2.67, categories 84.51 / 91.22 / 86.70', () => {
    const s = scoreModel(rebuild('gpt-4', GPT4));
    expect(s.total.all).toBe(2 * 2455);
    expectHeadline(s, GPT4);
    for (const c of CATEGORIES) {
      expectNear(s.categories[c].round1.score, GPT4.rounds[c][0]);
      expectNear(s.categories[c].round2.score, GPT4.rounds[c][1]);
    }
    expect(formatScore(s.total.score)).toBe('87.43');

    // The mean of the three category totals is NOT the published total (spec: 87.48 vs 87.43).
    const meanOfCategories =
      (Object.keys(SIZES) as CategoryId[]).reduce((sum, c) => sum + s.categories[c].total.score!, 0) / 3;
    expect(Math.abs(meanOfCategories - GPT4.total)).toBeGreaterThan(TOL);
    expect(formatScore(meanOfCategories)).toBe('87.48');
  });

  it('gpt-3.5-turbo: total 83.82, R1 84.22, R2 83.43, Δ −0.79, categories 82.82 / 87.81 / 80.72', () => {
    const s = scoreModel(rebuild('gpt-3.5-turbo', GPT35));
    expectHeadline(s, GPT35);

    // The published category totals average to 83.78, outside ±0.03 of the published 83.82.
    const publishedMean =
      (GPT35.categories.traditional_safety + GPT35.categories.responsible_ai + GPT35.categories.instruction_attack) / 3;
    expect(Math.abs(publishedMean - GPT35.total)).toBeGreaterThan(TOL);
    // On the rebuilt answers too, the pooled total is nearer the published value than the mean of categories.
    const meanOfCategories =
      (Object.keys(SIZES) as CategoryId[]).reduce((sum, c) => sum + s.categories[c].total.score!, 0) / 3;
    expect(Math.abs(s.total.score! - GPT35.total)).toBeLessThan(Math.abs(meanOfCategories - GPT35.total));
  });

  it('the total equals (R1 + R2) / 2 when both rounds are complete', () => {
    const s = scoreModel(rebuild('gpt-4', GPT4));
    expect(s.total.score!).toBeCloseTo((s.round1.score! + s.round2.score!) / 2, 10);
  });
});
