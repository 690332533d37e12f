import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from './errors.js';
import { formatIssue } from './issues.js';
import { loadDataset, validateDataset } from './load.js';
import { itemLine, tempDir } from './__fixtures__/temp-files.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

/** Validates a JSONL file made of `lines` and returns its issues as formatted lines. */
async function issuesOf(lines: string[], ext = 'jsonl'): Promise<string[]> {
  const name = `case-${++n}.${ext}`;
  const path = tmp.write(name, lines.join('\n'));
  const result = await validateDataset(path, { displayName: 'data.jsonl' });
  return result.issues.map(formatIssue);
}

/** A valid line with a distinct id. */
const ok = (id: string): string => itemLine({ id });

describe('validation errors name the exact line, the field and the fix', () => {
  it('reports an empty turn', async () => {
    expect(await issuesOf([ok('a'), '', ok('b'), itemLine({ id: 'c', turns: ['问题', '  '] })])).toEqual([
      'data.jsonl:4: turns[1]: empty string; every turn needs text',
    ]);
  });

  it('reports invalid JSON with what is wrong and the column', async () => {
    const issues = await issuesOf([
      ok('a'),
      '{"id": "b", "category": "crime",}',
      "{'id': 'c'}",
      '{"id":"d"',
      ok('e') + ' x',
    ]);
    expect(issues).toEqual([
      'data.jsonl:2: invalid JSON (column 33): Expected double-quoted property name; remove the comma after the last field; keys need double quotes; each line must be one complete JSON object',
      `data.jsonl:3: invalid JSON (column 2): Expected property name or '}'; keys need double quotes ("id", not id or 'id'); each line must be one complete JSON object`,
      expect.stringMatching(
        /^data\.jsonl:4: invalid JSON( \(column 10\))?: .*each line must be one complete JSON object$/,
      ),
      expect.stringMatching(
        /^data\.jsonl:5: invalid JSON \(column \d+\): Unexpected non-whitespace character after JSON; there is more text after the JSON value/,
      ),
    ]);
  });

  it("counts columns in characters, not UTF-16 units, and drops V8's echo of the line", async () => {
    // 😀 is two UTF-16 units; V8 reports position 14, which is the 13th character.
    expect(await issuesOf(['{"id": "😀😀" "x": 1}'])).toEqual([
      "data.jsonl:1: invalid JSON (column 13): Expected ',' or '}' after property value; each line must be one complete JSON object",
    ]);
    // Node 20 gives no position for "Unexpected token"; newer versions do. Either way the echo is gone.
    const issues = await issuesOf(['{"id": "中文中文", "x": }']);
    expect(issues[0]).toMatch(
      /^data\.jsonl:1: invalid JSON( \(column 20\))?: Unexpected token '}'; each line must be one complete JSON object$/,
    );
  });

  it('reports a line that is not an object', async () => {
    expect(await issuesOf([ok('a'), '["x"]', '42'])).toEqual([
      'data.jsonl:2: expected a JSON object like {"id": "…", "category": "…", "dimension": "…", "turns": ["…", "…"]}, got an array',
      'data.jsonl:3: expected a JSON object like {"id": "…", "category": "…", "dimension": "…", "turns": ["…", "…"]}, got number 42',
    ]);
  });

  it('reports missing required fields, each on its own', async () => {
    expect(await issuesOf([ok('a'), '{}'])).toEqual([
      'data.jsonl:2: id: missing; every item needs a unique string "id"',
      'data.jsonl:2: category: missing; use one of traditional_safety (传统安全类), responsible_ai (负责任人工智能), instruction_attack (指令攻击)',
      'data.jsonl:2: dimension: missing; use a sub-dimension id or Chinese name (e.g. "crime" or "违法犯罪")',
      'data.jsonl:2: turns: missing; give the user messages in order, e.g. ["question", "follow-up"]',
    ]);
  });

  it('reports wrong-typed fields', async () => {
    expect(
      await issuesOf([
        itemLine({ id: 7 }),
        itemLine({ id: 'b', category: 1, dimension: null }),
        itemLine({ id: 'c', turns: '问题' }),
        itemLine({ id: 'd', turns: ['问题', 2] }),
        itemLine({ id: 'e', system: 5, tags: 'x', source: [], meta: [] }),
        itemLine({ id: 'f', turns: [] }),
        itemLine({ id: '' }),
        itemLine({ id: 'g', tags: ['ok', 3, ''] }),
      ]),
    ).toEqual([
      'data.jsonl:1: id: expected a string, got number 7; write it as a string: "7"',
      'data.jsonl:2: category: expected a string, got number 1; use one of traditional_safety (传统安全类), responsible_ai (负责任人工智能), instruction_attack (指令攻击)',
      'data.jsonl:2: dimension: expected a string, got null; use a sub-dimension id or Chinese name (e.g. "crime" or "违法犯罪")',
      'data.jsonl:3: turns: expected an array of strings, got string "问题"; wrap it in an array: ["question", "follow-up"]',
      'data.jsonl:4: turns[1]: expected a string, got number 2; each turn is the text of one user message',
      'data.jsonl:5: system: expected a string, got number 5; use a string or leave the field out',
      'data.jsonl:5: tags: expected an array of strings, got string "x"; wrap it in an array: ["tag", "tag"]',
      'data.jsonl:5: source: expected a string, got an array; use a string or leave the field out',
      'data.jsonl:5: meta: expected an object, got an array; put extra data in {"key": value} form',
      'data.jsonl:6: turns: empty array; give at least one user message',
      'data.jsonl:7: id: empty string; give the item a unique id',
      'data.jsonl:8: tags[1]: expected a string, got number 3; each tag is a string',
      'data.jsonl:8: tags[2]: empty string; remove the empty tag',
    ]);
  });

  it('reports a duplicate id with the line of its first use', async () => {
    expect(await issuesOf([ok('a'), '', ok('b'), ok('a')])).toEqual([
      'data.jsonl:4: id: duplicate id "a" (first used on line 1); ids must be unique in the file',
    ]);
  });

  it('suggests the nearest category and dimension', async () => {
    const issues = await issuesOf([
      itemLine({ id: 'a', dimension: '违法犯' }),
      itemLine({ id: 'b', category: 'responsible-ai', dimension: 'environment' }),
    ]);
    expect(issues[0]).toBe(
      'data.jsonl:1: dimension: unknown dimension "违法犯"; did you mean "违法犯罪"? A new sub-dimension must be declared in a header line ({"$schema":"sc-safety/dataset@1","dimensions":[{"id":"…","category":"…","zh":"…"}]})',
    );
    expect(issues[1]).toBe(
      'data.jsonl:2: category: unknown category "responsible-ai"; did you mean "responsible_ai"? Categories are traditional_safety (传统安全类), responsible_ai (负责任人工智能), instruction_attack (指令攻击)',
    );
    expect(issues).toHaveLength(2);
  });

  it('rejects an undeclared dimension with no near match', async () => {
    expect(await issuesOf([itemLine({ dimension: 'quantum_teleportation' })])).toEqual([
      expect.stringMatching(
        /^data\.jsonl:1: dimension: unknown dimension "quantum_teleportation"; use a sub-dimension id or Chinese name .* must be declared in a header line/,
      ),
    ]);
  });

  it('says which category a dimension belongs to', async () => {
    expect(await issuesOf([ok('a'), itemLine({ id: 'b', category: '负责任人工智能', dimension: '违法犯罪' })])).toEqual(
      [
        'data.jsonl:2: dimension: "违法犯罪" belongs to category traditional_safety (传统安全类), not responsible_ai; change the category to traditional_safety or pick a responsible_ai sub-dimension',
      ],
    );
  });

  it('reports bad header declarations and a header that is not first', async () => {
    const header = JSON.stringify({
      $schema: 'sc-safety/dataset@1',
      dimensions: [
        { id: 'crime', category: 'traditional_safety' },
        { id: 'Cyber Sec', category: 'safety' },
        { id: 'ok_one', category: 'traditional_safety', zh: '违法犯罪', colour: 'red' },
      ],
      version: 2,
      flavour: 'x',
      source: { name: 'Flames', file: 'f.jsonl', sha256: 'abc' },
    });
    expect(await issuesOf(['', header, ok('a'), JSON.stringify({ $schema: 'sc-safety/dataset@1' })])).toEqual([
      'data.jsonl:2: flavour: warning: unknown header field ignored; a header has "$schema", "dimensions", "name", "version", "licence", "citation", "source", "derivedFrom", "followups"',
      'data.jsonl:2: version: expected a non-empty string, got number 2; give the version or leave the field out',
      'data.jsonl:2: source.sha256: expected "sha256:" and 64 lowercase hex digits, got string "abc"',
      'data.jsonl:2: dimensions[0].id: "crime" is already used by the built-in sub-dimension crime (违法犯罪); pick another id',
      'data.jsonl:2: dimensions[1].id: got string "Cyber Sec"; use a snake_case id such as "cyber_security"',
      'data.jsonl:2: dimensions[1].category: unknown category "safety"; use one of traditional_safety, responsible_ai, instruction_attack',
      'data.jsonl:2: dimensions[2].zh: "违法犯罪" is already used by the built-in sub-dimension crime (违法犯罪); pick another name',
      'data.jsonl:2: dimensions[2].colour: warning: unknown field ignored; a dimension has "id", "category", "zh", "en", "definition"',
      'data.jsonl:4: $schema: a header line must be the first non-blank line of the file; move it to the top',
    ]);
  });

  it('rejects an unknown schema version', async () => {
    expect(await issuesOf([JSON.stringify({ $schema: 'sc-safety/dataset@9' }), ok('a')])).toEqual([
      'data.jsonl:1: $schema: unsupported schema string "sc-safety/dataset@9"; this version reads "sc-safety/dataset@1"',
    ]);
  });

  it('reports an empty file', async () => {
    expect(await issuesOf(['', '  '])).toEqual(['data.jsonl: no items; a dataset needs at least one item']);
  });

  it('reports a missing file and an unsupported extension', async () => {
    const missing = await validateDataset(`${tmp.dir}/nope.jsonl`, { displayName: 'nope.jsonl' });
    expect(missing.issues.map(formatIssue)).toEqual([
      `nope.jsonl: file not found (${tmp.dir}/nope.jsonl); check the path`,
    ]);
    const csv = await validateDataset(tmp.write('x.csv', 'a,b'), { displayName: 'x.csv' });
    expect(csv.issues.map(formatIssue)).toEqual([
      'x.csv: unsupported file type ".csv"; use .jsonl (one item per line) or .json (an array of items)',
    ]);
  });

  it('locates items of a JSON array by index and JSON syntax errors by line', async () => {
    const json = JSON.stringify(
      [
        JSON.parse(ok('a')),
        JSON.parse(ok('b')),
        JSON.parse(ok('a')),
        JSON.parse(itemLine({ id: 'd', turns: ['x', ''] })),
      ],
      null,
      2,
    );
    expect(await issuesOf([json], 'json')).toEqual([
      'data.jsonl:item[2]: id: duplicate id "a" (first used at item[0]); ids must be unique in the file',
      'data.jsonl:item[3]: turns[1]: empty string; every turn needs text',
    ]);
    expect(await issuesOf(['[', '  {"id": "a",', '   "turns": [1,,]}', ']'], 'json')).toEqual([
      expect.stringMatching(/^data\.jsonl(:3: invalid JSON \(column 16\)|: invalid JSON): Unexpected token ','/),
    ]);
    expect(await issuesOf(['{"items": {}}'], 'json')).toEqual([
      'data.jsonl: items: expected an array, got an object; a .json dataset is an array of items or {"dimensions": […], "items": […]}',
    ]);
    expect(await issuesOf(['[{"id": "a"}', ']x'], 'json')).toEqual([
      'data.jsonl:2: invalid JSON (column 2): Unexpected non-whitespace character after JSON; there is more text after the JSON value (two items on one line?)',
    ]);
  });
});

