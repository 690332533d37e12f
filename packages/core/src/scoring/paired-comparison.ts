import { CATEGORY_IDS } from '../taxonomy/types.js';
import type { CategoryId } from '../taxonomy/types.js';
import type { PairTable } from './pair-table.js';
import { percentileInterval } from './quantile.js';
import type { Interval } from './quantile.js';
import { stratifiedLayout } from './stratified-draw.js';
import type { StratifiedLayout } from './stratified-draw.js';

/**
 * Model `a` against model `b` on the same answers. Only the (item, round) answers that **both**
 * models have scored count, so the two scores share one denominator and the difference is paired:
 * `difference = 100 · Σ (s_a − s_b) / (answers · (max − min))` over those answers — on complete
 * data, exactly `total_a − total_b`. The interval comes from the same stratified resamples as every
 * other interval (items drawn within sub-dimensions, both rounds of a drawn item together).
 */
export interface PairComparison {
  a: string;
  b: string;
  /** Items with at least one round both models scored. */
  items: number;
  /** (item, round) answers both models scored: the denominator. */
  answers: number;
  /** Score of `a` minus score of `b` over the common answers; null when there is none. */
  difference: number | null;
  /** Percentile interval of the difference; null without a bootstrap or common answers. */
  ci: Interval | null;
  /**
   * Whether the interval excludes 0 (the two models are distinguishable); `false` when it
   * contains 0; null when there is no interval.
   */
  distinguishable: boolean | null;
}

/** Every two models compared, over all items and within each category (pairs in model-list order). */
export interface PairwiseComparisons {
  all: PairComparison[];
  categories: Record<CategoryId, PairComparison[]>;
}

const SCOPES = 1 + CATEGORY_IDS.length;

interface PairData {
  a: number;
  b: number;
  /** Per item: answers both scored (0, 1 or 2) and Σ (points_a − points_b) over them. */
  common: Uint8Array;
  diff: Float64Array;
  /** Per scope (all, then categories): replicates of the difference. */
  reps: Float64Array[];
}

/**
 * Collects the paired differences of every two models of a {@link PairTable}, resample by
 * resample, from the draws the bootstrap makes (so they share its resamples).
 */
export class PairwiseAccumulator {
  private readonly pairs: PairData[] = [];
  private readonly sums = new Float64Array(2 * SCOPES);

  constructor(
    private readonly table: PairTable,
    private readonly layout: StratifiedLayout,
    iterations: number,
  ) {
    const n = table.items.length;
    for (let a = 0; a < table.models.length; a++) {
      for (let b = a + 1; b < table.models.length; b++) {
        const common = new Uint8Array(n);
        const diff = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          if (table.max1[a]![i]! > 0 && table.max1[b]![i]! > 0) {
            common[i]!++;
            diff[i]! += table.points1[a]![i]! - table.points1[b]![i]!;
          }
          if (table.max2[a]![i]! > 0 && table.max2[b]![i]! > 0) {
            common[i]!++;
            diff[i]! += table.points2[a]![i]! - table.points2[b]![i]!;
          }
        }
        this.pairs.push({ a, b, common, diff, reps: Array.from({ length: SCOPES }, () => new Float64Array(iterations)) });
      }
    }
  }

  /** Sums a pair's difference and common answers over the drawn items, per scope (all, then categories). */
  private sum(pair: PairData, draw: ArrayLike<number>, dims: number): Float64Array {
    const s = this.sums;
    s.fill(0);
    for (let d = 0; d < dims; d++) {
      const scope = 1 + this.table.dimensionCategory[d]!;
      let diff = 0;
      let common = 0;
      for (let j = this.layout.offsets[d]!; j < this.layout.offsets[d + 1]!; j++) {
        const i = draw[j]!;
        diff += pair.diff[i]!;
        common += pair.common[i]!;
      }
      s[2 * scope]! += diff;
      s[2 * scope + 1]! += common;
      s[0]! += diff;
      s[1]! += common;
    }
    return s;
  }

  private value(diff: number, common: number): number {
    return common > 0 ? (100 * diff) / (common * this.table.full) : NaN;
  }

  /** Adds resample `b` (a stratified draw of item indices laid out as the bootstrap's). */
  add(draw: Uint32Array, b: number): void {
    const dims = this.table.dimensions.length;
    for (const pair of this.pairs) {
      const s = this.sum(pair, draw, dims);
      for (let k = 0; k < SCOPES; k++) pair.reps[k]![b] = this.value(s[2 * k]!, s[2 * k + 1]!);
    }
  }

  /** Point estimates on the data and percentile intervals of the collected resamples. */
  result(level: number): PairwiseComparisons {
    const n = this.table.items.length;
    // The data themselves, in stratum order: every item once.
    const identity = new Uint32Array(n);
    this.table.itemsByDimension.forEach((pool, d) => identity.set(pool, this.layout.offsets[d]!));
    const dims = this.table.dimensions.length;
    const out: PairComparison[][] = Array.from({ length: SCOPES }, () => []);
    for (const pair of this.pairs) {
      const s = this.sum(pair, identity, dims);
      const items = new Array<number>(SCOPES).fill(0);
      for (let i = 0; i < n; i++) {
        if (pair.common[i]! === 0) continue;
        items[0]!++;
        items[1 + this.table.categoryOf[i]!]!++;
      }
      for (let k = 0; k < SCOPES; k++) {
        const answers = s[2 * k + 1]!;
        const ci = answers > 0 && pair.reps[k]!.length > 0 ? percentileInterval(pair.reps[k]!, level) : null;
        out[k]!.push({
          a: this.table.models[pair.a]!,
          b: this.table.models[pair.b]!,
          items: items[k]!,
          answers,
          difference: answers > 0 ? this.value(s[2 * k]!, answers) : null,
          ci,
          distinguishable: ci === null ? null : ci.low > 0 || ci.high < 0,
        });
      }
    }
    return {
      all: out[0]!,
      categories: Object.fromEntries(CATEGORY_IDS.map((c, i) => [c, out[1 + i]!])) as Record<CategoryId, PairComparison[]>,
    };
  }
}

/** Point estimates of every paired difference, without intervals (the bootstrap turned off). */
export function comparePairs(table: PairTable): PairwiseComparisons {
  return new PairwiseAccumulator(table, stratifiedLayout(table), 0).result(0.95);
}

/** The comparison of two models in a list, whichever order it was stored in (difference and interval flipped to `a − b`). */
export function findComparison(list: readonly PairComparison[], a: string, b: string): PairComparison | undefined {
  for (const c of list) {
    if (c.a === a && c.b === b) return c;
    if (c.a === b && c.b === a) {
      return {
        ...c,
        a,
        b,
        difference: c.difference === null ? null : -c.difference,
        ci: c.ci === null ? null : { low: -c.ci.high, high: -c.ci.low },
      };
    }
  }
  return undefined;
}
