import { CATEGORY_IDS } from '../taxonomy/types.js';
import type { CategoryId } from '../taxonomy/types.js';
import type { PairTable } from './pair-table.js';
import { percentileInterval } from './quantile.js';
import type { Interval } from './quantile.js';

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

/** Per-model sums of one resample, per scope (all, then categories): [Σ points, scored answers] × scopes. */
export type ModelScopeSums = Float64Array;

interface PairData {
  a: number;
  b: number;
  /**
   * Where the two models' scored answers differ (sparse): the common answers are a's scored
   * answers minus those b did not score, so `Σ_common (a − b) = Σ_a a − Σ_b b + correction`.
   * Per listed unit (see {@link ResampledUnits}): its scope (1 + category), the correction one of
   * its items makes to the difference and to the count.
   */
  units: Uint32Array;
  scope: Uint8Array;
  fixDiff: Float64Array;
  fixCount: Float64Array;
  /** Point estimates per scope: Σ (points_a − points_b) over common answers, common answers, items. */
  diff: Float64Array;
  common: Float64Array;
  commonItems: Float64Array;
  /** Per scope: replicates of the difference. */
  reps: Float64Array[];
}

/**
 * What a resample reports draw counts of: `of[i]` is item i's unit, out of `count`. A unit's
 * items must have the same numbers for every model and lie in one category (the bootstrap's
 * groups of interchangeable items within a sub-dimension), so a pair's correction per draw is the
 * same for all of them.
 */
export interface ResampledUnits {
  of: Uint32Array;
  count: number;
}

/**
 * Collects the paired differences of every two models of a {@link PairTable}, resample by
 * resample, from the model sums the bootstrap already computed (so they share its resamples).
 * A pair costs only the units where the two models' scored answers differ, not every item.
 */
export class PairwiseAccumulator {
  private readonly pairs: PairData[] = [];

  /** `units`: what {@link add} gets counts of; by default each item is its own unit. */
  constructor(
    private readonly table: PairTable,
    iterations: number,
    units?: ResampledUnits,
  ) {
    const n = table.categoryOf.length; // the item count, without listing the ids (`ScoreView.table` lists them when read)
    const unitOf = units?.of;
    const unitCount = units?.count ?? n;
    // Per unit: the pair whose items last reached it and its first item's correction, to check
    // that its other items make the same one.
    const seenFor = new Int32Array(unitCount).fill(-1);
    const seenScope = new Uint8Array(unitCount);
    const seenDiff = new Float64Array(unitCount);
    const seenCount = new Float64Array(unitCount);
    for (let a = 0; a < table.models.length; a++) {
      for (let b = a + 1; b < table.models.length; b++) {
        const diff = new Float64Array(SCOPES);
        const common = new Float64Array(SCOPES);
        const commonItems = new Float64Array(SCOPES);
        const pairIndex = this.pairs.length;
        const unitList: number[] = [];
        const scopes: number[] = [];
        const fixDiff: number[] = [];
        const fixCount: number[] = [];
        for (let i = 0; i < n; i++) {
          const scope = 1 + table.categoryOf[i]!;
          let d = 0;
          let c = 0;
          let fd = 0;
          let fc = 0;
          for (const [points, max] of [
            [table.points1, table.max1],
            [table.points2, table.max2],
          ] as const) {
            const sa = max[a]![i]! > 0;
            const sb = max[b]![i]! > 0;
            if (sa && sb) {
              c++;
              d += points[a]![i]! - points[b]![i]!;
            } else if (sa) {
              fd -= points[a]![i]!;
              fc--;
            } else if (sb) {
              fd += points[b]![i]!;
            }
          }
          if (c > 0) {
            for (const k of [0, scope]) {
              diff[k]! += d;
              common[k]! += c;
              commonItems[k]!++;
            }
          }
          const unit = unitOf === undefined ? i : unitOf[i]!;
          if (seenFor[unit] === pairIndex) {
            if (seenScope[unit] !== scope || seenDiff[unit] !== fd || seenCount[unit] !== fc)
              throw new Error(`the items of resampled unit ${unit} differ for models ${a} and ${b}`);
            continue;
          }
          seenFor[unit] = pairIndex;
          seenScope[unit] = scope;
          seenDiff[unit] = fd;
          seenCount[unit] = fc;
          if (fd !== 0 || fc !== 0) {
            unitList.push(unit);
            scopes.push(scope);
            fixDiff.push(fd);
            fixCount.push(fc);
          }
        }
        this.pairs.push({
          a,
          b,
          units: Uint32Array.from(unitList),
          scope: Uint8Array.from(scopes),
          fixDiff: Float64Array.from(fixDiff),
          fixCount: Float64Array.from(fixCount),
          diff,
          common,
          commonItems,
          reps: Array.from({ length: SCOPES }, () => new Float64Array(iterations)),
        });
      }
    }
  }

  private value(diff: number, common: number): number {
    return common > 0 ? (100 * diff) / (common * this.table.full) : NaN;
  }

  /**
   * Adds resample `b`: `weights[u]` is how many times unit u's items were drawn (item u's draws
   * without units), `sums[m]` model m's {@link ModelScopeSums} over the drawn items.
   */
  add(weights: ArrayLike<number>, sums: readonly ModelScopeSums[], b: number): void {
    const diff = new Float64Array(SCOPES);
    const count = new Float64Array(SCOPES);
    for (const pair of this.pairs) {
      const sa = sums[pair.a]!;
      const sb = sums[pair.b]!;
      for (let k = 0; k < SCOPES; k++) {
        diff[k] = sa[2 * k]! - sb[2 * k]!;
        count[k] = sa[2 * k + 1]!;
      }
      for (let j = 0; j < pair.units.length; j++) {
        const w = weights[pair.units[j]!]!;
        if (w === 0) continue;
        const k = pair.scope[j]!;
        diff[k]! += w * pair.fixDiff[j]!;
        count[k]! += w * pair.fixCount[j]!;
        diff[0]! += w * pair.fixDiff[j]!;
        count[0]! += w * pair.fixCount[j]!;
      }
      for (let k = 0; k < SCOPES; k++) pair.reps[k]![b] = this.value(diff[k]!, count[k]!);
    }
  }

  /** Point estimates on the data and percentile intervals of the collected resamples. */
  result(level: number): PairwiseComparisons {
    const out: PairComparison[][] = Array.from({ length: SCOPES }, () => []);
    for (const pair of this.pairs) {
      for (let k = 0; k < SCOPES; k++) {
        const answers = pair.common[k]!;
        const ci = answers > 0 && pair.reps[k]!.length > 0 ? percentileInterval(pair.reps[k]!, level) : null;
        out[k]!.push({
          a: this.table.models[pair.a]!,
          b: this.table.models[pair.b]!,
          items: pair.commonItems[k]!,
          answers,
          difference: answers > 0 ? this.value(pair.diff[k]!, answers) : null,
          ci,
          distinguishable: ci === null ? null : ci.low > 0 || ci.high < 0,
        });
      }
    }
    return {
      all: out[0]!,
      categories: Object.fromEntries(CATEGORY_IDS.map((c, i) => [c, out[1 + i]!])) as Record<
        CategoryId,
        PairComparison[]
      >,
    };
  }
}

/** Point estimates of every paired difference, without intervals (the bootstrap turned off). */
export function comparePairs(table: PairTable): PairwiseComparisons {
  return new PairwiseAccumulator(table, 0).result(0.95);
}

/**
 * The comparison of two models in a list, whichever order it was stored in (difference and
 * interval flipped to `a − b`).
 */
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
