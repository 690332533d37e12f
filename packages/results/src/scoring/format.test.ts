import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatInterval, formatPercent } from './display-format.js';
import { formatScore, scoreCents } from './format.js';

describe('formatScore', () => {
  it('prints hundredths, rounded half up, with the sign of the rounded value', () => {
    expect(formatScore(87.425)).toBe('87.43');
    expect(formatScore(3.444999)).toBe('3.44');
    expect(formatScore(100)).toBe('100.00');
    expect(formatScore(0.004)).toBe('0.00');
    expect(formatScore(-2.675)).toBe('-2.67');
    expect(formatScore(-0.001)).toBe('0.00');
    expect(formatScore(null)).toBe('—');
    expect(formatScore(Number.NaN)).toBe('—');
  });

  it('signs deltas only when asked, and never signs zero', () => {
    expect(formatScore(3.444, { signed: true })).toBe('+3.44');
    expect(formatScore(-2.671, { signed: true })).toBe('-2.67');
    expect(formatScore(0.001, { signed: true })).toBe('0.00');
  });

  it('prints the same text for every score that shares a tie key', () => {
    for (let i = 0; i < 500; i++) {
      const v = ((i * 37.123457) % 200) - 100;
      expect(formatScore(v)).toBe(formatScore(scoreCents(v) / 100));
    }
  });
});

describe('other formats', () => {
  it('formats shares, counts, intervals and durations', () => {
    expect(formatPercent(0.975)).toBe('97.5%');
    expect(formatPercent(null)).toBe('—');
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(undefined)).toBe('—');
    expect(formatInterval({ low: 88.352, high: 93.466 })).toBe('[88.35, 93.47]');
    expect(formatInterval({ low: -1.2, high: 3.444 }, { signed: true })).toBe('[-1.20, +3.44]');
    expect(formatInterval(null)).toBe('');
    expect(formatDuration(4200)).toBe('4.2s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3_723_000)).toBe('1h 02m 03s');
    expect(formatDuration(null)).toBe('—');
  });
});
