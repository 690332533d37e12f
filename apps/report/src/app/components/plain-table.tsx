import type { ReactNode } from 'react';

/** One column of a {@link PlainTable}: its header and how it shows a row. */
export interface Column<Row> {
  /** The header cell's content. */
  head: ReactNode;
  /** The body cell's content for `row`. */
  cell: (row: Row) => ReactNode;
  /** A number column: both cells get the class `num` (unless `headClass` / `cellClass` say otherwise). */
  num?: boolean;
  /** The header cell's class. */
  headClass?: string;
  /** The body cell's class, fixed or by row. */
  cellClass?: string | ((row: Row) => string | undefined);
  /** The body cell's tooltip, by row. */
  title?: (row: Row) => string;
}

/**
 * A `table.plain` of one row per item of `rows`: a header row from the columns' heads, then the cells.
 * Every table of the report with one kind of row is one of these, so they all look alike.
 */
export function PlainTable<Row>({
  columns,
  rows,
  rowKey,
  className = 'plain',
  testid,
}: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  className?: string;
  testid?: string;
}) {
  const numClass = (c: Column<Row>) => (c.num ? 'num' : undefined);
  return (
    <table className={className} data-testid={testid}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} className={c.headClass ?? numClass(c)}>
              {c.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)}>
            {columns.map((c, i) => (
              <td
                key={i}
                className={typeof c.cellClass === 'function' ? c.cellClass(row) : (c.cellClass ?? numClass(c))}
                title={c.title?.(row)}
              >
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
