import { describe, expect, it } from 'vitest';
import {
  codePointWidth,
  displayWidth,
  padEndToWidth,
  padStartToWidth,
  stripAnsi,
  truncateToWidth,
  wrapToWidth,
} from './display-width.js';

describe('displayWidth', () => {
  it('counts ASCII as 1 and CJK ideographs, kana, Hangul and fullwidth forms as 2', () => {
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('GPT-4')).toBe(5);
    expect(displayWidth('总榜')).toBe(4);
    expect(displayWidth('千问-7B')).toBe(7);
    expect(displayWidth('Prompt泄漏')).toBe(10);
    expect(displayWidth('カタカナ')).toBe(8);
    expect(displayWidth('한국어')).toBe(6);
    expect(displayWidth('（ＡＢ）')).toBe(8);
    expect(displayWidth('。、')).toBe(4);
    expect(displayWidth('𠀀')).toBe(2); // CJK extension B, outside the BMP
    expect(displayWidth('违法犯罪')).toBe(8);
    expect(displayWidth('😀')).toBe(2); // emoji: terminals draw them double
  });

  it('counts combining marks, zero-width characters and ANSI sequences as 0', () => {
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('a\u200bb')).toBe(2);
    expect(displayWidth('\uFEFFx')).toBe(1);
    expect(displayWidth('\u001b[1m总榜\u001b[0m')).toBe(4);
    expect(stripAnsi('\u001b[31m-2.67\u001b[0m')).toBe('-2.67');
    expect(codePointWidth('\n')).toBe(0);
  });

  it('counts ambiguous-width punctuation as 1, as Western-locale terminals do', () => {
    expect(displayWidth('—')).toBe(1);
    expect(displayWidth('Δ')).toBe(1);
    expect(displayWidth('…')).toBe(1);
  });
});

describe('padding, truncation and wrapping by display width', () => {
  it('pads CJK text to the same column as ASCII text', () => {
    expect(padEndToWidth('总榜', 6)).toBe('总榜  ');
    expect(padEndToWidth('abc', 6)).toBe('abc   ');
    expect(padStartToWidth('总榜', 6)).toBe('  总榜');
    expect(padEndToWidth('toolong', 3)).toBe('toolong');
  });

  it('truncates without splitting a double-width character', () => {
    expect(truncateToWidth('负责任人工智能', 6)).toBe('负责…');
    expect(displayWidth(truncateToWidth('负责任人工智能', 6))).toBe(5);
    expect(truncateToWidth('abcdef', 4)).toBe('abc…');
    expect(truncateToWidth('abc', 3)).toBe('abc');
    expect(truncateToWidth('abc', 0)).toBe('');
  });

  it('wraps at spaces with a hanging indent, never past the width', () => {
    const lines = wrapToWidth(
      'Stopped   model 千问: quota_exhausted — balance too low to continue the run',
      30,
      '          ',
    );
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(30);
    expect(lines[1]!.startsWith('          ')).toBe(true);
    expect(lines.join(' ').replace(/ +/g, ' ')).toBe(
      'Stopped model 千问: quota_exhausted — balance too low to continue the run',
    );
  });
});
