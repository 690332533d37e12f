import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from './krippendorff-alpha.js';

const _ = null;

describe('krippendorffAlpha', () => {
  it('is 1 for perfect agreement with variation, whatever the metric', () => {
    const units = [
      [0, 0],
      [1, 1, 1],
      [2, 2],
      [2, _, 2],
    ];
    for (const metric of ['nominal', 'ordinal', 'interval'] as const) expect(krippendorffAlpha(units, metric)).toBe(1);
  });

  // Three judges, five answers, missing scores:
  //   u1: 2 2 2   u2: 1 1 –   u3: 0 1 0   u4: 2 1 –   u5: 0 – –  (u5 has one value: not pairable)
  // Coincidences (a unit with m values adds 1/(m−1) per ordered pair):
  //   u1: 6 pairs (2,2) × 1/2 → o22 += 3;  u2: (1,1) × 2 → o11 += 2;
  //   u3: (0,0)×2, (0,1)×2, (1,0)×2, each × 1/2 → o00 += 1, o01 += 1, o10 += 1;
  //   u4: (2,1), (1,2) → o21 += 1, o12 += 1.
  //   o = [[1,1,0],[1,2,1],[0,1,3]];  n0 = 2, n1 = 4, n2 = 4, n = 10.
  const units = [
    [2, 2, 2],
    [1, 1, _],
    [0, 1, 0],
    [2, 1, _],
    [0, _, _],
  ];

  it('matches the hand-computed interval α', () => {
    // δ² = (c−k)². Σ o·δ² = o01 + o10 + o12 + o21 = 4.
    // Σ n_c·n_k·δ² = 2·(2·4·1 + 2·4·4 + 4·4·1) = 2·56 = 112.
    // α = 1 − (n−1)·4/112 = 1 − 36/112 = 19/28 ≈ 0.678571.
    expect(krippendorffAlpha(units, 'interval')).toBeCloseTo(19 / 28, 12);
  });

  it('matches the hand-computed ordinal α', () => {
    // δ²(c,k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²:
    //   δ²(0,1) = (6 − 3)² = 9;  δ²(1,2) = (8 − 4)² = 16;  δ²(0,2) = (10 − 3)² = 49.
    // Σ o·δ² = 2·9 + 2·16 = 50.  Σ n·n·δ² = 2·(8·9 + 8·49 + 16·16) = 2·720 = 1440.
    // α = 1 − 9·50/1440 = 1 − 0.3125 = 11/16 = 0.6875.
    expect(krippendorffAlpha(units, 'ordinal')).toBeCloseTo(11 / 16, 12);
  });

  it('matches the hand-computed nominal α', () => {
    // Σ o·δ = off-diagonal = 4.  Σ n·n·δ = n² − Σ n_c² = 100 − 36 = 64.  α = 1 − 36/64 = 7/16.
    expect(krippendorffAlpha(units, 'nominal')).toBeCloseTo(7 / 16, 12);
  });

  it("reproduces Krippendorff's published reliability example (4 observers, 12 units, missing data)", () => {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": α_nominal = 0.743,
    // α_ordinal = 0.815, α_interval = 0.849 (rounded to 3 decimals in the source).
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
    const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
    const table = A.map((a, i) => [a, B[i], C[i], D[i]]);
    expect(krippendorffAlpha(table, 'nominal')).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(table, 'ordinal')).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(table, 'interval')).toBeCloseTo(0.849, 3);
  });

  it('is negative for systematic disagreement', () => {
    // Two units (0,2) and (2,0): o02 = o20 = 2, n0 = n2 = 2, n = 4.
    // interval: Σ o·δ² = 16; Σ n·n·δ² = 2·2·2·4 = 32; α = 1 − 3·16/32 = −0.5.
    expect(
      krippendorffAlpha(
        [
          [0, 2],
          [2, 0],
        ],
        'interval',
      ),
    ).toBeCloseTo(-0.5, 12);
  });

  it('is null when undefined: nothing pairable, or no variation', () => {
    expect(krippendorffAlpha([], 'ordinal')).toBeNull();
    expect(krippendorffAlpha([[1, _], [2]], 'ordinal')).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [2, 2],
          [2, 2, 2],
        ],
        'interval',
      ),
    ).toBeNull();
  });

  it('rejects non-finite ratings and unknown metrics', () => {
    expect(() => krippendorffAlpha([[1, Number.NaN]], 'interval')).toThrow(RangeError);
    expect(() => krippendorffAlpha([[1, 2]], 'ratio' as 'interval')).toThrow(/unknown metric/);
  });
});
