import { isSecretName, REDACTED, redactSecrets } from './redact.js';

/** Options of {@link redactJson}. */
export interface RedactJsonOptions {
  /** Replace a non-empty string under a credential-named field (`api_key`, `access_token`, …) whole. Default true. */
  secretFields?: boolean;
  /** Redact property names too (a map keyed by what was sent can echo a key). Default true. */
  names?: boolean;
}

// Vendor bodies are shallow; the cap only guards against pathological nesting.
const MAX_DEPTH = 64;

/**
 * A parsed vendor body as evidence (an answer's `raw`), with secrets taken out: every string value
 * (and property name) goes through {@link redactSecrets} with `secrets` (which also takes out the
 * usual key, token and signature shapes), and a string field whose name says it is a credential is
 * replaced whole, as `redactBody` does for error bodies. APIs and gateways may echo what they were
 * sent. The structure is kept; parts with nothing to redact are shared with the input rather than
 * copied (a body is kept per answer, and most have nothing to redact).
 */
export function redactJson(value: unknown, secrets: readonly string[], options: RedactJsonOptions = {}): unknown {
  return walk(value, secrets, options.secretFields !== false, options.names !== false, 0);
}

function walk(
  value: unknown,
  secrets: readonly string[],
  secretFields: boolean,
  names: boolean,
  depth: number,
): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const next = walk(item, secrets, secretFields, names, depth + 1);
      if (next !== item) (out ??= [...value])[index] = next;
    });
    return out ?? value;
  }
  let changed = false;
  const entries = Object.entries(value as Record<string, unknown>).map(([name, item]): [string, unknown] => {
    const safeName = names ? redactSecrets(name, secrets) : name;
    const next =
      secretFields && typeof item === 'string' && item !== '' && isSecretName(name)
        ? REDACTED
        : walk(item, secrets, secretFields, names, depth + 1);
    if (safeName !== name || next !== item) changed = true;
    return [safeName, next];
  });
  return changed ? Object.fromEntries(entries) : value;
}