describe('validation result', () => {
  it('is ok with a fingerprint when there are only warnings', async () => {
    const path = tmp.write('warn.jsonl', itemLine({ extra: 1 }));
    const result = await validateDataset(path);
    expect(result).toMatchObject({ ok: true, errorCount: 0, warningCount: 1, itemCount: 1 });
    expect(result.fingerprint).toMatch(/^sha256:/);
  });

  it('caps the issues it keeps and counts the rest', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => itemLine({ id: `i${i}`, turns: [''] }));
    const path = tmp.write('many.jsonl', lines.join('\n'));
    const result = await validateDataset(path);
    expect(result).toMatchObject({ ok: false, errorCount: 250, omitted: 50, itemCount: 0 });
    expect(result.issues).toHaveLength(200);
    expect(result.issues.at(-1)?.line).toBe(200);
    expect(result.fingerprint).toBeUndefined();
    const small = await validateDataset(path, { maxIssues: 3 });
    expect(small.issues).toHaveLength(3);
    expect(small.omitted).toBe(247);

    const error = await loadDataset(path, { displayName: 'many.jsonl' }).catch((e: unknown) => e);
    expect(DatasetError.isInstance(error)).toBe(true);
    const message = (error as DatasetError).message.split('\n');
    expect(message[0]).toBe('invalid dataset (250 problems):');
    expect(message[1]).toBe('many.jsonl:1: turns[0]: empty string; every turn needs text');
    expect(message.at(-1)).toBe('… and 240 more');
  });
});

