/**
 * A parsed Acme body with the secrets taken out of every string value (by `redact`), for the
 * `raw` evidence a result keeps. The structure is kept; parts with nothing to redact are shared
 * with the input rather than copied.
 */
export function redactRaw(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const next = redactRaw(item, redact);
      if (next !== item) (out ??= [...value])[index] = next;
    });
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    const next = redactRaw(item, redact);
    if (next !== item) (out ??= { ...(value as Record<string, unknown>) })[name] = next;
  }
  return out ?? value;
}
