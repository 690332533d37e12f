import { describe, expect, it } from 'vitest';
import { createLineSplitter } from './line-splitter.js';

function split(chunks: (string | Uint8Array)[]): string[] {
  const lines: string[] = [];
  const splitter = createLineSplitter((l) => lines.push(l));
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return lines;
}

describe('createLineSplitter', () => {
  it('splits on LF, CRLF and lone CR and keeps empty lines', () => {
    expect(split(['a\nb\r\nc\rd\n\ne'])).toEqual(['a', 'b', 'c', 'd', '', 'e']);
  });

  it('does not emit an extra empty line for a CRLF split across chunks', () => {
    expect(split(['a\r', '\nb\r', '', '\nc'])).toEqual(['a', 'b', 'c']);
  });

  it('decodes a multi-byte character split across byte chunks', () => {
    const bytes = new TextEncoder().encode('é🙂\n');
    expect(split(Array.from(bytes, (b) => Uint8Array.of(b)))).toEqual(['é🙂']);
  });

  it('emits nothing for an empty stream', () => {
    expect(split([])).toEqual([]);
  });
});
