import { REDACTED, redactSecrets } from '@sc-safety/adapter-utils';

// Vendor bodies are shallow; the cap only guards against pathological nesting.
const MAX_DEPTH = 64;

/**
 * A parsed Anthropic body (a message, an assembled stream, an error envelope) as evidence for a
 * result's `raw`: every string value and property name goes through `redactSecrets` with the
 * adapter's secrets (the API key), which also takes out the usual key and token shapes. The API,
 * or a gateway in front of it, may echo what it was sent. The structure is kept; parts with
 * nothing to redact are shared with the input rather than copied (a body is kept per answer, and
 * most have nothing to redact).
 */
export function redactRaw(value: unknown, secrets: readonly string[]): unknown {
  return walk(value, secrets, 0);
}

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
  const entries = Object.entries(value as Record<string, unknown>);
  let changed = false;
  const redacted = entries.map(([name, item]): [string, unknown] => {
    // A name can echo the key too (a map keyed by what was sent).
    const safeName = redactSecrets(name, secrets);
    const next = walk(item, secrets, depth + 1);
    if (safeName !== name || next !== item) changed = true;
    return [safeName, next];
  });
  return changed ? Object.fromEntries(redacted) : value;
}
