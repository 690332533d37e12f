import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readResultsAnswers, readResultsHeader, readResultsPieces, ResultsReadError } from './results-reader.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sc-results-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (text: string | Buffer): string => {
  const file = path.join(dir, `r${++n}.json`);
  writeFileSync(file, text);
  return file;
};

// Strings that cross the reader's 1 MiB window, escapes at chunk edges, CJK text, nested containers.
const long = '拒'.repeat(400_000); // 1.2 MB of UTF-8
const doc = {
  format: 'sc-safety/results',
  schemaVersion: 2,
  manifest: { note: 'a "quoted" \\ back\\slash ] } [ {', nested: [[1, [2]], { a: null }], n: -1.5e3, ok: true },
  answers: [
    { model: 'm', itemId: 'i-1', text: long, tail: '\\"' },
    { model: 'm', itemId: 'i-2', text: `${'\\'.repeat(7)}"${long.slice(0, 1000)}` },
    { model: 'm', itemId: 'i-3', text: '', score: 0 },
  ],
  leaderboard: { overall: [] },
  agreement: null,
};

describe('readResultsPieces', () => {
  it('reads every field and every answer, in file order, for any layout', () => {
    for (const text of [
      JSON.stringify(doc),
      JSON.stringify(doc, null, 2),
      `\ufeff${JSON.stringify(doc, null, '\t')}\n`,
    ]) {
      const file = write(text);
      const pieces = [...readResultsPieces(file)];
      expect(pieces.map((p) => (p.kind === 'field' ? p.key : p.kind === 'answer' ? `answer ${p.index}` : '['))).toEqual(
        ['format', 'schemaVersion', 'manifest', '[', 'answer 0', 'answer 1', 'answer 2', 'leaderboard', 'agreement'],
      );
      expect([...readResultsAnswers(file)]).toEqual(doc.answers);
      const { header, answerCount } = readResultsHeader(file);
      const { answers: _answers, ...rest } = doc;
      expect({ header, answerCount }).toEqual({ header: rest, answerCount: 3 });
    }
  });

  it('reads empty objects and arrays and a file without answers', () => {
    expect([...readResultsPieces(write('{}'))]).toEqual([]);
    expect([...readResultsPieces(write('{"answers": [], "x": [ ]}'))]).toEqual([
      { kind: 'answers' },
      { kind: 'field', key: 'x', value: [] },
    ]);
    expect(readResultsHeader(write('{"format":"f"}'))).toEqual({ header: { format: 'f' }, answerCount: 0 });
  });

  it('fails on broken JSON with the file and the byte offset', () => {
    const cases: [string, RegExp][] = [
      ['', /byte 0: expected \{/],
      ['[1]', /byte 0: expected \{/],
      ['{"a": 1,}', /byte 8: expected a field name/],
      ['{"a": 1} x', /byte 9: unexpected content/],
      ['{"answers": [{"a": 1} {"b": 2}]}', /byte 22: expected , or \] after an answer/],
      ['{"answers": [{"a": "unterminated', /ends inside a string/],
      ['{"answers": [{"a": [1, 2}', /ends inside an object or array/],
      ['{"a": tru}', /byte 6: .*JSON/],
      ['{"answers": [{"a": 01}]}', /byte 13: .*JSON/],
    ];
    for (const [text, message] of cases) {
      const file = write(text);
      const read = () => [...readResultsPieces(file)];
      expect(read, text).toThrow(ResultsReadError);
      expect(read, text).toThrow(message);
      expect(read, text).toThrow(file);
    }
  });

  it('reads bytes that are not UTF-8 as U+FFFD, as readFile does', () => {
    const file = write(Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]));
    expect([...readResultsPieces(file)]).toEqual([{ kind: 'field', key: 'a', value: '\ufffd\ufffd' }]);
  });

  it('reads runs of many answers (parsed in batches) in order', () => {
    const answers = Array.from({ length: 3_000 }, (_, i) => ({ itemId: `i-${i}`, text: '答'.repeat(i % 500) }));
    const file = write(JSON.stringify({ answers, after: 1 }, null, 1));
    expect([...readResultsAnswers(file)]).toEqual(answers);
    expect(readResultsHeader(file)).toEqual({ header: { after: 1 }, answerCount: 3_000 });
  });
});
