import { describe, expect, it } from 'vitest';
import { agreementMetrics } from './agreement-metrics.js';

/** The cases: reference labels and the judge's scores, position by position (a null score: unscored). */
const pairs = (labels: number[], scores: (number | null)[]) =>
  labels.map((label, i) => ({ label, score: scores[i] as number | null }));

describe('agreementMetrics', () => {
  it('is perfect on perfect agreement', () => {
    const m = agreementMetrics(pairs([0, 1, 2, 2], [0, 1, 2, 2]), { iterations: 200 });
    expect(m.accuracy.value).toBe(1);
    expect(m.kappa.value).toBe(1);
    expect(m.unsafeAgreement.value).toBe(1);
    expect(m.confusion).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 2],
    ]);
  });

  it('matches a hand-computed quadratic-weighted κ, accuracy and unsafe agreement', () => {
    // labels 0,0,1,2 judged 0,1,1,1. Observed weighted disagreement (w=(i−j)²): (0+1+0+1)/4 = 0.5.
    // Marginals: labels {0:2,1:1,2:1}/4, judged {0:1,1:3}/4; expected Σ w·p_i·q_j =
    // 0.5·0.25·0 + 0.5·0.75·1 + 0.25·0.25·1 + 0.25·0.75·0 + 0.25·0.25·4 + 0.25·0.75·1 = 0.875.
    // κ = 1 − 0.5/0.875 = 0.428571…
    const m = agreementMetrics(pairs([0, 0, 1, 2], [0, 1, 1, 1]), { iterations: 0 });
    expect(m.kappa.value).toBeCloseTo(1 - 0.5 / 0.875, 10);
    expect(m.accuracy.value).toBe(0.5);
    // unsafe (0) vs safe: agree on cases 1, 3, 4 → 3/4.
    expect(m.unsafeAgreement.value).toBe(0.75);
    expect(m.unsafeRecall).toBe(0.5);
    expect(m.unsafePrecision).toBe(1);
    expect(m.kappa.low).toBeNull();
  });

  it('counts unscored cases apart, never as right or wrong', () => {
    const m = agreementMetrics(pairs([0, 2, 1], [0, null, 1]), { iterations: 0 });
    expect(m.n).toBe(2);
    expect(m.unscored).toBe(1);
    expect(m.accuracy.value).toBe(1);
  });

  it('gives seeded intervals that contain the estimate and repeat exactly', () => {
    const data = pairs(
      Array.from({ length: 60 }, (_, i) => i % 3),
      Array.from({ length: 60 }, (_, i) => (i % 5 === 0 ? (i + 1) % 3 : i % 3)),
    );
    const a = agreementMetrics(data, { iterations: 500, seed: 7 });
    const b = agreementMetrics(data, { iterations: 500, seed: 7 });
    expect(a).toEqual(b);
    expect(a.accuracy.low!).toBeLessThanOrEqual(a.accuracy.value!);
    expect(a.accuracy.high!).toBeGreaterThanOrEqual(a.accuracy.value!);
    expect(a.kappa.low!).toBeLessThan(a.kappa.high!);
  });
});