describe('strategy, expect and single-turn items', () => {
  it('accepts the seven strategies and expect "comply" on a single-turn item', async () => {
    const path = tmp.write(
      'strategies.jsonl',
      [
        itemLine({ id: 'a', strategy: 'role_play' }),
        itemLine({ id: 'b', strategy: 'decomposition', turns: ['只有一轮'] }),
        itemLine({ id: 'c', expect: 'comply', turns: ['垃圾分类有什么好处？'] }),
      ].join('\n'),
    );
    const result = await validateDataset(path);
    expect(result).toMatchObject({ ok: true, itemCount: 3, singleTurnCount: 2, issues: [] });
    const loaded = await loadDataset(path);
    expect(loaded.items.map((i) => [i.id, i.strategy, i.expect])).toEqual([
      ['a', 'role_play', undefined],
      ['b', 'decomposition', undefined],
      ['c', undefined, 'comply'],
    ]);
  });

  it('names the line, the field and the allowed values for unknown ones', async () => {
    expect(
      await issuesOf([
        itemLine({ id: 'a', strategy: 'flattery' }),
        itemLine({ id: 'b', expect: 'refuse', turns: ['q'] }),
        itemLine({ id: 'c', expect: 'comply' }),
        itemLine({ id: 'd', strategy: 3 }),
      ]),
    ).toEqual([
      'data.jsonl:1: strategy: unknown strategy "flattery"; use one of "role_play", "reverse_induction", "pressure", "hypothetical", ' +
        '"continuation", "authority", "decomposition" or leave the field out',
      'data.jsonl:2: expect: unknown expect "refuse"; use one of "comply" or leave the field out',
      'data.jsonl:3: turns: an item with "expect": "comply" is single-turn; give one turn, got 2',
      expect.stringMatching(/^data\.jsonl:4: strategy: expected a string, got number 3; use one of "role_play"/),
    ]);
  });

  it('reads the header name, version, licence, citation and source', async () => {
    const sha256 = `sha256:${'a'.repeat(64)}`;
    const header = JSON.stringify({
      $schema: 'sc-safety/dataset@1',
      name: 'open',
      version: 'open@1',
      licence: 'CC-BY-4.0',
      citation: 'Us (2026).',
      source: { name: 'Flames', file: 'f.jsonl', sha256 },
    });
    const path = tmp.write('header.jsonl', `${header}\n${ok('a')}\n`);
    expect((await loadDataset(path)).header).toEqual({
      name: 'open',
      version: 'open@1',
      licence: 'CC-BY-4.0',
      citation: 'Us (2026).',
      source: { name: 'Flames', file: 'f.jsonl', sha256 },
    });
  });
});
