import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ChunkFileWorker } from './chunk-file-worker.js';

/** The bytes a chunk file carries between its prefix and suffix. */
async function carried(file: string): Promise<Buffer> {
  const m = /^P\("([A-Za-z0-9+/=]*)"\);\n$/.exec(await readFile(file, 'utf8'));
  if (!m) throw new Error(`${file} is not a chunk file`);
  return gunzipSync(Buffer.from(m[1]!, 'base64'));
}

/** `text` in pieces of up to `most` characters, never splitting a surrogate pair. */
function pieces(text: string, most: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + 1 + ((at * 7919) % most));
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end++;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

describe('ChunkFileWorker', () => {
  it('writes every chunk as given, in pieces, through slots that grow and are reused', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-worker-'));
    // Small, then past the first slot size (64 KiB), then small again: more chunks than slots.
    const sizes = [10, 2_000, 70_000, 300_000, 5, 150_000, 400_000, 20, 64 * 1024, 90_000, 1, 250_000];
    const texts = sizes.map((n, i) => {
      // UTF-8 text of one, two, three and four bytes a character (an emoji is two UTF-16 units).
      const unit = ['a', 'é', '汉', '😀'][i % 4]!;
      return `{"chunk":${i},"text":"${unit.repeat(Math.ceil(n / unit.length))}"}`;
    });
    const worker = new ChunkFileWorker();
    texts.forEach((text, i) => worker.write(dir, path.join(dir, `${i}.js`), 'P("', pieces(text, 5_000), '");\n'));
    const written = await worker.close();
    for (const [i, text] of texts.entries())
      expect((await carried(path.join(dir, `${i}.js`))).toString('utf8')).toBe(text);
    expect(written.raw).toBe(texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0));
  });

  it('writes Latin-1 pieces (UTF-8 byte strings) as the same bytes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-worker-'));
    const text = `{"text":"${'汉字😀'.repeat(40_000)}"}`;
    const byteString = Buffer.from(text, 'utf8').toString('latin1');
    const worker = new ChunkFileWorker();
    worker.write(dir, path.join(dir, 'a.js'), 'P("', pieces(byteString, 3_000), '");\n', 'latin1');
    worker.write(dir, path.join(dir, 'b.js'), 'P("', [byteString], '");\n', 'latin1');
    await worker.close();
    for (const name of ['a.js', 'b.js']) expect((await carried(path.join(dir, name))).toString('utf8')).toBe(text);
  });
});
