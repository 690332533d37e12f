import { describe, expect, it } from 'vitest';
import { displayWidth } from './display-width.js';
import { renderTable } from './text-table.js';
import type { TableColumn } from './text-table.js';

const columns: TableColumn[] = [
  { header: 'Model', align: 'left', shrink: true, minWidth: 6 },
  { header: 'Score', align: 'right' },
  { header: 'Extra', align: 'right', optional: true },
];
const rows = [
  ['负责任人工智能模型', '87.43', 'x'],
  ['gpt', '9.00', 'yy'],
];

describe('renderTable', () => {
  it('pads by display width: left text, right numbers, one width for every line', () => {
    const lines = renderTable(columns, rows);
    expect(lines).toEqual([
      'Model               Score  Extra',
      '------------------  -----  -----',
      '负责任人工智能模型  87.43      x',
      'gpt                  9.00     yy',
    ]);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });

  it('shrinks the shrinkable column first, then drops optional columns', () => {
    const shrunk = renderTable(columns, rows, { maxWidth: 26 });
    // 12 columns for the model: a double-width character cannot be split, so one column stays blank.
    expect(shrunk[2]).toBe('负责任人工…   87.43      x');
    expect(displayWidth(shrunk[2]!)).toBe(26);
    const dropped = renderTable(columns, rows, { maxWidth: 14 });
    expect(dropped[0]).toBe('Model    Score');
    expect(dropped[2]).toBe('负责任…  87.43');
  });

  it('never counts a column as wider than its content when deciding what to drop', () => {
    const short = renderTable(columns, [['gpt', '9.00', 'yy']], { maxWidth: 19 });
    // Model 5 + Score 5 + Extra 5 + gaps 4 = 19: everything fits without dropping Extra.
    expect(short[0]).toBe('Model  Score  Extra');
  });

  it('passes the original column index to the style callback', () => {
    const seen: number[] = [];
    renderTable(columns, [rows[0]!], { maxWidth: 14, style: (t, row, col) => (row === 0 && seen.push(col), t) });
    expect(seen).toEqual([0, 1]);
  });
});
