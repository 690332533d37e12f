import { escapeJsonControls } from '../text/terminal-text.js';

/** Any DEL or C1 character: JSON leaves them raw, and `cat results.json` would run them. */
const RAW_CONTROL = /[\x7f-\x9f]/;

/**
 * `JSON.stringify(value, null, 2)` as it reads nested `depth` levels deep (every line after the
 * first indented by `depth × 2` more spaces), written directly: no replacer callback, no re-indent
 * of the finished text. Strings (keys too) get DEL and C1 controls as `\u00XX` escapes, the same
 * text once parsed. A number JSON cannot carry (NaN, ±Infinity) throws a RangeError naming its
 * field instead of silently becoming null. Undefined for a top-level `undefined`, function or symbol,
 * as `JSON.stringify` returns.
 */
export function prettyJson(value: unknown, depth = 0): string | undefined {
  return write(value, '', ' '.repeat(depth * 2));
}

function quote(text: string): string {
  const json = JSON.stringify(text);
  return RAW_CONTROL.test(text) ? escapeJsonControls(json) : json;
}

function write(input: unknown, key: string, indent: string): string | undefined {
  let value = input;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`results.json: non-finite number at "${key}"`);
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError(`results.json: a bigint at "${key}" has no JSON form`);
    case 'object':
      break;
    default:
      // undefined, functions and symbols: left out of objects, null in arrays.
      return undefined;
  }
  if (value === null) return 'null';
  if (value instanceof Number || value instanceof String || value instanceof Boolean)
    return write(value.valueOf(), key, indent);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      out += `${i === 0 ? '' : ','}\n${inner}${write(value[i], String(i), inner) ?? 'null'}`;
    }
    return `${out}\n${indent}]`;
  }
  let out = '';
  for (const name of Object.keys(value)) {
    const json = write((value as Record<string, unknown>)[name], name, inner);
    if (json === undefined) continue;
    out += `${out === '' ? '' : ','}\n${inner}${quote(name)}: ${json}`;
  }
  return out === '' ? '{}' : `{${out}\n${indent}}`;
}
