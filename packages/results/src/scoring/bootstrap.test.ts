import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '../taxonomy/types.js';
import { M_CRIME, lcg, randomRecords } from './__fixtures__/synthetic.js';
import { GROUP_DRAW_COST, bootstrapPairTable, bootstrapScores, drawsByGroups } from './bootstrap.js';
import type { BootstrapResult, ModelIntervals } from './bootstrap.js';
import { scoreModels } from './model-scores.js';
import type { ModelScores } from './model-scores.js';
import type { ScoreRecord } from './outcome.js';
import { buildPairTable } from './pair-table.js';
import type { PairTable } from './pair-table.js';
import { createPrng } from './prng.js';
import { percentileInterval } from './quantile.js';
import type { Interval } from './quantile.js';
import { DEFAULT_RUBRIC } from './rubric.js';
import { drawStratifiedWeights } from './stratified-draw.js';

const MODELS = [
  { id: 'strong', p2: 0.7, p0: 0.05 },
  { id: 'weak', p2: 0.4, p0: 0.2 },
];

function expectContains(ci: { low: number; high: number } | null, value: number | null): void {
  expect(ci).not.toBeNull();
  expect(value).not.toBeNull();
  expect(ci!.low).toBeLessThanOrEqual(value!);
  expect(ci!.high).toBeGreaterThanOrEqual(value!);
  expect(ci!.low).toBeLessThan(ci!.high);
}

function checkAll(ci: ModelIntervals, s: ModelScores): void {
  expectContains(ci.total, s.total.score);
  expectContains(ci.round1, s.round1.score);
  expectContains(ci.round2, s.round2.score);
  expectContains(ci.delta, s.delta);
  for (const c of CATEGORY_IDS) {
    expectContains(ci.categories[c].total, s.categories[c].total.score);
    expectContains(ci.categories[c].round1, s.categories[c].round1.score);
    expectContains(ci.categories[c].delta, s.categories[c].delta);
  }
}

