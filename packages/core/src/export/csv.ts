import { terminalSafe } from '../text/terminal-text.js';

/** The UTF-8 byte order mark: without it Excel reads a CSV as the local code page and garbles Chinese. */
export const UTF8_BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]/;
const SPACE = /\s/;

/**
 * One RFC 4180 field: quoted when it holds a comma, a double quote, CR or LF (or starts or ends
 * with a space, which some readers trim), with inner quotes doubled.
 */
export function csvField(value: string): string {
  // The edges are tested on their own: `\s$` as one regex alternative is tried at every position of a long answer.
  const quote =
    NEEDS_QUOTES.test(value) || (value.length > 0 && (SPACE.test(value[0]!) || SPACE.test(value[value.length - 1]!)));
  return quote ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Spreadsheet apps run a cell that starts with `=`, `+`, `-`, `@`, TAB or CR as a formula — and
 * the answers of a safety benchmark are text written under adversarial prompts. A leading
 * apostrophe makes them show such a cell as text. (results.json always keeps the exact text.)
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A text cell as a spreadsheet or a terminal may show it: control characters visible (see
 * `terminalSafe`), formula-like text neutralised. Every cell gets it — ids and dimensions come from
 * datasets and vendors as much as answers do.
 */
export function csvText(value: string): string {
  return neutralizeFormula(terminalSafe(value));
}

/**
 * A cell {@link csvText} and {@link csvField} would leave as it is: no control character, quote or
 * comma, no formula start, no space at either edge. Tested first, in one scan: most cells are.
 */
// eslint-disable-next-line no-control-regex -- control characters are what the cell is checked for
const PLAIN_CELL = /^(?![=+\-@\s])[^\x00-\x1f\x7f-\x9f",]*(?<!\s)$/;

/** One CSV record ending in CRLF, as RFC 4180 asks; every field goes through {@link csvText}. */
export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (i > 0) line += ',';
    line += PLAIN_CELL.test(field) ? field : csvField(csvText(field));
  }
  return `${line}\r\n`;
}
