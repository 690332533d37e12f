import { isSecretName, REDACTED, redactSecrets } from '@sc-safety/adapter-utils';

/**
 * The vendor's parsed body as evidence, with secrets taken out: every string value goes through
 * `redactSecrets` (the given values plus the usual key, token and signature shapes), and a string
 * field whose name says it is a credential (`api_key`, `access_token`, …) is replaced whole, as
 * `redactBody` does for error bodies. The structure is kept; parts with nothing to redact are
 * shared with the input rather than copied (bodies can be large and are kept per answer).
 */
export function redactRaw(value: unknown, secrets: readonly string[]): unknown {
  return walk(value, secrets, 0);
}

// Vendor bodies are shallow; the cap only guards against pathological nesting.
const MAX_DEPTH = 64;

function walk(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const next = walk(item, secrets, depth + 1);
      if (next !== item) (out ??= [...value])[index] = next;
    });
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    const next = typeof item === 'string' && item !== '' && isSecretName(name) ? REDACTED : walk(item, secrets, depth + 1);
    if (next !== item) (out ??= { ...(value as Record<string, unknown>) })[name] = next;
  }
  return out ?? value;
}
