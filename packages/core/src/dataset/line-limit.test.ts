import { writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { validateDataset } from './load.js';
import { readJsonlLines } from './read-jsonl.js';
import { tempDir } from './__fixtures__/temp-files.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const item = (id: string, extra = ''): string =>
  JSON.stringify({ id, category: 'traditional_safety', dimension: 'crime', turns: [`问题${extra}`, '追问'] });

describe('dataset line limit', () => {
  it('a line over 1 MB is an error at its file:line; the lines around it are still read', async () => {
    const path = `${tmp.dir}/long-line.jsonl`;
    await writeFile(path, `${item('a')}\n${item('b', 'x'.repeat(2 * 1024 * 1024))}\n${item('c')}\n`);
    const result = await validateDataset(path);
    expect(result.ok).toBe(false);
    expect(result.itemCount).toBe(2);
    const errors = result.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 2 });
    expect(errors[0]!.message).toMatch(/line is \d+ bytes, over the 1048576-byte limit.*--max-line-bytes/);
  });

  it('the limit is configurable', async () => {
    const path = `${tmp.dir}/configurable.jsonl`;
    await writeFile(path, `${item('a', 'y'.repeat(3000))}\n`);
    expect((await validateDataset(path, { maxLineBytes: 2048 })).ok).toBe(false);
    expect((await validateDataset(path, { maxLineBytes: 8192 })).ok).toBe(true);
  });

  it('reads CRLF, a BOM, blank lines and a last line without a newline, with editor line numbers', async () => {
    const path = `${tmp.dir}/shapes.jsonl`;
    await writeFile(path, `\uFEFF${item('a')}\r\n\r\n  \n${item('b')}\n${item('多字节')}`);
    const lines = [];
    for await (const l of readJsonlLines(path, 1024)) lines.push(l);
    expect(lines.map((l) => [l.line, JSON.parse(l.text).id as string])).toEqual([
      [1, 'a'],
      [4, 'b'],
      [5, '多字节'],
    ]);
  });

  it('keeps multi-byte characters split across read chunks intact, and never keeps an over-long line', async () => {
    const path = `${tmp.dir}/chunks.jsonl`;
    // 64 KiB chunks: a line of 3-byte characters straddles several chunk boundaries.
    const long = '安'.repeat(70_000);
    await writeFile(path, `${long}\n${'x'.repeat(300_000)}\nend\n`);
    const lines = [];
    for await (const l of readJsonlLines(path, 250_000)) lines.push(l);
    expect(lines[0]!.text).toBe(long);
    expect(lines[1]).toEqual({ line: 2, text: '', overLimit: 300_000 });
    expect(lines[2]).toEqual({ line: 3, text: 'end' });
  });
});