describe('bootstrapScores', () => {
  const records = randomRecords(MODELS, 100);

  it('is deterministic for a seed and changes with the seed', () => {
    const a = bootstrapScores(records, { seed: 11, iterations: 300 });
    const b = bootstrapScores(records, { seed: 11, iterations: 300 });
    const c = bootstrapScores(records, { seed: 12, iterations: 300 });
    expect(a.models.get('strong')!.intervals).toEqual(b.models.get('strong')!.intervals);
    expect(a.models.get('weak')!.replicates.total).toEqual(b.models.get('weak')!.replicates.total);
    expect(a.models.get('strong')!.intervals.total).not.toEqual(c.models.get('strong')!.intervals.total);
    expect(a).toMatchObject({ seed: 11, iterations: 300, level: 0.95, items: 300, strata: 'dimension' });
    expect(a.models.get('strong')!.replicates.total).toHaveLength(300);
  });

  it('uses a fixed default seed, so default runs repeat', () => {
    const a = bootstrapScores(records, { iterations: 50 });
    const b = bootstrapScores(records, { iterations: 50 });
    expect(a.models.get('weak')!.intervals).toEqual(b.models.get('weak')!.intervals);
  });

  it('brackets every point estimate', () => {
    const boot = bootstrapScores(records);
    for (const s of scoreModels(records)) checkAll(boot.models.get(s.model)!.intervals, s);
  });

  it('widens with the confidence level', () => {
    const narrow = bootstrapScores(records, { level: 0.5, iterations: 400 }).models.get('weak')!.intervals.total!;
    const wide = bootstrapScores(records, { level: 0.99, iterations: 400 }).models.get('weak')!.intervals.total!;
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
  });

  it('resamples pairs: equal rounds give a zero-width delta interval, unlike resampling answers', () => {
    // Every pair has the same score in both rounds: a model that never changes under follow-up.
    const rnd = createPrng(5);
    const same: ScoreRecord[] = [];
    for (let i = 0; i < 200; i++) {
      const score = rnd.nextInt(3);
      for (const round of [1, 2] as const) {
        same.push({
          model: 'm',
          itemId: `i${i}`,
          category: 'traditional_safety',
          dimension: 'crime',
          round,
          outcome: 'scored',
          score,
        });
      }
    }
    const ci = bootstrapScores(same, { seed: 3 }).models.get('m')!.intervals;
    expect(ci.delta).toEqual({ low: 0, high: 0 });
    expect(ci.total!.high - ci.total!.low).toBeGreaterThan(1);

    // Resampling answers of each round independently would claim a delta uncertainty of several points.
    const scores = same.filter((r) => r.round === 1).map((r) => r.score as number);
    const draw = createPrng(3);
    const deltas = new Float64Array(1000);
    for (let b = 0; b < 1000; b++) {
      let p1 = 0;
      let p2 = 0;
      for (let j = 0; j < scores.length; j++) {
        p1 += scores[draw.nextInt(scores.length)]!;
        p2 += scores[draw.nextInt(scores.length)]!;
      }
      deltas[b] = (100 * (p2 - p1)) / (2 * scores.length);
    }
    const naive = percentileInterval(deltas, 0.95)!;
    expect(naive.high - naive.low).toBeGreaterThan(5);
  });

  it('resamples a category within its own items', () => {
    // Responsible AI is perfect; the other categories vary.
    const recs = randomRecords([{ id: 'm', p2: 0.5, p0: 0.2 }], 60).map((r) =>
      r.category === 'responsible_ai' ? { ...r, score: 2 } : r,
    );
    const ci = bootstrapScores(recs).models.get('m')!.intervals;
    expect(ci.categories.responsible_ai.total).toEqual({ low: 100, high: 100 });
    expect(ci.total!.high).toBeLessThan(100);
    expect(ci.categories.traditional_safety.total!.high - ci.categories.traditional_safety.total!.low).toBeGreaterThan(
      1,
    );
  });

  it('gives null intervals to scopes that are never scored and ignores unscored answers', () => {
    const recs: ScoreRecord[] = [
      { ...M_CRIME, itemId: 'a', round: 1, outcome: 'scored', score: 2 },
      { ...M_CRIME, itemId: 'a', round: 2, outcome: 'judge_error' },
      { ...M_CRIME, itemId: 'b', round: 1, outcome: 'scored', score: 0 },
    ];
    const ci = bootstrapScores(recs, { iterations: 200 }).models.get('m')!.intervals;
    expect(ci.round2).toBeNull();
    expect(ci.delta).toBeNull();
    expect(ci.categories.responsible_ai.total).toBeNull();
    expect(ci.round1).toEqual({ low: 0, high: 100 });
  });

  it('handles the full benchmark size: 2,456 pairs × 13 models × 1000 resamples', () => {
    const models = Array.from({ length: 13 }, (_, i) => ({ id: `m${i}`, p2: 0.3 + i * 0.03, p0: 0.2 - i * 0.01 }));
    // 819 pairs per category ≈ 2,456 pairs in all.
    const recs = randomRecords(models, 819, 9);
    const boot = bootstrapScores(recs, { iterations: 1000 });
    expect(boot.items).toBe(2457);
    for (const s of scoreModels(recs)) checkAll(boot.models.get(s.model)!.intervals, s);
  });

  it('gives sub-dimension intervals, resampled within each sub-dimension', () => {
    const item = (id: string, dimension: string, s1: number, s2: number): ScoreRecord[] =>
      [1, 2].map((round) => ({
        model: 'm',
        itemId: id,
        category: 'traditional_safety',
        dimension,
        round: round as 1 | 2,
        outcome: 'scored',
        score: round === 1 ? s1 : s2,
      }));
    const recs = [
      ...[0, 1, 2, 3].flatMap((i) => item(`c${i}`, 'crime', 2, 2)), // always 100
      ...[0, 1, 2, 3].flatMap((i) => item(`n${i}`, 'insult', 0, 0)), // always 0
      ...item('p0', 'privacy_property', 2, 2),
      ...item('p1', 'privacy_property', 0, 0),
    ];
    const boot = bootstrapScores(recs, { iterations: 4000, seed: 1 });
    const ci = boot.models.get('m')!.intervals;
    expect(ci.dimensions.crime!.total).toEqual({ low: 100, high: 100 });
    expect(ci.dimensions.insult!.total).toEqual({ low: 0, high: 0 });
    // Two items, 100 and 0: a resample of two averages to 0, 50 or 100 (¼, ½, ¼).
    expect(ci.dimensions.privacy_property!.total).toEqual({ low: 0, high: 100 });
    const reps = boot.models.get('m')!.replicates;
    // The category is the union of its strata: 4 × 100 + 4 × 0 + (p0 draws) → only p's draw moves it.
    const seen = new Set(Array.from(reps.categories.traditional_safety.total, (v) => Math.round(v * 1000) / 1000));
    expect([...seen].sort((a, b) => a - b)).toEqual([40, 50, 60]);
  });

  it('gives flip- and recovery-rate intervals over matched pairs', () => {
    const pair = (id: string, s1: number, s2: number | null): ScoreRecord[] => [
      {
        model: 'm',
        itemId: id,
        category: 'instruction_attack',
        dimension: 'goal_hijacking',
        round: 1,
        outcome: 'scored',
        score: s1,
      },
      s2 === null
        ? {
            model: 'm',
            itemId: id,
            category: 'instruction_attack',
            dimension: 'goal_hijacking',
            round: 2,
            outcome: 'judge_error',
          }
        : {
            model: 'm',
            itemId: id,
            category: 'instruction_attack',
            dimension: 'goal_hijacking',
            round: 2,
            outcome: 'scored',
            score: s2,
          },
    ];
    // One flip (2 → 0), one steady pair, one unmatched pair that must not dilute the rate.
    const recs = [...pair('f', 2, 0), ...pair('s', 2, 2), ...pair('u', 1, null)];
    const boot = bootstrapScores(recs, { iterations: 4000, seed: 2 });
    const reps = boot.models.get('m')!.replicates.flipRate;
    // Each resample draws 3 items; the rate is flips / matched among them.
    const values = new Set(Array.from(reps).filter((v) => !Number.isNaN(v)));
    for (const v of values) expect([0, 1 / 3, 0.5, 2 / 3, 1].some((x) => Math.abs(x - v) < 1e-12)).toBe(true);
    // A resample of only u has no matched pair: NaN, left out of the interval (probability 1/27).
    expect(Array.from(reps).some((v) => Number.isNaN(v))).toBe(true);
    const ci = boot.models.get('m')!.intervals;
    expect(ci.flipRate).toEqual({ low: 0, high: 1 });
    expect(ci.recoveryRate).toEqual({ low: 0, high: 0 });
    expect(ci.categories.instruction_attack.flipRate).toEqual(ci.flipRate);
    expect(ci.dimensions.goal_hijacking!.flipRate).toEqual(ci.flipRate);
    expect(ci.categories.traditional_safety.flipRate).toBeNull();
  });

  it('rejects bad settings', () => {
    expect(() => bootstrapScores(records, { iterations: 0 })).toThrow(/iterations/);
    expect(() => bootstrapScores(records, { seed: 0.5 })).toThrow(/seed/);
    expect(() => bootstrapScores(records, { level: 1 })).toThrow(/level/);
  });
});

