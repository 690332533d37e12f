/**
 * The q-quantile of ascending-sorted values with linear interpolation between order statistics
 * (Hyndman–Fan type 7, the default of R and NumPy). Null for an empty array.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (h - lo) * (b - a);
}

/** A confidence interval's bounds. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * The central percentile interval of bootstrap replicates at `level` (0.95 → 2.5 % and 97.5 %).
 * NaN replicates (resamples where the scope had nothing scored) are dropped; null when none remain.
 */
export function percentileInterval(replicates: ArrayLike<number>, level: number): Interval | null {
  const kept: number[] = [];
  for (let i = 0; i < replicates.length; i++) {
    const v = replicates[i]!;
    if (!Number.isNaN(v)) kept.push(v);
  }
  if (kept.length === 0) return null;
  const sorted = Float64Array.from(kept).sort();
  const tail = (1 - level) / 2;
  return { low: quantileSorted(sorted, tail)!, high: quantileSorted(sorted, 1 - tail)! };
}
