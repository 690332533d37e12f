import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { META_BLOCK_ID } from '../common/report-data.js';
import type { ReportMeta } from '../common/report-data.js';
import { syntheticResults } from './synthetic-results.js';
import { templatePath } from './template.js';
import { writeReport } from './write-report.js';

function meta(html: string): ReportMeta {
  const m = new RegExp(
    `<script type="application/octet-stream" id="${META_BLOCK_ID}" data-encoding="gzip\\+base64">([^<]*)</script>`,
  ).exec(html);
  if (!m) throw new Error('no meta block');
  return JSON.parse(gunzipSync(Buffer.from(m[1]!, 'base64')).toString('utf8')) as ReportMeta;
}

async function runFile(seed: number): Promise<{ file: string; answers: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-write-'));
  const results = syntheticResults({ models: 2, pairs: 22, seed, bootstrapIterations: 0 });
  const file = path.join(dir, 'results.json');
  await writeFile(file, JSON.stringify(results));
  return { file, answers: results.answers.length };
}

describe.skipIf(!existsSync(templatePath()))('writeReport', () => {
  it('writes one self-contained page while the answers fit the inline budget', async () => {
    const run = await runFile(1);
    const out = await mkdtemp(path.join(tmpdir(), 'sc-report-out-'));
    const written = await writeReport([run.file], out);
    expect(written.dataDir).toBeUndefined();
    expect(await readdir(out)).toEqual(['index.html']);
    const html = await readFile(written.file, 'utf8');
    expect(meta(html).runs[0]!.answerChunks).toEqual([{ count: run.answers }]);
    expect(html).toContain('id="sc-answers-0-0"');
  });

  it("writes a big run's chunks beside the page, and replaces an older report's folder", async () => {
    const [a, b] = [await runFile(1), await runFile(2)];
    const out = await mkdtemp(path.join(tmpdir(), 'sc-report-out-'));
    const first = await writeReport([a.file, b.file], out, { inlineAnswers: 100, chunkAnswers: 40 });
    // Run 0 (88 answers) fits the budget of 100; run 1 does not: its chunks are files.
    const m = meta(await readFile(first.file, 'utf8'));
    expect(m.runs.map((r) => r.label)).toHaveLength(2);
    expect(m.runs[0]!.answerChunks).toEqual([{ count: 40 }, { count: 40 }, { count: 8 }]);
    const name = path.basename(first.dataDir!);
    expect(m.runs[1]!.answerChunks).toEqual([40, 40, 8].map((count, i) => ({ count, src: `${name}/1-${i}.js` })));
    expect((await readdir(first.dataDir!)).sort()).toEqual(['1-0.js', '1-1.js', '1-2.js']);
    expect(first.answers).toBe(a.answers + b.answers);
    const second = await writeReport([b.file], out, { inlineAnswers: 0, chunkAnswers: 40 });
    expect((await readdir(out)).sort()).toEqual([path.basename(second.dataDir!), 'index.html'].sort());
  });

  it('leaves the report in place, and no chunk behind, when a run turns out broken', async () => {
    const good = await runFile(1);
    const out = await mkdtemp(path.join(tmpdir(), 'sc-report-out-'));
    const before = await writeReport([good.file], out, { inlineAnswers: 0, chunkAnswers: 40 });
    const page = await readFile(before.file, 'utf8');
    const broken = path.join(path.dirname(good.file), 'broken.json');
    const text = await readFile(good.file, 'utf8');
    // Valid JSON up to the last answers, so chunks were written before the problem shows.
    await writeFile(broken, text.replace(/"outcome":"scored"(?![\s\S]*"outcome":"scored")/, '"outcome":"weird"'));
    await expect(writeReport([broken], out, { inlineAnswers: 0, chunkAnswers: 10 })).rejects.toThrow(
      /broken\.json: not a usable results file/,
    );
    expect((await readdir(out)).sort()).toEqual([path.basename(before.dataDir!), 'index.html'].sort());
    expect(await readFile(before.file, 'utf8')).toBe(page);
    expect((await readdir(before.dataDir!)).sort()).toEqual(['0-0.js', '0-1.js', '0-2.js']);
  });
});
