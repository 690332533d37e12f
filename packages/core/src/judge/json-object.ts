/** One JSON object cut out of surrounding text. */
export interface ScannedObject {
  /** The object's source text, from `{` to its matching `}`. */
  text: string;
  /** Index just past the closing `}`. */
  end: number;
  /** The object's own (top-level) keys in order, duplicates included. */
  keys: string[];
}

/**
 * Finds the end of the JSON object that starts at `source[start]` (which must be `{`) by
 * matching braces outside strings, and lists its top-level keys (JSON.parse silently keeps the
 * last of duplicate keys, which would hide a self-contradicting verdict). Returns undefined when
 * the braces never balance. Does not validate: the caller still JSON.parses `text`.
 */
export function scanJsonObject(source: string, start: number): ScannedObject | undefined {
  if (source[start] !== '{') return undefined;
  const keys: string[] = [];
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '"') {
      const stringStart = i;
      i++;
      while (i < source.length && source[i] !== '"') i += source[i] === '\\' ? 2 : 1;
      if (i >= source.length) return undefined;
      if (depth === 1 && nextNonSpace(source, i + 1) === ':') {
        keys.push(decodeKey(source.slice(stringStart, i + 1)));
      }
    } else if (ch === '{' || ch === '[') {
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return { text: source.slice(start, i + 1), end: i + 1, keys };
    }
    i++;
  }
  return undefined;
}

function nextNonSpace(source: string, from: number): string | undefined {
  for (let i = from; i < source.length; i++) {
    const ch = source[i]!;
    if (!/\s/.test(ch)) return ch;
  }
  return undefined;
}

function decodeKey(literal: string): string {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : literal;
  } catch {
    return literal;
  }
}
