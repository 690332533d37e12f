/** Krippendorff's difference functions: which disagreements count, and how much. */
export type AlphaMetric = 'nominal' | 'ordinal' | 'interval';

/**
 * Krippendorff's α for one set of units (e.g. answers), each rated by any number of raters,
 * missing ratings allowed (`null`/`undefined`). Built on the coincidence matrix:
 *
 * - only units with at least two ratings are pairable; a unit with m ratings adds
 *   1/(m−1) to `o[c][k]` for every ordered pair of its ratings (c, k) from different raters;
 * - `n_c = Σ_k o[c][k]`, `n = Σ_c n_c` (the number of pairable ratings);
 * - `α = 1 − (n − 1) · Σ o[c][k]·δ²(c,k) / Σ n_c·n_k·δ²(c,k)`.
 *
 * δ² is `[c ≠ k]` (nominal), `(c − k)²` (interval), or for ordinal data, with values ranked
 * g = c..k: `(Σ_{g=c..k} n_g − (n_c + n_k)/2)²`, so the distance between two scores depends on
 * how many ratings fall between them.
 *
 * Returns null when α is undefined: fewer than two pairable ratings, or no variation at all
 * (every pairable rating equal, so expected disagreement is 0).
 */
export function krippendorffAlpha(
  units: ReadonlyArray<ReadonlyArray<number | null | undefined>>,
  metric: AlphaMetric,
): number | null {
  if (metric !== 'nominal' && metric !== 'ordinal' && metric !== 'interval') {
    throw new RangeError(`krippendorffAlpha: unknown metric ${JSON.stringify(metric)}`);
  }
  const pairable: number[][] = [];
  for (const unit of units) {
    const values = unit.filter((v): v is number => v !== null && v !== undefined);
    for (const v of values)
      if (!Number.isFinite(v)) throw new RangeError(`krippendorffAlpha: rating ${String(v)} is not a finite number`);
    if (values.length >= 2) pairable.push(values);
  }
  const categories = [...new Set(pairable.flat())].sort((x, y) => x - y);
  const index = new Map(categories.map((c, i) => [c, i]));
  const k = categories.length;
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const values of pairable) {
    const weight = 1 / (values.length - 1);
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values.length; j++) {
        if (i !== j) o[index.get(values[i]!)!]![index.get(values[j]!)!]! += weight;
      }
    }
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  if (n < 2) return null;

  const delta2 = (c: number, e: number): number => {
    if (c === e) return 0;
    if (metric === 'nominal') return 1;
    if (metric === 'interval') return (categories[c]! - categories[e]!) ** 2;
    const lo = Math.min(c, e);
    const hi = Math.max(c, e);
    let between = 0;
    for (let g = lo; g <= hi; g++) between += nc[g]!;
    return (between - (nc[lo]! + nc[hi]!) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let e = 0; e < k; e++) {
      const d = delta2(c, e);
      observed += o[c]![e]! * d;
      expected += nc[c]! * nc[e]! * d;
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}
