import { describe, expect, it } from 'vitest';
import { weightedKappa } from './weighted-kappa.js';

const S = { min: 0, max: 2 };

describe('weightedKappa', () => {
  it('is 1 for perfect agreement', () => {
    expect(weightedKappa([0, 1, 2, 2], [0, 1, 2, 2], S)).toBe(1);
  });

  it('matches a hand-computed quadratic-weighted example', () => {
    // A = 0 1 2 2 1, B = 0 2 2 1 1 (5 items), w = (i−j)².
    // Observed pairs (each 1/5): (0,0) (1,2) (2,2) (2,1) (1,1) → Σ w·O = (1 + 1)/5 = 0.4.
    // Marginals: A = B = (0.2, 0.4, 0.4).
    // Σ w·E = 2·[0.2·0.4·1 + 0.2·0.4·4 + 0.4·0.4·1] = 2·(0.08 + 0.32 + 0.16) = 1.12.
    // κ = 1 − 0.4/1.12 = 1 − 5/14 = 9/14 ≈ 0.642857.
    // Cross-check with the moment form κ_q = 2·cov / (varA + varB + (meanA − meanB)²):
    // means 1.2, 1.2; var 0.56 each (population); cov 0.36 → 0.72/1.12 = 9/14.
    expect(weightedKappa([0, 1, 2, 2, 1], [0, 2, 2, 1, 1], S)).toBeCloseTo(9 / 14, 12);
  });

  it('matches the same example with linear weights', () => {
    // w = |i−j|: Σ w·O = 0.4; Σ w·E = 2·[0.08·1 + 0.08·2 + 0.16·1] = 0.8 → κ = 1 − 0.4/0.8 = 0.5.
    expect(weightedKappa([0, 1, 2, 2, 1], [0, 2, 2, 1, 1], S, 'linear')).toBeCloseTo(0.5, 12);
  });

  it('is −1 for a complete reversal', () => {
    // O: (0,2) and (2,0), 1/2 each → Σ w·O = 4. Marginals (0.5, 0, 0.5) both → Σ w·E = 2·0.25·4 = 2.
    expect(weightedKappa([0, 2], [2, 0], S)).toBeCloseTo(-1, 12);
  });

  it('uses every category of the scale, not only observed ones', () => {
    // Same pairs as above shifted to a 1..3 scale: κ must not change.
    expect(weightedKappa([1, 2, 3, 3, 2], [1, 3, 3, 2, 2], { min: 1, max: 3 })).toBeCloseTo(9 / 14, 12);
  });

  it('is null when undefined (no items, or both raters constant on the same score)', () => {
    expect(weightedKappa([], [], S)).toBeNull();
    expect(weightedKappa([2, 2, 2], [2, 2, 2], S)).toBeNull();
  });

  it('rejects mismatched or out-of-scale ratings', () => {
    expect(() => weightedKappa([0, 1], [0], S)).toThrow(RangeError);
    expect(() => weightedKappa([0, 3], [0, 1], S)).toThrow(/not an integer/);
    expect(() => weightedKappa([0, 0.5], [0, 1], S)).toThrow(/not an integer/);
  });
});
