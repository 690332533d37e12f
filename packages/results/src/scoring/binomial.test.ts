import { describe, expect, it } from 'vitest';
import { INVERSION_MEAN, binomial, logFactorial, multinomialCounts, openUniform } from './binomial.js';
import { createPrng } from './prng.js';
import type { Prng } from './prng.js';

/** The exact Binomial(n, p) pmf, by its recurrence in logs from P(0) (independent of the sampler's Stirling terms). */
function binomialPmf(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  let log = n * Math.log1p(-p);
  const logOdds = Math.log(p) - Math.log1p(-p);
  out[0] = Math.exp(log);
  for (let k = 1; k <= n; k++) {
    log += Math.log((n - k + 1) / k) + logOdds;
    out[k] = Math.exp(log);
  }
  return out;
}

/**
 * Pearson's χ² of observed counts against expected probabilities, neighbouring outcomes merged
 * until each bin expects at least 5 (a short last bin joins the one before), and the 0.1 % critical
 * value for its degrees of freedom (Wilson–Hilferty).
 */
function chiSquare(observed: ArrayLike<number>, probabilities: ArrayLike<number>, draws: number) {
  const bins: { o: number; e: number }[] = [];
  let o = 0;
  let e = 0;
  for (let k = 0; k < probabilities.length; k++) {
    o += observed[k] ?? 0;
    e += draws * probabilities[k]!;
    if (e >= 5) {
      bins.push({ o, e });
      o = 0;
      e = 0;
    }
  }
  if (e > 0 || o > 0) {
    const last = bins[bins.length - 1]!;
    last.o += o;
    last.e += e;
  }
  const statistic = bins.reduce((sum, bin) => sum + (bin.o - bin.e) ** 2 / bin.e, 0);
  const df = bins.length - 1;
  const z = 3.090232; // the 99.9th percentile of the standard normal
  const critical = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  return { statistic, df, critical };
}

/** A generator that counts the random numbers taken from it. */
function counting(seed: number): Prng & { taken: () => number } {
  const inner = createPrng(seed);
  let taken = 0;
  return {
    nextUint32: () => {
      taken++;
      return inner.nextUint32();
    },
    nextFloat: () => {
      taken++;
      return inner.nextFloat();
    },
    nextInt: (n: number) => {
      taken++;
      return inner.nextInt(n);
    },
    taken: () => taken,
  };
}

describe('binomial', () => {
  const DRAWS = 20_000;
  // Both methods (inversion below a mean of 10, BTRS from it on), p above ½ flipped, the switch itself.
  const cases: [n: number, p: number][] = [
    [5, 0.3],
    [40, 0.1],
    [20, 0.5],
    [1000, 0.5],
    [100_000, 0.02],
    [100_000, 0.97],
    [12, 0.9],
    [1000, 0.0099],
  ];

  it.each(cases)('draws Binomial(%i, %d) exactly: χ² against the pmf, mean and variance', (n, p) => {
    const rng = createPrng(20_231_005 + n);
    const observed = new Float64Array(n + 1);
    let sum = 0;
    let squares = 0;
    let outside = 0;
    for (let i = 0; i < DRAWS; i++) {
      const k = binomial(rng, n, p);
      if (!(Number.isInteger(k) && k >= 0 && k <= n)) outside++;
      else observed[k]!++;
      sum += k;
      squares += k * k;
    }
    expect(outside).toBe(0);
    const { statistic, df, critical } = chiSquare(observed, binomialPmf(n, p), DRAWS);
    expect(df).toBeGreaterThan(2);
    expect(statistic).toBeLessThan(critical);
    // Mean and variance within 4 standard errors (the variance's from the binomial's 4th moment).
    const q = 1 - p;
    const variance = n * p * q;
    const fourth = variance * (1 + 3 * (n - 2) * p * q);
    const mean = sum / DRAWS;
    const sampleVariance = (squares - DRAWS * mean * mean) / (DRAWS - 1);
    expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt(variance / DRAWS));
    expect(Math.abs(sampleVariance - variance)).toBeLessThan(4 * Math.sqrt((fourth - variance * variance) / DRAWS));
  });

  it('covers both methods with these cases', () => {
    const means = cases.map(([n, p]) => n * Math.min(p, 1 - p));
    expect(means.some((m) => m < INVERSION_MEAN)).toBe(true);
    expect(means.some((m) => m >= INVERSION_MEAN)).toBe(true);
    expect(means).toContain(INVERSION_MEAN);
  });

  it('takes log k! from a table below 10 and the Stirling series above, to 1e-10', () => {
    let exact = 0;
    for (let k = 0; k <= 2_000; k++) {
      if (k > 1) exact += Math.log(k);
      expect(Math.abs(logFactorial(k) - exact)).toBeLessThan(1e-10 * Math.max(1, exact));
    }
    // Where the series takes over, it is already far below the tolerance of the acceptance test.
    expect(Math.abs(logFactorial(10) - Math.log(3_628_800))).toBeLessThan(1e-10);
  });

  it('is certain without a random number at n = 0, p = 0 and p = 1', () => {
    const rng = counting(1);
    expect(binomial(rng, 0, 0.4)).toBe(0);
    expect(binomial(rng, 0, 1)).toBe(0);
    expect(binomial(rng, 50, 0)).toBe(0);
    expect(binomial(rng, 50, 1)).toBe(50);
    expect(binomial(rng, 1_000_000, 1)).toBe(1_000_000);
    expect(rng.taken()).toBe(0);
  });

  it('repeats for a seed', () => {
    const take = (seed: number) => {
      const rng = createPrng(seed);
      return Array.from({ length: 50 }, (_, i) => binomial(rng, 10 + 37 * i, 0.05 + 0.018 * i));
    };
    expect(take(4)).toEqual(take(4));
    expect(take(4)).not.toEqual(take(5));
  });

  it('rejects impossible parameters', () => {
    const rng = createPrng(1);
    expect(() => binomial(rng, -1, 0.5)).toThrow(/n must/);
    expect(() => binomial(rng, 2.5, 0.5)).toThrow(/n must/);
    expect(() => binomial(rng, 10, 1.5)).toThrow(/p must/);
    expect(() => binomial(rng, 10, Number.NaN)).toThrow(/p must/);
  });

  it('draws its uniforms strictly inside (0, 1)', () => {
    const low = { nextUint32: () => 0, nextFloat: () => 0, nextInt: () => 0 };
    const high = { nextUint32: () => 0xffffffff, nextFloat: () => 0, nextInt: () => 0 };
    expect(openUniform(low)).toBeGreaterThan(0);
    expect(openUniform(high)).toBeLessThan(1);
    expect(openUniform(low) + openUniform(high)).toBe(1);
  });
});

