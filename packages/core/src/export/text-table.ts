import { displayWidth, padEndToWidth, padStartToWidth, truncateToWidth } from './display-width.js';
import { terminalSafe } from '../text/terminal-text.js';

/** One column of a {@link renderTable} table. */
export interface TableColumn {
  header: string;
  align: 'left' | 'right';
  /** This column gives up width (its cells are cut with `…`) when the table is too wide. */
  shrink?: boolean;
  /** The narrowest a shrinking column may get. Default 8. */
  minWidth?: number;
  /** Left out (rightmost first) when the table does not fit even with shrinking columns at their narrowest. */
  optional?: boolean;
}

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** Spaces between columns. Default 2. */
  gap?: number;
  /** The widest the table may be, in columns; shrinkable columns give way first. */
  maxWidth?: number;
  /** Decorates a padded cell (colour); `row` is -1 for the header. Must not change its display width. */
  style?: (text: string, row: number, column: number) => string;
}

/**
 * Lays out a table by display width, so CJK cells line up. Every line (header, rule, rows) has
 * the same display width: cells are padded to their column, left or right as the column says.
 * Too wide for `maxWidth`: optional columns go first (rightmost first) if shrinking alone cannot
 * fit, then shrinkable columns give up width. The `style` callback gets the original column index.
 */
export function renderTable(
  allColumns: readonly TableColumn[],
  allRows: readonly (readonly string[])[],
  options: TableOptions = {},
): string[] {
  const gap = options.gap ?? 2;
  // Cells hold ids and names from results files: control characters are shown, never sent.
  allRows = allRows.map((r) => r.map(terminalSafe));
  allColumns = allColumns.map((c) => ({ ...c, header: terminalSafe(c.header) }));
  const natural = allColumns.map((c, i) =>
    Math.max(displayWidth(c.header), ...allRows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const floorOf = (c: TableColumn, i: number): number =>
    c.shrink === true ? Math.min(natural[i]!, Math.max(c.minWidth ?? 8, displayWidth(c.header))) : natural[i]!;
  let keep = allColumns.map((_, i) => i);
  if (options.maxWidth !== undefined) {
    const narrowest = (idx: number[]): number =>
      idx.reduce((sum, i) => sum + floorOf(allColumns[i]!, i), 0) + gap * (idx.length - 1);
    while (narrowest(keep) > options.maxWidth) {
      const drop = keep.findLast((i) => allColumns[i]!.optional === true);
      if (drop === undefined) break;
      keep = keep.filter((i) => i !== drop);
    }
  }
  const columns = keep.map((i) => allColumns[i]!);
  const rows = allRows.map((r) => keep.map((i) => r[i] ?? ''));
  const widths = keep.map((i) => natural[i]!);
  if (options.maxWidth !== undefined) {
    let excess = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1) - options.maxWidth;
    columns.forEach((c, i) => {
      if (excess <= 0 || c.shrink !== true) return;
      const floor = floorOf(c, keep[i]!);
      const cut = Math.min(excess, widths[i]! - floor);
      if (cut > 0) {
        widths[i] = widths[i]! - cut;
        excess -= cut;
      }
    });
  }
  const style = options.style ?? ((text: string) => text);
  const line = (cells: readonly string[], row: number): string =>
    columns
      .map((c, i) => {
        const text = truncateToWidth(cells[i] ?? '', widths[i]!);
        const padded = c.align === 'right' ? padStartToWidth(text, widths[i]!) : padEndToWidth(text, widths[i]!);
        return style(padded, row, keep[i]!);
      })
      .join(' '.repeat(gap));
  return [
    line(
      columns.map((c) => c.header),
      -1,
    ),
    widths.map((w) => '-'.repeat(w)).join(' '.repeat(gap)),
    ...rows.map((r, i) => line(r, i)),
  ];
}
