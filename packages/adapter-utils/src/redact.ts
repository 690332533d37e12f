/** What every redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Default cap for {@link redactBody}: enough to keep an error envelope, small enough for logs. */
export const DEFAULT_BODY_LIMIT = 4096;

// Shorter "secrets" would clobber ordinary text (a key of "a" would redact every letter a).
const MIN_SECRET_LENGTH = 4;

const HEADER_LINE =
  /^([ \t]*(?:authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key|cookie|set-cookie)[ \t]*:[ \t]*)(\S.*)$/gim;
const BEARER = /\b(Bearer|Basic)([ \t]+)(?!\[REDACTED\])[^\s"',;]+/gi;
const BAIDU_V3 = /\bbce-v3\/ALTAK-[A-Za-z0-9/+=_-]+/g;
const BAIDU_V1_AUTH = /\bbce-auth-v1\/[A-Za-z0-9/+=_.:-]+/g;
const OPENAI_ANTHROPIC_KEY = /\bsk-(?:ant-)?[A-Za-z0-9_-]{8,}/g;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]+:)[^\s/?#@]+@/gi;
const QUERY_PARAM =
  /([?&;]|\b)(api[_-]?key|apikey|key|access[_-]?token|refresh[_-]?token|id[_-]?token|token|client[_-]?secret|secret|signature|sig|password|authorization|x-amz-signature|x-amz-security-token)=([^&\s#"'<>]+)/gi;
// Two JSON forms: plain, and escaped inside another JSON string (a body logged as a string field).
const JSON_FIELD = /"([A-Za-z0-9_.$-]{1,64})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
const ESCAPED_JSON_FIELD = /\\"([A-Za-z0-9_.$-]{1,64})\\"(\s*:\s*)\\"((?:(?!\\")[^])*)\\"/g;

/**
 * Whether a field or header name looks like it holds a credential. Counts such as `max_tokens` or
 * `prompt_tokens` are not secrets, so only the singular `token` matches.
 */
export function isSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (n.length === 0) return false;
  return (
    /(?:^|api|access|secret|private|signing|auth|session|client|subscription)key$/.test(n) ||
    /(?:token|secret|password|passwd|passphrase|authorization|signature|credential|credentials|cookie)$/.test(n) ||
    /^(?:x)?(?:apikey|authtoken|accesstoken|secretkey)/.test(n)
  );
}

/**
 * Replaces secrets in free text with `[REDACTED]`: the given secret values, plus common shapes
 * (`Bearer …`, `sk-…`/`sk-ant-…`, `bce-v3/ALTAK-…`, JWTs, `api_key=`/`access_token=`/`client_secret=`
 * query parameters and Spark's signed `authorization=`, URL passwords, `Authorization:`-style header
 * lines, and JSON string fields whose name looks like a credential).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let out = text;
  const explicit = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of explicit) out = out.split(secret).join(REDACTED);
  out = out.replace(HEADER_LINE, (_m, head: string) => `${head}${REDACTED}`);
  out = out.replace(BEARER, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  out = out.replace(BAIDU_V3, REDACTED);
  out = out.replace(BAIDU_V1_AUTH, REDACTED);
  out = out.replace(OPENAI_ANTHROPIC_KEY, REDACTED);
  out = out.replace(JWT, REDACTED);
  out = out.replace(URL_USERINFO, (_m, head: string) => `${head}${REDACTED}@`);
  out = out.replace(QUERY_PARAM, (_m, sep: string, name: string) => `${sep}${name}=${REDACTED}`);
  out = out.replace(JSON_FIELD, (m, name: string, colon: string, value: string) =>
    isSecretName(name) && value !== REDACTED && value.length > 0 ? `"${name}"${colon}"${REDACTED}"` : m,
  );
  out = out.replace(ESCAPED_JSON_FIELD, (m, name: string, colon: string, value: string) =>
    isSecretName(name) && value !== REDACTED && value.length > 0 ? `\\"${name}\\"${colon}\\"${REDACTED}\\"` : m,
  );
  return out;
}

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'cookie',
  'set-cookie',
]);

/** Whether a header name carries a credential (Tencent `x-tc-token`, signatures, cookies, keys…). */
export function isSecretHeaderName(name: string): boolean {
  const n = name.toLowerCase();
  if (SECRET_HEADERS.has(n)) return true;
  // Per-segment match so rate-limit headers such as `x-ratelimit-remaining-tokens` stay visible.
  return (
    n
      .split(/[-_]/)
      .some((part) =>
        [
          'authorization',
          'auth',
          'token',
          'secret',
          'signature',
          'apikey',
          'password',
          'credential',
          'cookie',
        ].includes(part),
      ) || /(?:^|-)api-key$/.test(n)
  );
}

/**
 * A copy of the headers with credential-bearing values replaced by `[REDACTED]`. Names keep their
 * case; other values are kept as they are (they are evidence: request ids, rate-limit counters).
 */
export function redactHeaders(
  headers: Headers | Record<string, string | readonly string[] | undefined> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  const entries: Iterable<[string, string | readonly string[] | undefined]> =
    typeof Headers !== 'undefined' && headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const joined = typeof value === 'string' ? value : value.join(', ');
    out[name] = isSecretHeaderName(name) ? REDACTED : redactSecrets(joined);
  }
  return out;
}

export interface RedactBodyOptions {
  /** Longest text kept, in characters (default 4 KiB). */
  maxLength?: number;
}

/**
 * A body as a redacted, size-capped string for errors and stored evidence. Strings and bytes are
 * kept as text; other values are JSON-serialized first.
 */
export function redactBody(
  body: unknown,
  secrets: readonly (string | undefined | null)[] = [],
  options: RedactBodyOptions = {},
): string {
  const maxLength = options.maxLength ?? DEFAULT_BODY_LIMIT;
  const text = bodyToText(body);
  // Redact before truncating so a cut can never leave half a secret that no pattern recognises.
  const redacted = redactSecrets(text, secrets);
  if (redacted.length <= maxLength) return redacted;
  return `${redacted.slice(0, maxLength)}… [truncated: ${redacted.length} characters in total]`;
}

function bodyToText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(body));
  try {
    const json = JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    return json ?? String(body);
  } catch {
    // Circular structures and throwing toJSON: still give the reader something.
    return String(body);
  }
}
