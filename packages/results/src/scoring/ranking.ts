import { scoreCents } from './format.js';
import { quantileSorted } from './quantile.js';

/** A rank and whether another entry shares it. */
export interface RankPlace {
  rank: number;
  tied: boolean;
}

/**
 * Standard competition ranking ("1, 2, 2, 4") on scores compared at display precision (two
 * decimals, see `scoreCents`): entries that print the same share a rank and are flagged tied.
 * Higher is better; null or NaN scores rank below every real score.
 */
export function competitionRanks(scores: readonly (number | null)[]): RankPlace[] {
  const keys = scores.map((s) => (s === null || Number.isNaN(s) ? -Infinity : scoreCents(s)));
  return keys.map((k) => {
    let better = 0;
    let same = 0;
    for (const other of keys) {
      if (other > k) better++;
      else if (other === k) same++;
    }
    return { rank: better + 1, tied: same > 1 };
  });
}

/** The best and worst rank a model reached across bootstrap resamples (central interval). */
export interface RankInterval {
  /** Best (smallest) rank of the interval. */
  best: number;
  /** Worst (largest) rank of the interval. */
  worst: number;
}

/**
 * Rank intervals from bootstrap replicates of a population's ranking metric (one array per
 * entry, all from the same resamples). Each resample is ranked with {@link competitionRanks}
 * rules; an entry's interval is the central `level` share of its ranks, widened to whole ranks
 * (the lower bound floored, the upper bound ceiled).
 */
export function rankIntervals(replicates: readonly Float64Array[], level: number): RankInterval[] {
  const k = replicates.length;
  if (k === 0) return [];
  const b = replicates[0]!.length;
  const ranks = replicates.map(() => new Float64Array(b));
  const keys = new Float64Array(k);
  for (let it = 0; it < b; it++) {
    for (let i = 0; i < k; i++) {
      const v = replicates[i]![it]!;
      keys[i] = Number.isNaN(v) ? -Infinity : scoreCents(v);
    }
    for (let i = 0; i < k; i++) {
      let better = 0;
      for (let j = 0; j < k; j++) if (keys[j]! > keys[i]!) better++;
      ranks[i]![it] = better + 1;
    }
  }
  const tail = (1 - level) / 2;
  return ranks.map((r) => {
    const sorted = r.sort();
    return { best: Math.floor(quantileSorted(sorted, tail)!), worst: Math.ceil(quantileSorted(sorted, 1 - tail)!) };
  });
}
