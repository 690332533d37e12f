import type { Prng } from './prng.js';

/**
 * Exact binomial and multinomial draws from the seeded {@link Prng}, for the bootstrap's strata of
 * few groups: a stratum of n items in groups of n_1..n_G needs only how many of its n draws landed
 * in each group, and that vector is exactly Multinomial(n; n_1/n, …, n_G/n).
 */

const TWO_POW_26 = 67108864;
const TWO_POW_52 = 4503599627370496;

/**
 * A uniform double strictly inside (0, 1): 52 random bits from two of the generator's numbers,
 * centred in their cell ((k + ½) / 2^52), so neither 0 nor 1 ever comes out and u and 1 − u are
 * equally likely.
 */
export function openUniform(rng: Prng): number {
  const high = rng.nextUint32() >>> 6;
  const low = rng.nextUint32() >>> 6;
  return (high * TWO_POW_26 + low + 0.5) / TWO_POW_52;
}

/** Below this mean (n · min(p, 1 − p)) a draw inverts the distribution function; from it on, BTRS. */
export const INVERSION_MEAN = 10;

/**
 * One Binomial(n, p) variate, exact: the success probability is flipped to min(p, 1 − p) (and the
 * result back), then a small mean is drawn by inversion (a sequential search down the pmf, about
 * mean + 1 steps) and a larger one by Hörmann's BTRS transformed rejection (1993), whose cost does
 * not grow with n.
 */
export function binomial(rng: Prng, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial p must be between 0 and 1, got ${p}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const flip = p > 0.5;
  const small = flip ? 1 - p : p;
  const k = n * small < INVERSION_MEAN ? byInversion(rng, n, small) : byTransformedRejection(rng, n, small);
  return flip ? n - k : k;
}

/**
 * Inversion for p ≤ ½ and a small mean: one uniform u, then subtract P(0), P(1), … from it until
 * it is used up, each probability from the last by P(k) = P(k − 1) · ((n + 1) / k − 1) · p / q.
 * P(0) = q^n is above e^−14 here (mean < 10, p ≤ ½), so nothing underflows. Should rounding leave u unspent past
 * k = n (probability of order 2^−50), the draw starts again.
 */
function byInversion(rng: Prng, n: number, p: number): number {
  const q = 1 - p;
  const odds = p / q;
  const scaled = (n + 1) * odds;
  const first = Math.exp(n * Math.log1p(-p));
  for (;;) {
    let u = openUniform(rng);
    let f = first;
    let k = 0;
    while (u > f && k <= n) {
      u -= f;
      k++;
      f *= scaled / k - odds;
    }
    if (k <= n) return k;
  }
}

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Stirling's approximation of log k! without its series: (k + ½) log(k + 1) − (k + 1) + ½ log 2π. */
function stirlingMain(k: number): number {
  return (k + 0.5) * Math.log(k + 1) - (k + 1) + HALF_LOG_TWO_PI;
}

/** log k! − {@link stirlingMain}(k) for k = 0..9, from the exact log k! (a sum of logs), where the series is poor. */
const SMALL_TAILS = Float64Array.from({ length: 10 }, (_, k) => {
  let logFactorial = 0;
  for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
  return logFactorial - stirlingMain(k);
});

/**
 * log k! − {@link stirlingMain}(k): the table for k < 10, else the Stirling series of log Γ(k + 1)
 * to its third term, 1/(12x) − 1/(360x³) + 1/(1260x⁵) with x = k + 1 (the next term is below 3·10^−11).
 */
function stirlingTail(k: number): number {
  if (k < 10) return SMALL_TAILS[k]!;
  const x = k + 1;
  const x2 = x * x;
  return (1 / 12 - (1 / 360 - 1 / (1260 * x2)) / x2) / x;
}

/** log k! as BTRS computes it: Stirling's main terms plus {@link stirlingTail} (exported for tests). */
export function logFactorial(k: number): number {
  return stirlingMain(k) + stirlingTail(k);
}

/**
 * Hörmann's BTRS ("The generation of binomial random variates", 1993) for p ≤ ½ and n·p ≥ 10.
 * A uniform u on (−½, ½) is carried by the transformation k = ⌊(2a / (½ − |u|) + b) · u + c⌋,
 * whose density (a "table mountain" hat) covers the scaled pmf; a second uniform v accepts k at
 * once inside the squeeze (½ − |u| ≥ 0.07 and v ≤ v_r), and otherwise when v scaled to the hat's
 * height lies under the pmf relative to its mode m: log(v · α / (a / us² + b)) ≤ log f(k) − log f(m),
 * with the factorials of f(k)/f(m) written as Stirling's main terms (as logs of ratios, so nothing
 * large cancels) plus {@link stirlingTail}. The expected number of tries is below 1.2.
 */
function byTransformedRejection(rng: Prng, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const squeeze = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const odds = p / q;
  const m = Math.floor((n + 1) * p);
  const restM = n - m + 1;
  // The parts of log f(k) − log f(m) that depend on m only.
  const atMode = (m + 0.5) * Math.log((m + 1) / (odds * restM)) + stirlingTail(m) + stirlingTail(n - m);
  for (;;) {
    const u = openUniform(rng) - 0.5;
    const v = openUniform(rng);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= squeeze) return k;
    const restK = n - k + 1;
    const logRatio =
      atMode +
      (n + 1) * Math.log(restM / restK) +
      (k + 0.5) * Math.log((odds * restK) / (k + 1)) -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (Math.log((v * alpha) / (a / (us * us) + b)) <= logRatio) return k;
  }
}

/**
 * How many of `draws` uniform draws with replacement from a population land in each of its groups
 * (`sizes[g]` members each): Multinomial(draws; sizes / Σ sizes), drawn exactly as a chain of
 * conditional binomials, count_g ~ Binomial(draws left, sizes[g] / members left). `out[g]` gets
 * group g's count; the counts sum to `draws`. A group holding all the members left takes all the
 * draws left without a random number, and nothing is drawn once the draws are used up.
 */
export function multinomialCounts(
  rng: Prng,
  draws: number,
  sizes: ArrayLike<number>,
  out: { [g: number]: number; length: number },
): void {
  let members = 0;
  for (let g = 0; g < sizes.length; g++) members += sizes[g]!;
  if (draws > 0 && members <= 0) throw new RangeError('multinomial draws need at least one member');
  let left = draws;
  for (let g = 0; g < sizes.length; g++) {
    const size = sizes[g]!;
    const count = left === 0 ? 0 : size >= members ? left : binomial(rng, left, size / members);
    out[g] = count;
    left -= count;
    members -= size;
  }
}
