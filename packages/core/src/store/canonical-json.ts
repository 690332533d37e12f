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
  return write(value, '$', new Set());
}

function write(value: unknown, at: string, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: ${String(value)} at ${at} has no JSON form`);
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'undefined':
      // Only reachable at the top level or inside arrays; object properties are filtered out.
      return 'null';
    case 'object':
      break;
    default:
      throw new TypeError(`canonical JSON: a ${typeof value} at ${at} has no JSON form`);
  }
  const object = value as object;
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write((toJSON as () => unknown).call(object), at, seen);
  if (seen.has(object)) throw new TypeError(`canonical JSON: circular reference at ${at}`);
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      const parts: string[] = [];
      for (let i = 0; i < object.length; i++) parts.push(write(object[i], `${at}[${i}]`, seen));
      return `[${parts.join(',')}]`;
    }
    const record = object as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${at}.${k}`, seen)}`).join(',')}}`;
  } finally {
    seen.delete(object);
  }
}
