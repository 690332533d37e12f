/** A JSON.parse failure turned into a message a dataset author can act on. */
export interface JsonErrorDescription {
  /** What is wrong, with a hint, without V8's echo of the input. */
  message: string;
  /** 0-based UTF-16 offset into the parsed text, when JSON.parse reported one. */
  position?: number;
}

const HINTS: ReadonlyArray<[RegExp, string]> = [
  [
    /^Unexpected end of JSON input/,
    'the text ends before the JSON value is complete (a missing } or ], or an item split over several lines?)',
  ],
  [/^Expected property name/, 'keys need double quotes ("id", not id or \'id\')'],
  [/^Expected double-quoted property name/, 'remove the comma after the last field; keys need double quotes'],
  [
    /^Unexpected non-whitespace character after JSON/,
    'there is more text after the JSON value (two items on one line?)',
  ],
  [/^Bad control character in string literal/, 'write tabs and line breaks inside strings as \\t and \\n'],
  [/^Unexpected token '''/, 'strings and keys need double quotes, not single quotes'],
  [/^Bad escaped character/, 'backslashes inside strings must be escaped as \\\\'],
  [/^Unterminated string/, 'a string is missing its closing double quote'],
];

/**
 * Rewrites a V8 JSON.parse error. V8 (Node 20) echoes the input in some messages
 * (`Unexpected token '}', "{"a":}" is not valid JSON`), which is noise for long dataset lines, and
 * reports `at position N` only for some errors; newer V8 adds `(line L column C)`.
 */
export function describeJsonError(error: unknown): JsonErrorDescription {
  let raw = error instanceof Error ? error.message : String(error);
  let position: number | undefined;
  const pos = /\s+(?:in JSON )?at position (\d+)/.exec(raw);
  if (pos) {
    position = Number(pos[1]);
    raw = raw.slice(0, pos.index) + raw.slice(pos.index + pos[0].length);
  }
  raw = raw.replace(/\s*\(line \d+ column \d+\)/, '');
  // `Unexpected token 'x', "<echo of the input>" is not valid JSON`, the echo possibly cut to
  // `..."<part>"...`: keep the part before the echo.
  const echo = /^(.*?), (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s.exec(raw);
  if (echo?.[1] !== undefined) raw = echo[1];
  const base = raw.trim();
  const hint = HINTS.find(([re]) => re.test(base))?.[1];
  const message = hint === undefined ? base : `${base}; ${hint}`;
  return position === undefined ? { message } : { message, position };
}

/** 1-based line and column (in characters) of a UTF-16 offset into `text`. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(position, text.length));
  const lastBreak = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  const column = [...before.slice(lastBreak + 1)].length + 1;
  return { line, column };
}

/**
 * Parses one line of a JSONL file. A line that is not JSON gives the problem to report (the same
 * words for datasets and imported sources), with the column where parsing stopped when V8 says.
 */
export function parseJsonLine(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const { message, position } = describeJsonError(error);
    const where = position === undefined ? '' : ` (column ${lineAndColumn(text, position).column})`;
    return { ok: false, problem: `invalid JSON${where}: ${message}; each line must be one complete JSON object` };
  }
}
