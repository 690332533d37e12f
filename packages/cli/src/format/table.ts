import { displayWidth, padEndToWidth, padStartToWidth } from '@sc-safety/core/display-width';

/** A column of a plain-text table. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** Left-aligned columns (text) with these headers. */
export function leftColumns(...headers: string[]): Column[] {
  return headers.map((header) => ({ header }));
}

/** Right-aligned columns (numbers) with these headers. */
export function rightColumns(...headers: string[]): Column[] {
  return headers.map((header) => ({ header, align: 'right' }));
}

/**
 * A plain-text table: a header row, a rule, then the rows, columns two spaces apart and aligned
 * by terminal width (so Chinese names line up). Trailing spaces are trimmed.
 */
export function renderTable(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>, indent = ''): string {
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    indent +
    columns
      .map((c, i) => (c.align === 'right' ? padStartToWidth : padEndToWidth)(cells[i] ?? '', widths[i]!))
      .join('  ')
      .trimEnd();
  const rule = indent + widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n') + '\n';
}
