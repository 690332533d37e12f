import { describe, expect, it } from 'vitest';
import { parseDuration, parseHttpDate, parseRetryAfter } from './retry-after.js';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads retry-after-ms first', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '1500', 'retry-after': '9' }, NOW)).toBe(1500);
    expect(parseRetryAfter({ 'Retry-After-Ms': '20.4' }, NOW)).toBe(21);
  });

  it('reads retry-after in whole and decimal seconds', () => {
    expect(parseRetryAfter({ 'retry-after': '3' }, NOW)).toBe(3000);
    expect(parseRetryAfter({ 'Retry-After': '0.25' }, NOW)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0' }), NOW)).toBe(0);
  });

  it('reads retry-after as an HTTP date relative to now, past dates giving 0', () => {
    expect(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 12:00:30 GMT' }, NOW)).toBe(30_000);
    expect(parseRetryAfter({ 'retry-after': 'Wednesday, 01-Jan-25 12:01:00 GMT' }, NOW)).toBe(60_000);
    expect(parseRetryAfter({ 'retry-after': 'Wed Jan  1 12:00:05 2025' }, NOW)).toBe(5000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 11:00:00 GMT' }, NOW)).toBe(0);
  });

  it('falls back to x-ratelimit-reset durations, taking the longer one', () => {
    expect(parseRetryAfter({ 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' }, NOW)).toBe(
      360_000,
    );
    expect(parseRetryAfter({ 'x-ratelimit-reset-tokens': '20ms' }, NOW)).toBe(20);
    expect(parseRetryAfter({ 'x-ratelimit-reset-tokens': '20ms' }, NOW, { rateLimitReset: false })).toBeUndefined();
  });

  it('prefers retry-after over reset durations', () => {
    expect(parseRetryAfter({ 'retry-after': '2', 'x-ratelimit-reset-requests': '1m' }, NOW)).toBe(2000);
  });

  it('returns undefined for missing or garbage values', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
    for (const garbage of [
      'soon',
      '-5',
      '1e3',
      '',
      '3 seconds',
      'NaN',
      'Infinity',
      '2025-01-01',
      'Wed, 32 Foo 2025 99:00:00 GMT',
    ]) {
      expect(parseRetryAfter({ 'retry-after': garbage }, NOW), garbage).toBeUndefined();
    }
    expect(parseRetryAfter({ 'retry-after-ms': 'abc' }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ 'x-ratelimit-reset-requests': '5 minutes' }, NOW)).toBeUndefined();
  });

  it('falls through from an unreadable retry-after-ms to retry-after', () => {
    expect(parseRetryAfter({ 'retry-after-ms': 'abc', 'retry-after': '1' }, NOW)).toBe(1000);
  });
});

describe('parseHttpDate', () => {
  it('rejects what Date.parse would accept but HTTP does not', () => {
    expect(parseHttpDate('1')).toBeUndefined();
    expect(parseHttpDate('2025-01-01T00:00:00Z')).toBeUndefined();
    expect(parseHttpDate('Wed, 01 Jan 2025 12:00:30 GMT')).toBe(NOW + 30_000);
  });
});

describe('parseDuration', () => {
  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['1h2m3.5s', 3_723_500],
    ['20ms', 20],
    ['1500us', 1.5],
  ])('reads the Go-style duration %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('rejects anything else', () => {
    for (const bad of ['', 's', '1', '1x', '1s garbage', '-1s', undefined])
      expect(parseDuration(bad), String(bad)).toBeUndefined();
  });
});
