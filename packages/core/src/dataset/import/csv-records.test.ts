import { describe, expect, it } from 'vitest';
import { CsvRecordReader, CsvSyntaxError, type CsvRecord } from './csv-records.js';

function read(text: string, size: number): CsvRecord[] {
  const reader = new CsvRecordReader();
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...reader.feed(text.slice(i, i + size)));
  out.push(...reader.end());
  return out;
}

describe('CsvRecordReader', () => {
  const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""",\r\n\r\n"two\nlines",2,3\nlast,,"end"';
  const expected: CsvRecord[] = [
    { line: 1, fields: ['a', 'b', 'c'] },
    { line: 2, fields: ['x, y', 'say "hi"', ''] },
    { line: 4, fields: ['two\nlines', '2', '3'] },
    { line: 6, fields: ['last', '', 'end'] },
  ];

  it('splits RFC 4180 records with their starting lines, whatever the chunk size', () => {
    for (const size of [1, 2, 4, 7, text.length]) expect(read(text, size), `chunk size ${size}`).toEqual(expected);
  });

  it('rejects stray and unclosed quotes with the line', () => {
    expect(() => read('a,b\nx"y,1\n', 3)).toThrow(CsvSyntaxError);
    expect(() => read('a,b\n"x"y,1\n', 3)).toThrow(/text after a closing quote/);
    try {
      read('a,b\n1,2\n"never closed,3\n', 5);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toMatchObject({ line: 3, message: expect.stringMatching(/never closed/) });
    }
  });
});
