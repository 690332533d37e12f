import { findSecretForm, MIN_SECRET_LENGTH } from '../config/secret-forms.js';

/**
 * Secrets shorter than this are not looked for: a 1–3 character "secret" would match ordinary
 * text and refuse innocent records (a real credential is never that short).
 */
export const MIN_CHECKED_SECRET_LENGTH = MIN_SECRET_LENGTH;

/** Where a secret was found by {@link findSecret}: its position in the list given. */
export interface SecretHit {
  index: number;
}

/**
 * The first secret that appears in `json` in any of its forms — verbatim, as JSON escapes it,
 * URL-encoded, base64 / base64url or hex (see `secretForms`) — or `undefined`.
 */
export function findSecret(json: string, secrets: readonly string[]): SecretHit | undefined {
  return findSecretForm(json, secrets);
}

/**
 * Throws when a secret value appears in `json` (text about to be written). The store never
 * receives secrets by design; this is a last defence against a redaction bug upstream writing an
 * API key into a file that is shared and archived. The error names the secret by its position in
 * the list and its length, never by its value.
 */
export function assertNoSecrets(json: string, secrets: readonly string[], what = 'record'): void {
  const hit = findSecret(json, secrets);
  if (hit) {
    const length = secrets[hit.index]?.length ?? 0;
    throw new Error(
      `refusing to write ${what}: it contains secret #${hit.index + 1} of ${secrets.length} (${length} characters); redact it before storing`,
    );
  }
}
