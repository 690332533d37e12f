import { formatScore as coreFormatScore } from '@sc-safety/core';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatInterval, formatPercent, formatScore } from './format.js';

describe('formatScore', () => {
  it('prints exactly what the core (and so the terminal summary) prints', () => {
    const values = [0, 87.425, 87.435, -2.675, 3.444999, 100, 50, -0.001, 0.004, 71.905, 90.9090909090909, -35.22727272727273];
    for (let i = 0; i < 500; i++) values.push((i * 37.123457) % 100, -((i * 13.37) % 50));
    for (const v of values) {
      expect(formatScore(v)).toBe(coreFormatScore(v));
      expect(formatScore(v, { signed: true })).toBe(coreFormatScore(v, { signed: true }));
    }
    expect(formatScore(null)).toBe('—');
  });

  it('formats shares, intervals and durations', () => {
    expect(formatPercent(0.975)).toBe('97.5%');
    expect(formatPercent(null)).toBe('—');
    expect(formatInterval({ low: 88.352, high: 93.466 })).toBe('[88.35, 93.47]');
    expect(formatInterval(null)).toBe('');
    expect(formatDuration(4200)).toBe('4.2s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3_723_000)).toBe('1h 02m 03s');
  });
});
