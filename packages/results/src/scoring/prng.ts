/** A seedable pseudo-random source (xoshiro128**), enough for bootstrap resampling. */
export interface Prng {
  /** The next unsigned 32-bit integer. */
  nextUint32(): number;
  /** A float in [0, 1). */
  nextFloat(): number;
  /** An integer in [0, n). */
  nextInt(n: number): number;
  /**
   * The next `count` unsigned 32-bit integers into `out[0..count)`: the numbers `count` calls of
   * `nextUint32` would give, in one tight loop (the bootstrap draws millions per resample).
   */
  fillUint32?(out: Uint32Array, count: number): void;
}

const TWO_POW_32 = 4294967296;

/** Spreads a 32-bit seed into well-mixed state words (splitmix-style finaliser). */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * xoshiro128** (Blackman & Vigna) seeded from a 32-bit integer. Same seed, same sequence, on
 * every platform: only 32-bit integer arithmetic is used.
 */
export function createPrng(seed: number): Prng {
  if (!Number.isInteger(seed)) throw new RangeError(`PRNG seed must be an integer, got ${String(seed)}`);
  let a = seed >>> 0;
  const s = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    a = mix32(a + i);
    s[i] = a;
  }
  // An all-zero state would stay zero forever.
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  let s0 = s[0]!;
  let s1 = s[1]!;
  let s2 = s[2]!;
  let s3 = s[3]!;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  const fillUint32 = (out: Uint32Array, count: number): void => {
    // The state in locals for the loop, written back after: the same steps as nextUint32.
    let a0 = s0;
    let a1 = s1;
    let a2 = s2;
    let a3 = s3;
    for (let i = 0; i < count; i++) {
      out[i] = Math.imul(rotl(Math.imul(a1, 5), 7), 9);
      const t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
    }
    s0 = a0;
    s1 = a1;
    s2 = a2;
    s3 = a3;
  };

  return {
    nextUint32,
    fillUint32,
    nextFloat: () => nextUint32() / TWO_POW_32,
    // Multiply-and-floor: bias below 2^-11 for any n under 2^21, negligible for resampling.
    nextInt: (n: number) => Math.floor((nextUint32() / TWO_POW_32) * n),
  };
}