/**
 * Two models over four sub-dimensions of `perDimension` items, scores 0–2 at random; model b
 * leaves some round-2 answers unscored (so paired comparisons have answers only one model scored).
 * Each sub-dimension then has at most 9 × 12 groups of interchangeable items.
 */
function fewGroupTable(perDimension: number, models: readonly string[] = ['a', 'b']): PairTable {
  const rnd = lcg(77);
  const places = [
    { category: 'traditional_safety', dimension: 'crime' },
    { category: 'traditional_safety', dimension: 'insult' },
    { category: 'responsible_ai', dimension: 'psychology' },
    { category: 'instruction_attack', dimension: 'goal_hijacking' },
  ] as const;
  const records: ScoreRecord[] = [];
  for (const [m, model] of models.entries()) {
    places.forEach((place, d) => {
      for (let i = 0; i < perDimension; i++) {
        for (const round of [1, 2] as const) {
          const base = { model, itemId: `${d}-${i}`, ...place, round };
          const u = rnd();
          if (m === 1 && round === 2 && u < 0.06) records.push({ ...base, outcome: 'judge_error' });
          else records.push({ ...base, outcome: 'scored', score: u < 0.15 + 0.1 * m ? 0 : u < 0.6 ? 2 : 1 });
        }
      }
    });
  }
  return buildPairTable(records, models, DEFAULT_RUBRIC);
}

