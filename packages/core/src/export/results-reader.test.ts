import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readResultsAnswers, readResultsHeader, readResultsPieces, ResultsReadError } from './results-reader.js';
import { fromUtf8Bytes, toUtf8Bytes } from './utf8-byte-strings.js';

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

  it('reads runs whose guessed end falls inside an answer (scanned instead), for any layout', () => {
    // Nested arrays use the answers' own separator (",\n{"), just after each long text: the first one past
    // 256 KB is mostly inside an answer.
    const answers = Array.from({ length: 600 }, (_, i) => ({
      itemId: `i-${i}`,
      text: '审'.repeat(300 + (i % 7)),
      judgments: [{ k: 1 }, { k: 2, reason: '},\n{ 不是分隔 ]' }],
    }));
    const nested = (value: unknown): string =>
      Array.isArray(value)
        ? `[\n${value.map(nested).join(',\n')}]`
        : typeof value === 'object' && value !== null
          ? `{${Object.entries(value)
              .map(([k, v]) => `${JSON.stringify(k)}: ${nested(v)}`)
              .join(', ')}}`
          : JSON.stringify(value);
    const file = write(`{"answers": ${nested(answers)}, "after": [\n{"x": 1},\n{"y": 2}]}`);
    for (const answerStrings of ['text', 'utf8-bytes'] as const) {
      const read = [...readResultsAnswers(file, { answerStrings })];
      expect(read.length).toBe(answers.length);
      expect(answerStrings === 'text' ? read : read.map(fromBytes)).toEqual(answers);
      expect(readResultsHeader(file)).toEqual({ header: { after: [{ x: 1 }, { y: 2 }] }, answerCount: 600 });
    }
  });
});

/** A value with its strings (keys kept) decoded from UTF-8 byte strings. */
function fromBytes(value: unknown): unknown {
  if (typeof value === 'string') return fromUtf8Bytes(value);
  if (Array.isArray(value)) return value.map(fromBytes);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromBytes(v)]));
  return value;
}

describe('readResultsPieces with answerStrings: utf8-bytes', () => {
  it("hands the answers' strings over as UTF-8 byte strings, the other fields as text, for any layout", () => {
    for (const text of [
      JSON.stringify(doc),
      JSON.stringify(doc, null, 2),
      `\ufeff${JSON.stringify(doc, null, '\t')}`,
    ]) {
      const file = write(text);
      const pieces = [...readResultsPieces(file, { answerStrings: 'utf8-bytes' })];
      const answers = pieces.flatMap((p) => (p.kind === 'answer' ? [p.value] : []));
      expect(answers[0]!.text).toBe(toUtf8Bytes(long));
      expect(answers.map(fromBytes)).toEqual(doc.answers);
      expect(pieces.find((p) => p.kind === 'field' && p.key === 'manifest')).toMatchObject({ value: doc.manifest });
    }
  });

  it('gives the bytes of the text for wide escapes, lone surrogates and bytes that are not UTF-8', () => {
    const answers = [{ text: '中文 é \u{1F600}' }, { text: 'tab\there\u0001' }, { text: '\ud800 alone' }];
    // As a writer that escapes everything but ASCII would write them (Python's json.dumps does).
    const escaped = JSON.stringify({ answers }).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    for (const text of [JSON.stringify({ answers }, null, 1), escaped]) {
      const read = [...readResultsAnswers(write(text), { answerStrings: 'utf8-bytes' })];
      expect(read.map(fromBytes), text).toEqual([...readResultsAnswers(write(text))]);
      // Written back as Latin-1, the packed JSON is the UTF-8 of the text's (a lone surrogate stays an escape).
      expect(Buffer.from(JSON.stringify(read), 'latin1')).toEqual(Buffer.from(JSON.stringify(answers), 'utf8'));
    }
    const invalid = Buffer.concat([
      Buffer.from('{"answers": [{"text": "a'),
      Buffer.from([0xff, 0xe4]),
      Buffer.from('"}]}'),
    ]);
    const read = [...readResultsAnswers(write(invalid), { answerStrings: 'utf8-bytes' })];
    expect(read.map(fromBytes)).toEqual([{ text: 'a\ufffd\ufffd' }]);
  });

  it('fails on broken answers at the same byte as the text reading does', () => {
    for (const text of [
      '{"answers": [{"a": 1} {"b": 2}]}',
      '{"answers": [{"a": 01}]}',
      '{"answers": [{"a": "\\u12"}]}',
    ]) {
      const file = write(text);
      const message = (() => {
        try {
          Array.from(readResultsAnswers(file));
        } catch (error) {
          return (error as Error).message.replace(/: [^:]*$/, '');
        }
        return 'no error';
      })();
      expect(() => [...readResultsAnswers(file, { answerStrings: 'utf8-bytes' })], text).toThrow(message);
    }
  });
});
