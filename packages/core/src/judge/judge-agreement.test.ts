import { describe, expect, it } from 'vitest';
import { judgeAgreement, type JudgeRating } from './judge-agreement.js';

// Same data as the α example in krippendorff-alpha.test.ts, with judge ids:
//        u1  u2  u3  u4  u5
//   j1    2   1   0   2   0
//   j2    2   1   1   1   –
//   j3    2   –   0   –   –   (j3's u2 is an unscored judgment: null)
const table: Record<string, Array<number | null | undefined>> = {
  j1: [2, 1, 0, 2, 0],
  j2: [2, 1, 1, 1, undefined],
  j3: [2, null, 0, undefined, undefined],
};
const ratings: JudgeRating[] = Object.entries(table).flatMap(([judgeId, scores]) =>
  scores.flatMap((score, i) => (score === undefined ? [] : [{ unit: `u${String(i + 1)}`, judgeId, score }])),
);

describe('judgeAgreement', () => {
  const report = judgeAgreement(ratings);

  it('counts units scored by two or more judges and pools exact agreement over judge pairs', () => {
    // u1: 3 pairs, 3 agree; u2: 1 pair, agrees; u3: (0,1) (0,0) (1,0) → 1 of 3; u4: 1 pair, no. u5 skipped.
    // 5 agreeing of 8 comparisons = 0.625.
    expect(report.judges).toEqual(['j1', 'j2', 'j3']);
    expect(report.units).toBe(4);
    expect(report.comparisons).toBe(8);
    expect(report.exactAgreement).toBeCloseTo(0.625, 12);
  });

  it('gives quadratic-weighted κ per judge pair over the units both scored', () => {
    // j1–j2 on u1..u4: a = 2 1 0 2, b = 2 1 1 1. Σ w·O = (1 + 1)/4 = 0.5.
    //   marginals a (0.25, 0.25, 0.5), b (0, 0.75, 0.25):
    //   Σ w·E = 0.25·0.75·1 + 0.25·0.25·4 + 0.25·0.25·1 + 0.5·0.75·1 = 0.875 → κ = 1 − 0.5/0.875 = 3/7.
    // j1–j3 on u1, u3: (2,2) (0,0) → κ = 1.
    // j2–j3 on u1, u3: a = 2 1, b = 2 0. Σ w·O = 0.5·1 = 0.5.
    //   a (0, 0.5, 0.5), b (0.5, 0, 0.5): Σ w·E = 0.25·1 + 0.25·1 + 0.25·4 = 1.5 → κ = 1 − 1/3 = 2/3.
    const [p12, p13, p23] = report.pairs;
    expect(p12).toMatchObject({ judgeA: 'j1', judgeB: 'j2', n: 4, exact: 0.5 });
    expect(p12!.kappa).toBeCloseTo(3 / 7, 12);
    expect(p13).toMatchObject({ judgeA: 'j1', judgeB: 'j3', n: 2, exact: 1, kappa: 1 });
    expect(p23).toMatchObject({ judgeA: 'j2', judgeB: 'j3', n: 2, exact: 0.5 });
    expect(p23!.kappa).toBeCloseTo(2 / 3, 12);
  });

  it("gives Krippendorff's α over all judges with missing scores", () => {
    expect(report.alpha.ordinal).toBeCloseTo(11 / 16, 12);
    expect(report.alpha.interval).toBeCloseTo(19 / 28, 12);
  });

  it('reports nothing measurable for single-judge data', () => {
    const single = judgeAgreement([{ unit: 'u1', judgeId: 'a', score: 2 }]);
    expect(single).toEqual({
      judges: ['a'],
      units: 0,
      comparisons: 0,
      exactAgreement: null,
      pairs: [],
      alpha: { ordinal: null, interval: null },
    });
  });

  it('rejects a judge rating a unit twice and out-of-scale scores', () => {
    expect(() => judgeAgreement([...ratings, { unit: 'u1', judgeId: 'j1', score: 2 }])).toThrow(/twice/);
    expect(() =>
      judgeAgreement([
        { unit: 'u9', judgeId: 'j3', score: null },
        { unit: 'u9', judgeId: 'j3', score: 1 },
      ]),
    ).toThrow(/twice/);
    expect(() => judgeAgreement([{ unit: 'u1', judgeId: 'a', score: 3 }])).toThrow(/not an integer/);
  });
});
