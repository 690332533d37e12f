import { escapeJsonControls } from '../text/terminal-text.js';

/** Any DEL or C1 character: JSON leaves them raw, and `cat results.json` would run them. */
const RAW_CONTROL = /[\x7f-\x9f]/;

/**
 * `JSON.stringify(value, null, 2)` as it reads nested `depth` levels deep (every line after the
 * first indented by `depth × 2` more spaces). Strings (keys too) get DEL and C1 controls as
 * `\u00XX` escapes, the same text once parsed. A number JSON cannot carry (NaN, ±Infinity) throws
 * a RangeError naming its field instead of silently becoming null. Undefined for a top-level
 * `undefined`, function or symbol, as `JSON.stringify` returns.
 *
 * The text is the engine's own `JSON.stringify` (no replacer, which would call back per value, and
 * no re-indent of the finished text): the value is written inside `depth` one-element arrays, which
 * indents it exactly as it sits nested, and the arrays' brackets are cut off again. DEL and C1 can
 * only occur inside strings, so escaping them over the whole text escapes exactly the strings'.
 * The numbers are checked first by a walk that builds no text (this runs once per answer of a run).
 */
export function prettyJson(value: unknown, depth = 0): string | undefined {
  const top = jsonValue(value, '');
  if (top === undefined || typeof top === 'function' || typeof top === 'symbol') return undefined;
  checkNumbers(top, '');
  let wrapped: unknown = top;
  for (let d = 0; d < depth; d++) wrapped = [wrapped];
  const json = JSON.stringify(wrapped, null, 2);
  const [open, close] = brackets(depth);
  const text = depth === 0 ? json : json.slice(open, json.length - close);
  return RAW_CONTROL.test(text) ? escapeJsonControls(text) : text;
}

/** Lengths of the text `JSON.stringify(…, null, 2)` writes before and after a value nested in `depth` arrays. */
function brackets(depth: number): [number, number] {
  let open = 0;
  let close = 0;
  // Each level opens with `[`, a line break and its indent, and closes with a line break, the outer indent and `]`.
  for (let d = 1; d <= depth; d++) {
    open += 2 + 2 * d;
    close += 2 + 2 * (d - 1);
  }
  return [open, close];
}

/** `value` as JSON sees it: its `toJSON(key)` result when it has one. */
function jsonValue(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return (value as { toJSON: (key: string) => unknown }).toJSON(key);
  return value;
}

/** Throws for a value `JSON.stringify` would write wrongly (a non-finite number) or not at all (a bigint). */
function checkNumbers(input: unknown, key: string): void {
  const value = jsonValue(input, key);
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`results.json: non-finite number at "${key}"`);
      return;
    case 'bigint':
      throw new TypeError(`results.json: a bigint at "${key}" has no JSON form`);
    case 'object':
      break;
    default:
      return;
  }
  if (value === null) return;
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    checkNumbers(value.valueOf(), key);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkNumbers(value[i], String(i));
    return;
  }
  for (const name of Object.keys(value)) checkNumbers((value as Record<string, unknown>)[name], name);
}
