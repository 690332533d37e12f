/**
 * Bits of the filter: 512 KiB. With 4 probes the false "maybe" rate is (1 − e^(−4n/2²²))⁴: about
 * 0.1 % at n = 200,000 keys, 2 % at 500,000 and 14 % at 1,000,000 (computed, not measured).
 */
const FILTER_BITS = 1 << 22;
/** Bits set per key. */
const PROBES = 4;

/**
 * The keys written to one table of a store that was empty when it was opened, as a Bloom filter:
 * it answers "certainly not written" or "maybe". A first run looks up every call before it makes
 * it, and none of those lookups can hit except for a call the run itself has already stored (two
 * items asking the same thing); with this filter those lookups cost a few bit tests instead of a
 * SQLite query each. A "maybe" is looked up in the table as before, so a false "maybe" costs one
 * query and nothing is ever missed that this store was given to write.
 *
 * Fixed size, so memory stays flat at any run size: past a few hundred thousand keys more lookups
 * come back "maybe" and fall back to the table.
 */
export class WrittenKeys {
  readonly #bits = new Uint32Array(FILTER_BITS / 32);

  /** Records that `key` was (or is about to be) written. */
  add(key: string): void {
    const [h1, h2] = hashes(key);
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + i * h2) & (FILTER_BITS - 1);
      this.#bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  /** False when `key` was certainly never given to {@link add}; true when it may have been. */
  mayHold(key: string): boolean {
    const [h1, h2] = hashes(key);
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + i * h2) & (FILTER_BITS - 1);
      if ((this.#bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit FNV-1a hashes of `key` (different offsets), for double hashing. */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  // An odd step visits distinct bits for every probe.
  return [a >>> 0, (b | 1) >>> 0];
}
