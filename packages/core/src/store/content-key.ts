import { hash } from 'node:crypto';
import { canonicalKeyJson } from './canonical-json.js';

/** Every content key starts with this: the hash is named so a later change of hash is visible. */
export const CONTENT_KEY_PREFIX = 'sha256:';

/**
 * The content address of `parts`: `sha256:` and the hex SHA-256 of its canonical JSON
 * ({@link canonicalKeyJson}). Equal values (whatever their key order) give equal keys.
 */
export function contentKey(parts: unknown): string {
  // One-shot `hash` (Node ≥ 20.12): no Hash object per key, which a resume computes for every stored call.
  return CONTENT_KEY_PREFIX + hash('sha256', canonicalKeyJson(parts), 'hex');
}

/** Whether `text` has the shape of a {@link contentKey} result. */
export function isContentKey(text: unknown): text is string {
  return typeof text === 'string' && /^sha256:[0-9a-f]{64}$/.test(text);
}
