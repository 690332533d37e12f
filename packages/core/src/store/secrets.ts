/**
 * Secrets shorter than this are not looked for: a 1–3 character "secret" would match ordinary
 * text and refuse innocent records (a real credential is never that short).
 */
export const MIN_CHECKED_SECRET_LENGTH = 4;

/** Where a secret was found by {@link findSecret}: its position in the list given. */
export interface SecretHit {
  index: number;
}

/**
 * The first secret that appears in `json`, either verbatim or as JSON escapes it (a secret
 * holding `"` or `\` is written escaped), or `undefined`.
 */
export function findSecret(json: string, secrets: readonly string[]): SecretHit | undefined {
  for (let index = 0; index < secrets.length; index++) {
    const secret = secrets[index];
    if (secret === undefined || secret.length < MIN_CHECKED_SECRET_LENGTH) continue;
    if (json.includes(secret)) return { index };
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret && json.includes(escaped)) return { index };
  }
  return undefined;
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
    throw new Error(`refusing to write ${what}: it contains secret #${hit.index + 1} of ${secrets.length} (${length} characters); redact it before storing`);
  }
}