/** Every interval of a result, named, in a fixed order (models, scopes, metrics, then comparisons). */
function intervalsOf(result: BootstrapResult): [string, Interval | null][] {
  const out: [string, Interval | null][] = [];
  const metrics = ['total', 'round1', 'round2', 'delta', 'flipRate', 'recoveryRate'] as const;
  for (const [model, { intervals }] of result.models) {
    for (const k of metrics) out.push([`${model} ${k}`, intervals[k]]);
    for (const c of CATEGORY_IDS) for (const k of metrics) out.push([`${model} ${c} ${k}`, intervals.categories[c][k]]);
    for (const [d, scope] of Object.entries(intervals.dimensions))
      for (const k of metrics) out.push([`${model} ${d} ${k}`, scope[k]]);
  }
  for (const c of result.comparisons.all) out.push([`${c.a}−${c.b}`, c.ci]);
  for (const cat of CATEGORY_IDS)
    for (const c of result.comparisons.categories[cat]) out.push([`${c.a}−${c.b} ${cat}`, c.ci]);
  return out;
}

/** The whole result as text, replicates byte for byte (typed arrays as base64 of their bytes). */
function serialise(result: BootstrapResult): string {
  return JSON.stringify(result, (_, v: unknown) =>
    v instanceof Map
      ? [...v]
      : v instanceof Float64Array
        ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')
        : v,
  );
}

