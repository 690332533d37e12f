/**
 * Every form a secret can take in text we write: the one rule the redaction (`redactSecrets`),
 * the export guard (`SecretScanner`) and the store guard (`findSecret`) share. A vendor or proxy
 * that echoes a key back may do so raw, inside JSON or CSV, URL-encoded (a `+` as `%2B`, or left
 * as `+`), base64 or base64url (as part of a longer encoded string, at any byte offset), or hex.
 */

/**
 * Secrets shorter than this are not looked for: a 1–3 character "secret" would match ordinary text
 * (a real credential is never that short).
 */
export const MIN_SECRET_LENGTH = 4;

/**
 * Encoded forms shorter than this are not looked for: a short base64 fragment would match ordinary
 * base64 text by chance. (The raw and escaped forms keep {@link MIN_SECRET_LENGTH}.)
 */
const MIN_ENCODED_FORM_LENGTH = 8;

const cache = new Map<string, readonly string[]>();

/**
 * The forms of `secret` to look for, longest first (so a redaction replaces overlapping forms
 * whole); empty for a secret shorter than {@link MIN_SECRET_LENGTH}.
 */
export function secretForms(secret: string): readonly string[] {
  const hit = cache.get(secret);
  if (hit) return hit;
  const forms = computeForms(secret);
  if (cache.size > 256) cache.clear();
  cache.set(secret, forms);
  return forms;
}

function computeForms(secret: string): readonly string[] {
  if (secret.trim().length < MIN_SECRET_LENGTH) return [];
  const forms = new Set<string>([secret, JSON.stringify(secret).slice(1, -1), secret.replace(/"/g, '""')]);
  const encoded = new Set<string>();
  for (const url of [
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ]) {
    encoded.add(url);
    // Percent escapes may be written in lower case (%2b).
    encoded.add(url.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()));
  }
  const bytes = Buffer.from(secret, 'utf8');
  for (const fragment of base64Fragments(bytes)) {
    encoded.add(fragment);
    encoded.add(fragment.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  encoded.add(bytes.toString('hex'));
  encoded.add(bytes.toString('hex').toUpperCase());
  for (const form of encoded) if (form.length >= MIN_ENCODED_FORM_LENGTH) forms.add(form);
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * The base64 characters that encode `bytes` wherever they sit in a longer encoded text: for each
 * of the three byte offsets modulo 3, the characters determined by `bytes` alone.
 */
function base64Fragments(bytes: Buffer): string[] {
  const fragments: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const text = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    if (end > start) fragments.push(text.slice(start, end));
  }
  return fragments;
}

/** The first of `secrets` (by position) whose any form occurs in `text`, or undefined. */
export function findSecretForm(text: string, secrets: readonly string[]): { index: number } | undefined {
  for (let index = 0; index < secrets.length; index++) {
    const secret = secrets[index];
    if (secret === undefined) continue;
    for (const form of secretForms(secret)) if (text.includes(form)) return { index };
  }
  return undefined;
}
