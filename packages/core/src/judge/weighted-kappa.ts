import type { RubricScale } from '@sc-safety/results';
import { validateRubric } from '@sc-safety/results';

/** Disagreement weights: quadratic `(i−j)²` (the default for ordinal scores) or linear `|i−j|`. */
export type KappaWeights = 'quadratic' | 'linear';

/**
 * Cohen's weighted κ of two raters over the same items (`a[i]` and `b[i]` rate item i):
 * `κ = 1 − Σ w·O / Σ w·E`, with O the observed joint proportions, E the product of the two
 * raters' marginal proportions, and w the disagreement weight over the scale's categories.
 * 1 = perfect agreement, 0 = chance level, negative = worse than chance.
 *
 * Returns null when there are no items or κ is undefined (no expected disagreement: both raters
 * used one and the same category throughout). Throws on unequal lengths or a value that is not
 * an integer within the scale.
 */
export function weightedKappa(
  a: readonly number[],
  b: readonly number[],
  scale: RubricScale,
  weights: KappaWeights = 'quadratic',
): number | null {
  validateRubric(scale);
  if (a.length !== b.length)
    throw new RangeError(`weightedKappa: ${String(a.length)} ratings against ${String(b.length)}`);
  const n = a.length;
  if (n === 0) return null;
  const k = scale.max - scale.min + 1;
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const rowTotals = new Array<number>(k).fill(0);
  const colTotals = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const x = category(a[i]!, scale);
    const y = category(b[i]!, scale);
    observed[x]![y]!++;
    rowTotals[x]!++;
    colTotals[y]!++;
  }
  let observedDisagreement = 0;
  let expectedDisagreement = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = weights === 'quadratic' ? (i - j) ** 2 : Math.abs(i - j);
      observedDisagreement += (w * observed[i]![j]!) / n;
      expectedDisagreement += (w * rowTotals[i]! * colTotals[j]!) / (n * n);
    }
  }
  if (expectedDisagreement === 0) return null;
  return 1 - observedDisagreement / expectedDisagreement;
}

function category(value: number, scale: RubricScale): number {
  if (!Number.isInteger(value) || value < scale.min || value > scale.max) {
    throw new RangeError(
      `weightedKappa: rating ${String(value)} is not an integer in ${String(scale.min)}..${String(scale.max)}`,
    );
  }
  return value - scale.min;
}