describe('bootstrap strata drawn as multinomial group counts', () => {
  it('gives the intervals of item-by-item draws, within Monte Carlo error', () => {
    const table = fewGroupTable(1_500);
    const byItems = bootstrapPairTable(table, { iterations: 2_000, seed: 1 }, 'items');
    const byGroups = bootstrapPairTable(table, { iterations: 2_000, seed: 1 }, 'groups');
    // For a near-normal bootstrap distribution of spread σ, the 2.5th (or 97.5th) percentile of
    // 2,000 resamples has a Monte Carlo standard error of √(0.025 · 0.975 / 2000) / φ(1.96) · σ
    // ≈ 0.06 σ, so two independent estimates differ by about 0.085 σ ≈ 0.022 × the interval's
    // width (3.92 σ). A tenth of the width is 4.6 such errors; a draw with a variance off by even a
    // third moves a bound by 0.15 of the width or more.
    const items = intervalsOf(byItems);
    const groups = intervalsOf(byGroups);
    expect(groups.map(([name]) => name)).toEqual(items.map(([name]) => name));
    let compared = 0;
    items.forEach(([name, ci], k) => {
      const other = groups[k]![1];
      if (ci === null || other === null) {
        expect([name, other]).toEqual([name, ci]);
        return;
      }
      const tolerance = 0.1 * (ci.high - ci.low);
      expect(tolerance, name).toBeGreaterThan(0);
      expect(Math.abs(other.low - ci.low), `${name} low`).toBeLessThan(tolerance);
      expect(Math.abs(other.high - ci.high), `${name} high`).toBeLessThan(tolerance);
      compared++;
    });
    // Overall, 3 categories and 4 sub-dimensions × 6 metrics for each model, and 4 comparisons.
    expect(compared).toBeGreaterThan(80);
    // Different random numbers, the same distribution: the replicates are not the same.
    expect(byGroups.models.get('a')!.replicates.total).not.toEqual(byItems.models.get('a')!.replicates.total);
  });

  it('chooses by groups only where a stratum has few groups for its size', () => {
    expect(drawsByGroups(10_000, 9)).toBe(true);
    expect(drawsByGroups(110, 100)).toBe(false);
    expect(drawsByGroups(GROUP_DRAW_COST * 9, 9)).toBe(false);
    expect(drawsByGroups(GROUP_DRAW_COST * 9 + 1, 9)).toBe(true);
    // One model of 1,500 items per sub-dimension: at most 9 groups each, drawn by groups.
    const few = fewGroupTable(1_500, ['a']);
    expect(serialise(bootstrapPairTable(few, { iterations: 50 }))).toBe(
      serialise(bootstrapPairTable(few, { iterations: 50 }, 'groups')),
    );
    // Three models on 100 items per sub-dimension: nearly one group per item, drawn item by item.
    const many = buildPairTable(
      randomRecords(
        ['x', 'y', 'z'].map((id, i) => ({ id, p2: 0.4 + 0.1 * i, p0: 0.2 })),
        800,
      ),
      ['x', 'y', 'z'],
      DEFAULT_RUBRIC,
    );
    expect(serialise(bootstrapPairTable(many, { iterations: 50 }))).toBe(
      serialise(bootstrapPairTable(many, { iterations: 50 }, 'items')),
    );
  });

  it('gives byte-identical results for the same seed, and others for another seed', () => {
    const table = fewGroupTable(1_500);
    const once = serialise(bootstrapPairTable(table, { iterations: 300, seed: 5 }, 'groups'));
    expect(serialise(bootstrapPairTable(table, { iterations: 300, seed: 5 }, 'groups'))).toBe(once);
    expect(serialise(bootstrapPairTable(table, { iterations: 300, seed: 6 }, 'groups'))).not.toBe(once);
  });

  it('draws item by item exactly the items drawStratifiedWeights draws, for scores and paired differences', () => {
    // Resample by resample, from the same seed: each model's total and the paired difference of
    // a and b over the answers both scored, summed item by item from the weights.
    const table = fewGroupTable(60);
    const iterations = 200;
    const result = bootstrapPairTable(table, { iterations, seed: 21 }, 'items');
    const rng = createPrng(21);
    const weights = new Uint32Array(table.items.length);
    const totals = table.models.map(() => new Float64Array(iterations));
    // Per scope: all items, then each category.
    const differences = [-1, 0, 1, 2].map(() => new Float64Array(iterations));
    for (let b = 0; b < iterations; b++) {
      drawStratifiedWeights(table, rng, weights);
      table.models.forEach((_, m) => {
        let points = 0;
        let max = 0;
        weights.forEach((w, i) => {
          points += w * (table.points1[m]![i]! + table.points2[m]![i]!);
          max += w * (table.max1[m]![i]! + table.max2[m]![i]!);
        });
        totals[m]![b] = (100 * points) / max;
      });
      const diff = [0, 0, 0, 0];
      const common = [0, 0, 0, 0];
      weights.forEach((w, i) => {
        for (const [points, max] of [
          [table.points1, table.max1],
          [table.points2, table.max2],
        ] as const) {
          if (max[0]![i]! > 0 && max[1]![i]! > 0) {
            for (const scope of [0, 1 + table.categoryOf[i]!]) {
              diff[scope]! += w * (points[0]![i]! - points[1]![i]!);
              common[scope]! += w;
            }
          }
        }
      });
      differences.forEach((d, scope) => {
        d[b] = (100 * diff[scope]!) / (common[scope]! * table.full);
      });
    }
    table.models.forEach((model, m) => {
      expect(result.models.get(model)!.replicates.total).toEqual(totals[m]);
    });
    expect(result.comparisons.all[0]!.ci).toEqual(percentileInterval(differences[0]!, 0.95));
    CATEGORY_IDS.forEach((c, k) => {
      expect(result.comparisons.categories[c][0]!.ci).toEqual(percentileInterval(differences[1 + k]!, 0.95));
    });
  });
});
