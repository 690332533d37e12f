/** Header input accepted by the helpers: a `Headers` object or a plain record (Node-style arrays allowed). */
export type HeadersInput = Headers | Record<string, string | readonly string[] | undefined>;

/**
 * Headers as a plain record with lowercase names. `undefined` values are dropped and repeated values
 * (Node's `string[]`) are joined with `, ` as HTTP allows.
 */
export function normalizeHeaders(headers: HeadersInput | undefined | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined || headers === null) return out;
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    headers.forEach((value, name) => {
      out[name.toLowerCase()] = value;
    });
    return out;
  }
  for (const [name, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
  }
  return out;
}

/**
 * Merges header records case-insensitively; later records win, and an `undefined` value removes a
 * header set by an earlier record (so a user can unset an adapter default). Names come out lowercase.
 */
export function combineHeaders(
  ...records: (Record<string, string | undefined> | Headers | undefined | null)[]
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const record of records) {
    if (record === undefined || record === null) continue;
    if (typeof Headers !== 'undefined' && record instanceof Headers) {
      Object.assign(out, normalizeHeaders(record));
      continue;
    }
    for (const [name, value] of Object.entries(record)) {
      const key = name.toLowerCase();
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
  }
  return out;
}

/** Reads one header case-insensitively from either form. */
export function getHeader(headers: HeadersInput | undefined | null, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(', ');
  }
  return undefined;
}
