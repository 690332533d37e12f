import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { lineBytes, positiveInt } from './option-values.js';

describe('flag value parsers', () => {
  it('positiveInt takes whole numbers from 1 and refuses the rest', () => {
    expect(positiveInt('1')).toBe(1);
    expect(positiveInt('250')).toBe(250);
    for (const bad of ['0', '-3', '2.5', 'ten', '']) {
      expect(() => positiveInt(bad), bad).toThrow(new InvalidArgumentError('expected a whole number ≥ 1.'));
    }
  });

  it('lineBytes takes whole byte counts from 1024 and refuses the rest', () => {
    expect(lineBytes('1024')).toBe(1024);
    expect(lineBytes('1048576')).toBe(1048576);
    for (const bad of ['1023', '2048.5', 'lots']) {
      expect(() => lineBytes(bad), bad).toThrow(new InvalidArgumentError('expected a whole number of bytes ≥ 1024.'));
    }
  });
});
