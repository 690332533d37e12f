import { isSecretField, REDACTED, redactSecrets } from './secret-fields.js';

/**
 * A deep copy of a config (or any plain data) that is safe to store or export: every secret-like
 * field (`apiKey`, `…Token`, `Authorization`, …; see `isSecretField`) becomes `"[REDACTED]"`, and
 * every occurrence of a known secret value inside any other string is replaced as well.
 */
export function sanitizeForManifest<T>(value: T, secrets: readonly string[]): T {
  return copy(value, secrets) as T;
}

function copy(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => copy(item, secrets));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretField(key) && item !== undefined && item !== null ? REDACTED : copy(item, secrets);
    }
    return out;
  }
  return value;
}
