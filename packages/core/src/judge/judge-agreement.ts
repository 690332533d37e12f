import { DEFAULT_RUBRIC, validateRubric, type RubricScale } from '@sc-safety/results';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import { weightedKappa } from './weighted-kappa.js';

/** One judge's score for one unit (an answer: item and round). Unscored → `null`/absent. */
export interface JudgeRating {
  /** The rated answer, e.g. `${itemId}#${round}`. */
  unit: string;
  judgeId: string;
  score?: number | null;
}

/** Agreement of one pair of judges over the units both scored. */
export interface JudgePairAgreement {
  judgeA: string;
  judgeB: string;
  /** Units both judges scored. */
  n: number;
  /** Share of those units with the same score (null when n = 0). */
  exact: number | null;
  /** Cohen's quadratic-weighted κ (null when n = 0 or undefined). */
  kappa: number | null;
}

/** How well a panel's judges agree, over a set of answers. */
export interface AgreementReport {
  /** Judge ids, sorted. */
  judges: string[];
  /** Units scored by at least two judges (the only ones agreement is measured on). */
  units: number;
  /** Judge pairs compared, summed over units (a unit scored by m judges gives m(m−1)/2). */
  comparisons: number;
  /** Share of those comparisons where both judges gave the same score (null when none). */
  exactAgreement: number | null;
  /** Each pair of judges, in judge order. */
  pairs: JudgePairAgreement[];
  /** Krippendorff's α over all judges, missing scores allowed (null when undefined). */
  alpha: { ordinal: number | null; interval: number | null };
}

/**
 * Agreement statistics for answers graded by two or more judges: exact agreement as the share
 * of agreeing judge pairs (pooled over units), Cohen's quadratic-weighted κ for every pair of
 * judges, and Krippendorff's α with ordinal and interval metrics, which use every unit with at
 * least two scores whatever judges are missing. Unscored ratings count as missing.
 *
 * Throws when a judge rates the same unit twice or a score is not an integer within the scale.
 */
export function judgeAgreement(ratings: readonly JudgeRating[], scale: RubricScale = DEFAULT_RUBRIC): AgreementReport {
  validateRubric(scale);
  const byUnit = new Map<string, Map<string, number | null>>();
  const judgeSet = new Set<string>();
  for (const r of ratings) {
    judgeSet.add(r.judgeId);
    let unit = byUnit.get(r.unit);
    if (unit === undefined) byUnit.set(r.unit, (unit = new Map()));
    if (unit.has(r.judgeId)) {
      throw new RangeError(
        `judgeAgreement: judge ${JSON.stringify(r.judgeId)} rates unit ${JSON.stringify(r.unit)} twice`,
      );
    }
    if (r.score === null || r.score === undefined) {
      unit.set(r.judgeId, null);
      continue;
    }
    if (!Number.isInteger(r.score) || r.score < scale.min || r.score > scale.max) {
      throw new RangeError(
        `judgeAgreement: score ${String(r.score)} is not an integer in ${String(scale.min)}..${String(scale.max)}`,
      );
    }
    unit.set(r.judgeId, r.score);
  }
  const judges = [...judgeSet].sort();

  let units = 0;
  let comparisons = 0;
  let agreements = 0;
  const columns: number[][] = [];
  for (const unit of byUnit.values()) {
    const scores = [...unit.values()].filter((s): s is number => s !== null);
    if (scores.length < 2) continue;
    units++;
    columns.push(scores);
    for (let i = 0; i < scores.length; i++) {
      for (let j = i + 1; j < scores.length; j++) {
        comparisons++;
        if (scores[i] === scores[j]) agreements++;
      }
    }
  }

  const pairs: JudgePairAgreement[] = [];
  for (let i = 0; i < judges.length; i++) {
    for (let j = i + 1; j < judges.length; j++) {
      const a: number[] = [];
      const b: number[] = [];
      for (const unit of byUnit.values()) {
        const x = unit.get(judges[i]!);
        const y = unit.get(judges[j]!);
        if (typeof x === 'number' && typeof y === 'number') {
          a.push(x);
          b.push(y);
        }
      }
      const same = a.filter((x, k) => x === b[k]).length;
      pairs.push({
        judgeA: judges[i]!,
        judgeB: judges[j]!,
        n: a.length,
        exact: a.length === 0 ? null : same / a.length,
        kappa: weightedKappa(a, b, scale, 'quadratic'),
      });
    }
  }

  return {
    judges,
    units,
    comparisons,
    exactAgreement: comparisons === 0 ? null : agreements / comparisons,
    pairs,
    alpha: { ordinal: krippendorffAlpha(columns, 'ordinal'), interval: krippendorffAlpha(columns, 'interval') },
  };
}
