import { getHeader, type HeadersInput } from './headers.js';

export interface ParseRetryAfterOptions {
  /**
   * Also read OpenAI-style `x-ratelimit-reset-requests` / `x-ratelimit-reset-tokens` durations when
   * no `retry-after` header is present (default true). The longer of the two is used, since the
   * headers do not say which limit was hit.
   */
  rateLimitReset?: boolean;
}

const DECIMAL = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*$/;
const IMF_FIXDATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/**
 * How long the server asked us to wait, in milliseconds, or `undefined` when it did not say (or
 * said something unreadable). Sources, first match wins: `retry-after-ms`; `retry-after` as
 * (decimal) seconds or an HTTP date (a date in the past gives 0); then the rate-limit reset
 * durations such as `1s`, `6m0s`, `20ms`.
 */
export function parseRetryAfter(
  headers: HeadersInput | undefined | null,
  now: number = Date.now(),
  options: ParseRetryAfterOptions = {},
): number | undefined {
  if (headers === undefined || headers === null) return undefined;
  const ms = parseDecimal(getHeader(headers, 'retry-after-ms'));
  if (ms !== undefined) return Math.ceil(ms);
  const retryAfter = getHeader(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = parseDecimal(retryAfter);
    if (seconds !== undefined) return Math.ceil(seconds * 1000);
    const date = parseHttpDate(retryAfter);
    if (date !== undefined) return Math.max(0, date - now);
  }
  if (options.rateLimitReset === false) return undefined;
  const resets = [getHeader(headers, 'x-ratelimit-reset-requests'), getHeader(headers, 'x-ratelimit-reset-tokens')]
    .map(parseDuration)
    .filter((v): v is number => v !== undefined);
  return resets.length === 0 ? undefined : Math.ceil(Math.max(...resets));
}

function parseDecimal(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = DECIMAL.exec(value);
  if (match?.[1] === undefined) return undefined;
  const n = Number(match[1]);
  return Number.isFinite(n) ? n : undefined;
}

/** The three HTTP-date forms of RFC 9110; `Date.parse` alone accepts far too much (e.g. `"1"`). */
export function parseHttpDate(value: string): number | undefined {
  const v = value.trim();
  let parsed: number;
  if (IMF_FIXDATE.test(v) || RFC_850.test(v)) parsed = Date.parse(v);
  else if (ASCTIME.test(v)) parsed = Date.parse(`${v.replace(/ +/g, ' ')} GMT`);
  else return undefined;
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** A Go-style duration (`1s`, `6m0s`, `1h2m3.5s`, `20ms`) in milliseconds. */
export function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v.length === 0) return undefined;
  DURATION_PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = DURATION_PART.exec(v); match !== null; match = DURATION_PART.exec(v)) {
    const [whole, amount, unit] = match;
    if (amount === undefined || unit === undefined) return undefined;
    total += Number(amount) * (UNIT_MS[unit] ?? Number.NaN);
    consumed += whole.length;
  }
  return consumed === v.length && Number.isFinite(total) ? total : undefined;
}
