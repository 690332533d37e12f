import { describe, expect, it } from 'vitest';
import { createPrng } from './prng.js';
import { percentileInterval, quantileSorted } from './quantile.js';

describe('createPrng', () => {
  it('repeats a sequence for the same seed and differs across seeds', () => {
    const take = (seed: number) => {
      const r = createPrng(seed);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    expect(take(0)).not.toEqual(new Array(8).fill(0));
  });

  it('fills a batch with the numbers nextUint32 would give, and carries on from there', () => {
    const one = createPrng(5);
    const batched = createPrng(5);
    const out = new Uint32Array(1_000);
    batched.fillUint32!(out, 999);
    expect([...out.subarray(0, 999)]).toEqual(Array.from({ length: 999 }, () => one.nextUint32()));
    expect(out[999]).toBe(0);
    expect(batched.nextUint32()).toBe(one.nextUint32());
  });

  it('draws integers in range, roughly uniformly', () => {
    const r = createPrng(7);
    const counts = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const k = r.nextInt(10);
      if (k >= 0 && k < 10 && Number.isInteger(k)) counts[k]!++;
      else outside++;
    }
    expect(outside).toBe(0);
    // Expected 10,000 each; ±5 % is over 15 standard deviations.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    const f = r.nextFloat();
    expect(f >= 0 && f < 1).toBe(true);
  });

  it('rejects a non-integer seed', () => {
    expect(() => createPrng(1.5)).toThrow(/integer/);
  });
});

describe('quantiles', () => {
  it('interpolates between order statistics (type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([10, 20], 0.025)).toBeCloseTo(10.25, 12);
    expect(quantileSorted([], 0.5)).toBeNull();
  });

  it('drops NaN replicates and returns null when none remain', () => {
    expect(percentileInterval(Float64Array.from([NaN, 3, 1, 2, NaN]), 0.5)).toEqual({ low: 1.5, high: 2.5 });
    expect(percentileInterval(Float64Array.from([NaN, NaN]), 0.95)).toBeNull();
  });
});
