/**
 * Canonical JSON for content addresses: the same value always gives the same bytes, and
 * different values give different bytes.
 *
 * - object keys are sorted (by UTF-16 code unit, as `Array.prototype.sort` does) at every depth;
 * - object properties whose value is `undefined` are left out, as `JSON.stringify` does, so
 *   `{a: 1, b: undefined}` and `{a: 1}` give the same key;
 * - arrays keep their order; an `undefined` (or hole) in an array becomes `null`, as in JSON;
 * - numbers are written by `JSON.stringify` (shortest round-trip form, so `1.0` and `1` agree) and
 *   `-0` is written as `0`; `NaN` and `±Infinity` are refused instead of silently becoming `null`,
 *   because a key that collapses two different requests would serve one's answer for the other;
 * - strings are written as JSON escapes them (lone surrogates escaped, never mangled); they are NOT
 *   Unicode-normalised, since the exact text is what a vendor receives;
 * - values with `toJSON` (e.g. `Date`) are written as their JSON form;
 * - `bigint`, functions and symbols are refused.
 *
 * Unlike the dataset's `canonicalJson` (which maps anything unserialisable to `null`), this one
 * throws: a content key must never be computed from a value it cannot represent exactly.
 */
export function canonicalKeyJson(value: unknown): string {
  try {
    return write(value, new Set());
  } catch (error) {
    if (error instanceof CanonicalJsonError) {
      const at = `$${error.path.reverse().join('')}`;
      throw new TypeError(
        error.circular
          ? `canonical JSON: circular reference at ${at}`
          : `canonical JSON: ${error.what} at ${at} has no JSON form`,
      );
    }
    throw error;
  }
}

/** Thrown inside {@link write}; the path is collected on the way out, so the happy path builds no path strings. */
class CanonicalJsonError extends Error {
  readonly path: string[] = [];
  constructor(
    readonly what: string,
    readonly circular = false,
  ) {
    super(what);
  }
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(String(value));
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'undefined':
      // Only reachable at the top level or inside arrays; object properties are filtered out.
      return 'null';
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`a ${typeof value}`);
  }
  const object = value as object;
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write((toJSON as () => unknown).call(object), seen);
  if (seen.has(object)) throw new CanonicalJsonError('circular reference', true);
  seen.add(object);
  if (Array.isArray(object)) {
    let out = '[';
    for (let i = 0; i < object.length; i++) {
      if (i > 0) out += ',';
      try {
        out += write(object[i], seen);
      } catch (error) {
        if (error instanceof CanonicalJsonError) error.path.push(`[${i}]`);
        throw error;
      }
    }
    seen.delete(object);
    return `${out}]`;
  }
  const record = object as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    try {
      out += `${JSON.stringify(k)}:${write(v, seen)}`;
    } catch (error) {
      if (error instanceof CanonicalJsonError) error.path.push(`.${k}`);
      throw error;
    }
  }
  seen.delete(object);
  return `${out}}`;
}
