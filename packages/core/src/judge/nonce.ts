import { randomBytes } from 'node:crypto';

/** Shape of a judgment nonce: lowercase hex, 16–64 digits (we draw 32). */
export const NONCE_PATTERN = /^[0-9a-f]{16,64}$/;

/**
 * A fresh random id for one judgment (128 bits, hex). It is drawn after the graded answer was
 * written, so the answer cannot know it and cannot forge a fence or a verdict that carries it.
 */
export function newJudgeNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Throws unless `nonce` has the shape {@link newJudgeNonce} produces. */
export function assertNonce(nonce: string): void {
  if (!NONCE_PATTERN.test(nonce)) {
    throw new TypeError(`judge nonce must be 16–64 lowercase hex digits, got ${JSON.stringify(nonce)}`);
  }
}
