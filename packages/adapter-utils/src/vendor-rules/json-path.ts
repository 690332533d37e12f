import type { JsonPath } from './types.js';

const SEGMENT = /^[A-Za-z_$][\w$-]*$/;

/**
 * Splits a path such as `output.choices[0].message.content` (or `$.a.b`, `a.0.b`) into segments;
 * numbers index arrays. Returns `undefined` when the text is not such a path.
 */
export function parsePath(path: string): (string | number)[] | undefined {
  let text = path.trim();
  if (text.startsWith('$.')) text = text.slice(2);
  if (text.length === 0) return undefined;
  const out: (string | number)[] = [];
  for (const part of text.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (match === null) return undefined;
    const [, name = '', indices = ''] = match;
    if (name !== '') {
      if (/^\d+$/.test(name)) out.push(Number(name));
      else if (SEGMENT.test(name)) out.push(name);
      else return undefined;
    } else if (indices === '') return undefined;
    for (const index of indices.matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** Whether `path` is a usable JSON path. */
export function isJsonPath(path: unknown): path is JsonPath {
  return typeof path === 'string' && parsePath(path) !== undefined;
}

const cache = new Map<string, (string | number)[]>();

function segments(path: JsonPath): (string | number)[] {
  let parsed = cache.get(path);
  if (parsed === undefined) {
    // Templates are validated before use; an unparsable path here is a programming error.
    parsed = parsePath(path);
    if (parsed === undefined) throw new Error(`not a JSON path: ${JSON.stringify(path)}`);
    cache.set(path, parsed);
  }
  return parsed;
}

/** Reads a path from a parsed JSON value; anything missing gives `undefined`. */
export function getPath(value: unknown, path: JsonPath): unknown {
  let current: unknown = value;
  for (const segment of segments(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (typeof segment !== 'number') return undefined;
      current = current[segment];
    } else {
      current = (current as Record<string, unknown>)[String(segment)];
    }
  }
  return current;
}

/** The first of several paths that holds a value (not undefined, not null). */
export function getFirst(value: unknown, paths: JsonPath | readonly JsonPath[] | undefined): unknown {
  if (paths === undefined) return undefined;
  for (const path of typeof paths === 'string' ? [paths] : paths) {
    const found = getPath(value, path);
    if (found !== undefined && found !== null) return found;
  }
  return undefined;
}

/** Writes a value at a path, creating objects (and arrays for numeric segments) on the way. */
export function setPath(target: Record<string, unknown>, path: JsonPath, value: unknown): void {
  const parts = segments(path);
  let current: Record<string | number, unknown> = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string | number;
    let next = current[key];
    if (next === null || typeof next !== 'object') {
      next = typeof parts[i + 1] === 'number' ? [] : {};
      current[key] = next;
    }
    current = next as Record<string | number, unknown>;
  }
  current[parts[parts.length - 1] as string | number] = value;
}

/** A scalar as a string (vendors send codes as `"1301"` or `1301`); `undefined` otherwise. */
export function scalarString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A number or numeric string as a number. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Whether the value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
