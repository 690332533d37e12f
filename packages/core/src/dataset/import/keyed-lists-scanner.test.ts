import { describe, expect, it } from 'vitest';
import { KeyedListsScanner, KeyedListsShapeError, type KeyedElement } from './keyed-lists-scanner.js';

const DOC = [
  '\uFEFF{',
  '  "Insult": [',
  '    {"prompt": "a, [b] {c}", "type": "x"},',
  '    {"prompt": "引号\\"和\\\\反斜杠", "nested": {"k": [1, 2]}}',
  '  ],',
  '  "Empty": [],',
  '  "Key \\"quoted\\"": [ "a string element" , 3 ]',
  '}',
  '',
].join('\n');

/** Feeds `text` in pieces of `size` characters. */
function scan(text: string, size: number): KeyedElement[] {
  const scanner = new KeyedListsScanner();
  const out: KeyedElement[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...scanner.feed(text.slice(i, i + size)));
  scanner.end();
  return out;
}

function shapeError(text: string): KeyedListsShapeError {
  try {
    scan(text, 7);
  } catch (error) {
    if (error instanceof KeyedListsShapeError) return error;
    throw error;
  }
  throw new Error('expected a shape error');
}

describe('KeyedListsScanner', () => {
  it('yields each element with key, index and line, whatever the chunk size', () => {
    const expected = [
      { key: 'Insult', index: 0, line: 3, value: { prompt: 'a, [b] {c}', type: 'x' } },
      { key: 'Insult', index: 1, line: 4, value: { prompt: '引号"和\\反斜杠', nested: { k: [1, 2] } } },
      { key: 'Key "quoted"', index: 0, line: 7, value: 'a string element' },
      { key: 'Key "quoted"', index: 1, line: 7, value: 3 },
    ];
    for (const size of [1, 2, 3, 5, 13, 64, DOC.length]) {
      const got = scan(DOC, size).map((e) => ({
        key: e.key,
        index: e.index,
        line: e.line,
        value: JSON.parse(e.text) as unknown,
      }));
      expect(got, `chunk size ${size}`).toEqual(expected);
    }
  });

  it('reports where the shape breaks', () => {
    expect(shapeError('[{"prompt": "x"}]').message).toMatch(/the file is a JSON array/);
    expect(shapeError('{"dimension": "Safety", "prompt": "x"}')).toMatchObject({
      line: 1,
      message: expect.stringMatching(/under "dimension": expected a list/),
    });
    expect(shapeError('{"a": [1],\n\n "b": [2]\n').message).toMatch(/ends before the JSON object is complete/);
    expect(shapeError('{"a": [1,]}').message).toMatch(/expected a list element after the comma/);
    expect(shapeError('{"a": [1]} x')).toMatchObject({ message: expect.stringMatching(/more text after/) });
    expect(shapeError('{"a" [1]}').message).toMatch(/expected : after the key "a"/);
    expect(shapeError('{"a": [1] "b": [2]}').message).toMatch(/expected , or } after the list under "a"/);
    expect(shapeError('{"a": [1],}').message).toMatch(/expected a scenario name/);
  });
});
