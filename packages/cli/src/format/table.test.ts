import { describe, expect, it } from 'vitest';
import { renderTable } from './table.js';
import { padText, textWidth } from './text-width.js';

describe('textWidth', () => {
  it('counts CJK and emoji as two columns and combining marks as none', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('违法犯罪')).toBe(8);
    expect(textWidth('Prompt泄漏')).toBe(10);
    expect(textWidth('😀')).toBe(2);
    expect(textWidth('e\u0301')).toBe(1);
    expect(padText('中文', 6)).toBe('中文  ');
    expect(padText('7', 3, 'right')).toBe('  7');
  });
});

describe('renderTable', () => {
  it('aligns columns by display width and trims trailing spaces', () => {
    const text = renderTable([{ header: 'name' }, { header: 'n', align: 'right' }], [
      ['违法犯罪', '12'],
      ['crime', '3'],
    ]);
    expect(text).toBe(['name       n', '────────  ──', '违法犯罪  12', 'crime      3', ''].join('\n'));
  });
});