describe('multinomialCounts', () => {
  it('gives non-negative integer counts that sum to the draws (property)', () => {
    const rng = createPrng(8);
    const shape = createPrng(9);
    for (let trial = 0; trial < 2_000; trial++) {
      const groups = 1 + shape.nextInt(12);
      const sizes = Array.from({ length: groups }, () => shape.nextInt(shape.nextInt(2) === 0 ? 5 : 5_000));
      if (!sizes.some((s) => s > 0)) sizes[0] = 1;
      const draws = shape.nextInt(2) === 0 ? sizes.reduce((a, b) => a + b, 0) : shape.nextInt(100_000);
      const out = new Float64Array(groups).fill(-1);
      multinomialCounts(rng, draws, sizes, out);
      expect(out.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
      expect(out.reduce((a, b) => a + b, 0)).toBe(draws);
      sizes.forEach((s, g) => {
        if (s === 0) expect(out[g]).toBe(0);
      });
    }
  });

  it('gives every draw to a group that holds every member, without a random number', () => {
    const rng = counting(3);
    const out = new Float64Array(4);
    multinomialCounts(rng, 240_000, [0, 240_000, 0, 0], out);
    expect([...out]).toEqual([0, 240_000, 0, 0]);
    multinomialCounts(rng, 17, [5], out);
    expect(out[0]).toBe(17);
    multinomialCounts(rng, 0, [1, 2, 3], out);
    expect([...out.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect(rng.taken()).toBe(0);
    expect(() => multinomialCounts(rng, 3, [0, 0], out)).toThrow(/member/);
  });

  it('draws the multinomial distribution: χ² over all outcomes of 4 draws from groups of 1, 2 and 3', () => {
    // 15 outcomes (a, b, 4 − a − b) with probability 4! / (a! b! c!) · (1/6)^a (2/6)^b (3/6)^c.
    const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
    const outcomes: [number, number][] = [];
    const probabilities: number[] = [];
    for (let a = 0; a <= 4; a++) {
      for (let b = 0; a + b <= 4; b++) {
        const c = 4 - a - b;
        outcomes.push([a, b]);
        probabilities.push(
          (factorial(4) / (factorial(a) * factorial(b) * factorial(c))) * (1 / 6) ** a * (2 / 6) ** b * (3 / 6) ** c,
        );
      }
    }
    const rng = createPrng(11);
    const observed = new Float64Array(outcomes.length);
    const out = new Float64Array(3);
    const DRAWS = 20_000;
    for (let i = 0; i < DRAWS; i++) {
      multinomialCounts(rng, 4, [1, 2, 3], out);
      observed[outcomes.findIndex(([a, b]) => a === out[0] && b === out[1])]!++;
    }
    const { statistic, critical } = chiSquare(observed, probabilities, DRAWS);
    expect(statistic).toBeLessThan(critical);
  });

  it('gives each group its binomial share: means and variances of a stratum of 9 groups', () => {
    // Each count is marginally Binomial(draws, size / members), whatever its place in the chain.
    const sizes = [3_000, 40, 1, 500, 7_000, 12, 900, 2, 545];
    const members = sizes.reduce((a, b) => a + b, 0);
    const rng = createPrng(12);
    const out = new Float64Array(sizes.length);
    const DRAWS = 20_000;
    const sum = new Float64Array(sizes.length);
    const squares = new Float64Array(sizes.length);
    for (let i = 0; i < DRAWS; i++) {
      multinomialCounts(rng, members, sizes, out);
      out.forEach((c, g) => {
        sum[g]! += c;
        squares[g]! += c * c;
      });
    }
    sizes.forEach((size, g) => {
      const p = size / members;
      const variance = members * p * (1 - p);
      const fourth = variance * (1 + 3 * (members - 2) * p * (1 - p));
      const mean = sum[g]! / DRAWS;
      const sampleVariance = (squares[g]! - DRAWS * mean * mean) / (DRAWS - 1);
      expect(Math.abs(mean - size)).toBeLessThan(4 * Math.sqrt(variance / DRAWS));
      expect(Math.abs(sampleVariance - variance)).toBeLessThan(4 * Math.sqrt((fourth - variance * variance) / DRAWS));
    });
  });
});
