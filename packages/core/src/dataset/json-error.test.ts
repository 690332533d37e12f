import { describe, expect, it } from 'vitest';
import { describeJsonError, lineAndColumn, parseJsonLine } from './json-error.js';

function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error('expected a parse error');
}

describe('describeJsonError', () => {
  it('extracts the position and adds a hint', () => {
    expect(describeJsonError(parseError('{"a":1'))).toEqual({
      message: "Expected ',' or '}' after property value",
      position: 6,
    });
    expect(describeJsonError(parseError(''))).toEqual({
      message:
        'Unexpected end of JSON input; the text ends before the JSON value is complete (a missing } or ], or an item split over several lines?)',
    });
  });

  it('removes the echo of the input and newer V8 line/column suffixes', () => {
    expect(describeJsonError(parseError(`{"a": ${'x'.repeat(200)}}`)).message).toMatch(/^Unexpected token 'x'$/);
    expect(describeJsonError(new SyntaxError('Unexpected token \'}\', "{"a":}" is not valid JSON'))).toEqual({
      message: "Unexpected token '}'",
    });
    expect(
      describeJsonError(
        new SyntaxError("Expected ',' or '}' after property value in JSON at position 6 (line 1 column 7)"),
      ),
    ).toEqual({
      message: "Expected ',' or '}' after property value",
      position: 6,
    });
  });
});

describe('lineAndColumn', () => {
  it('gives 1-based lines and character columns', () => {
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd\n中文x', 8)).toEqual({ line: 3, column: 3 });
    expect(lineAndColumn('😀x', 2)).toEqual({ line: 1, column: 2 });
  });
});

describe('parseJsonLine', () => {
  it('gives the value of a JSON line', () => {
    expect(parseJsonLine('{"id": "a", "n": [1, 2]}')).toEqual({ ok: true, value: { id: 'a', n: [1, 2] } });
    expect(parseJsonLine('"text"')).toEqual({ ok: true, value: 'text' });
  });

  it('names the problem, and says each line must be one JSON object', () => {
    const parsed = parseJsonLine('{"id": "a",}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toMatch(/^invalid JSON( \(column \d+\))?: .+; each line must be one complete JSON object$/);
    expect(parsed.problem).not.toContain('{"id"');
  });
});
