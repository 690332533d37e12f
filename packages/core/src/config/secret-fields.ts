import { MIN_SECRET_LENGTH as MIN_FORM_LENGTH, secretForms } from './secret-forms.js';

/** Field names that hold credentials: `apiKey`, `secretKey`, `X-Api-Key`, `token`, `password`, `Authorization`… */
const SECRET_NAME = /key|token|secret|password|signature|authorization|cookie|credential/i;

/**
 * Names that match the pattern but hold no credential: token counts (`maxTokens`, `maxTokensParam`)
 * and the NAME of a variable holding one (`apiKeyEnv`). Redacting their values everywhere would
 * garble ordinary text such as "max_tokens".
 */
const NOT_SECRET = /tokens|(?:env|envvar|var|param|limit|count)$/i;

/** Whether a config field's value must be treated as a secret (collected, redacted, never echoed). */
export function isSecretField(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET.test(name);
}

/**
 * Short credential words that are too ambiguous for field names (`author`, `passage`) but are
 * whole `_`-separated words in environment variable names (`VENDOR_AUTH`, `DB_PASS`, `GH_PAT`).
 */
const SECRET_VARIABLE_WORD = /(?:^|_)(?:auth|pass|passwd|pwd|pat|creds?)(?:_|$)/i;

/**
 * Whether an environment variable's value must be treated as a secret wherever it is substituted:
 * its name looks like a credential (`ACME_API_KEY`, `GITHUB_TOKEN`, `DB_PASSWORD`, `VENDOR_AUTH`),
 * by the same rules as {@link isSecretField} (so `MAX_TOKENS` or `API_KEY_ENV` are not).
 */
export function isSecretVariable(name: string): boolean {
  if (NOT_SECRET.test(name)) return false;
  return SECRET_NAME.test(name) || SECRET_VARIABLE_WORD.test(name);
}

/** The text that replaces a secret. */
export const REDACTED = '[REDACTED]';

/**
 * Secret values shorter than this are not redacted inside other strings: replacing every "abc"
 * in every message would garble output more than it protects (a real key is never that short).
 */
export const MIN_SECRET_LENGTH = MIN_FORM_LENGTH;

/**
 * Replaces every occurrence of every secret in `text` — raw, JSON- or CSV-escaped, URL-encoded,
 * base64 / base64url (also inside a longer encoded string) or hex, see `secretForms` — longest
 * form first, so overlaps go entirely.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = [...new Set(secrets.flatMap((secret) => secretForms(secret)))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}
