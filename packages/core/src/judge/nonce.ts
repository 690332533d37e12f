import { randomBytes } from 'node:crypto';

/** Shape of a judgment nonce: lowercase hex, 16–64 digits (we draw 32). */
export const NONCE_PATTERN = /^[0-9a-f]{16,64}$/;

/** Nonces drawn per trip to the system's random source (one synchronous call per judgment costs more than the draw). */
const POOL_SIZE = 256;
const NONCE_BYTES = 16;
let pool = '';
let next = 0;

/**
 * A fresh random id for one judgment (128 bits, hex), from the system's cryptographic random
 * source, drawn in batches. No nonce is shown to anyone before its judgment is sent, and each is
 * used once, so the graded answer cannot know it and cannot forge a fence or a verdict that carries it.
 */
export function newJudgeNonce(): string {
  const width = NONCE_BYTES * 2;
  if (next + width > pool.length) {
    pool = randomBytes(NONCE_BYTES * POOL_SIZE).toString('hex');
    next = 0;
  }
  const nonce = pool.slice(next, next + width);
  next += width;
  return nonce;
}

/** Throws unless `nonce` has the shape {@link newJudgeNonce} produces. */
export function assertNonce(nonce: string): void {
  if (!NONCE_PATTERN.test(nonce)) {
    throw new TypeError(`judge nonce must be 16–64 lowercase hex digits, got ${JSON.stringify(nonce)}`);
  }
}
