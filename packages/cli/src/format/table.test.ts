import { describe, expect, it } from 'vitest';
import { renderTable } from './table.js';

describe('renderTable', () => {
  it('aligns columns by display width and trims trailing spaces', () => {
    const text = renderTable(
      [{ header: 'name' }, { header: 'n', align: 'right' }],
      [
        ['违法犯罪', '12'],
        ['crime', '3'],
      ],
    );
    expect(text).toBe(['name       n', '────────  ──', '违法犯罪  12', 'crime      3', ''].join('\n'));
  });
});
