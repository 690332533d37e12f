/** How a value is named in a message. Secret fields are described by type only, never by value. */
export function describeValue(value: unknown, secret = false): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    if (secret) return 'a string';
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (secret) return `a ${typeof value}`;
  return String(value);
}

/** A plain object (mapping), not a list or null. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A number written through `${VAR}` arrives as text; only such text may stand for a number.
export const NUMERIC_TEXT = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

export type NumberKind =
  | 'positive integer'
  | 'non-negative integer'
  | 'integer'
  | 'positive number'
  | 'non-negative number';
