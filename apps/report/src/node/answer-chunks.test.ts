import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packAnswers, unpackAnswers } from '../common/pack-answers.js';
import { ANSWER_CHUNK_CALLBACK } from '../common/report-data.js';
import type { PackedAnswers } from '../common/report-data.js';
import { AnswerChunkWriter, chunkAnswers, packedJson } from './answer-chunks.js';
import type { InlineBudget } from './answer-chunks.js';
import { toUtf8Bytes } from '@sc-safety/core';
import { syntheticResults } from './synthetic-results.js';

const decode = (text: string): PackedAnswers =>
  JSON.parse(gunzipSync(Buffer.from(text, 'base64')).toString('utf8')) as PackedAnswers;

/** The block a chunk file hands to the page's callback. */
async function fileBlock(file: string, run: number, chunk: number): Promise<string> {
  const m = new RegExp(`^${ANSWER_CHUNK_CALLBACK}\\(${run},${chunk},"([A-Za-z0-9+/=]*)"\\);\\n$`).exec(
    await readFile(file, 'utf8'),
  );
  if (!m) throw new Error(`${file} is not a chunk file of run ${run}, chunk ${chunk}`);
  return m[1]!;
}

describe('AnswerChunkWriter', () => {
  const { answers } = syntheticResults({ models: 2, pairs: 22, bootstrapIterations: 0 }); // 88 answers

  it('keeps chunks inside the page while the budget lasts', async () => {
    const chunked = await chunkAnswers(0, answers, 30);
    expect(chunked.chunks).toEqual([{ count: 30 }, { count: 30 }, { count: 28 }]);
    expect(chunked.inline.map((c) => c.chunk)).toEqual([0, 1, 2]);
    const texts = chunked.inline.flatMap((c, i) => unpackAnswers(decode(c.text), i * 30)).map((a) => [a.index, a.text]);
    expect(texts).toEqual(answers.map((a, i) => [i, a.text]));
    expect(chunked.bytes.embedded).toBeLessThan(chunked.bytes.raw);
  });

  it('moves a run that outgrows the budget to files, held chunks included, and gives its share back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-chunks-'));
    const budget: InlineBudget = { remaining: 50 };
    const small = new AnswerChunkWriter(0, budget, { dir, src: 'answers-x' }, 30);
    for (const a of answers.slice(0, 20)) small.add(a);
    expect(await small.finish()).toMatchObject({ chunks: [{ count: 20 }], inline: [{ chunk: 0 }] });
    expect(budget.remaining).toBe(30);
    const big = new AnswerChunkWriter(1, budget, { dir, src: 'answers-x' }, 30);
    for (const a of answers) big.add(a);
    const chunked = await big.finish();
    expect(chunked.inline).toEqual([]);
    expect(chunked.chunks).toEqual([
      { count: 30, src: 'answers-x/1-0.js' },
      { count: 30, src: 'answers-x/1-1.js' },
      { count: 28, src: 'answers-x/1-2.js' },
    ]);
    expect(budget.remaining).toBe(30);
    expect((await readdir(dir)).sort()).toEqual(['1-0.js', '1-1.js', '1-2.js']);
    const back = [];
    for (let i = 0; i < chunked.chunks.length; i++)
      back.push(...unpackAnswers(decode(await fileBlock(path.join(dir, `1-${i}.js`), 1, i)), i * 30));
    expect(back.map((a) => [a.index, a.itemId, a.text])).toEqual(answers.map((a, i) => [i, a.itemId, a.text]));
    expect(chunked.bytes.embedded).toBe(
      (await Promise.all(chunked.chunks.map((_, i) => fileBlock(path.join(dir, `1-${i}.js`), 1, i)))).join('').length,
    );
  });

  it("reports a chunk file it cannot write, with the error's code and path", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-chunks-'));
    const blocker = path.join(dir, 'file');
    await writeFile(blocker, 'not a directory');
    const writer = new AnswerChunkWriter(
      0,
      { remaining: 0 },
      { dir: path.join(blocker, 'answers-x'), src: 'answers-x' },
      30,
    );
    for (const a of answers) writer.add(a);
    await expect(writer.finish()).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('writes answers read as UTF-8 byte strings as the same bytes as their text, inline and in files', async () => {
    // Item ids around the interning limit (64 UTF-16 units) in CJK (3 bytes a unit) and emoji (4 bytes, 2 units).
    const lengths = [20, 21, 22, 32, 63, 64, 65, 100, 200];
    const text = answers.map((a, i) => ({
      ...a,
      itemId: `${i}-${'汉'.repeat(lengths[i % lengths.length]!)}`,
      model: `${'😀'.repeat(i % 40)}${a.model}`,
    }));
    // As core's reader hands them over in that form.
    const bytes = text.map((a) => JSON.parse(toUtf8Bytes(JSON.stringify(a))) as typeof a);
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-chunks-'));
    const written = [];
    for (const [name, list, strings] of [
      ['text', text, 'text'],
      ['bytes', bytes, 'utf8-bytes'],
    ] as const) {
      const inline = new AnswerChunkWriter(0, { remaining: 1_000 }, undefined, 30, strings);
      const files = new AnswerChunkWriter(0, { remaining: 0 }, { dir: path.join(dir, name), src: name }, 30, strings);
      for (const a of list) {
        inline.add(a);
        files.add(a);
      }
      await files.finish();
      const blocks = await Promise.all([0, 1, 2].map((i) => fileBlock(path.join(dir, name, `0-${i}.js`), 0, i)));
      written.push({ inline: (await inline.finish()).inline, blocks });
    }
    expect(written[1]).toEqual(written[0]);
    const back = written[1]!.inline.flatMap((c, i) => unpackAnswers(decode(c.text), i * 30));
    expect(back.map((a) => [a.itemId, a.model])).toEqual(text.map((a) => [a.itemId, a.model]));
  });
});

describe('packedJson', () => {
  const { answers } = syntheticResults({ models: 4, pairs: 40, bootstrapIterations: 0 }); // 320 answers

  it.each([0, 1, 64, 65, 128, 320])('is JSON.stringify of the packed answers, in pieces (%i answers)', (n) => {
    const packed = packAnswers(answers.slice(0, n));
    const parts = [...packedJson(packed)];
    expect(parts.join('')).toBe(JSON.stringify(packed));
    // The head, a piece per 64 rows with a comma between two, the tail: never the whole chunk's JSON at once.
    const pieces = Math.ceil(n / 64);
    expect(parts).toHaveLength(2 + pieces + Math.max(0, pieces - 1));
  });
});
