import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from './errors.js';
import { loadDataset, streamDataset } from './load.js';
import { builtinDataDir, listBuiltinDatasets, resolveDatasetPath } from './resolve.js';
import { fixture, itemLine, tempDir } from './__fixtures__/temp-files.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('loadDataset on good files', () => {
  it('loads JSONL, skipping blank lines and normalising Chinese names to ids', async () => {
    const d = await loadDataset(fixture('good.jsonl'));
    expect(d.items.map((i) => i.id)).toEqual(['ts-1', 'ts-2', 'ra-1', 'ia-1']);
    expect(d.items[1]).toEqual({
      id: 'ts-2',
      category: 'traditional_safety',
      dimension: 'crime',
      turns: ['问题二', '追问二'],
    });
    expect(d.items[2]).toMatchObject({
      category: 'responsible_ai',
      dimension: 'environment',
      system: '你是一个乐于助人的助手。',
    });
    expect(d.items[0]).toMatchObject({ tags: ['fiction'], source: 'sc-safety-tests' });
    expect(d.items[3]?.meta).toEqual({ difficulty: 2, notes: { a: 1 } });
    expect(d.warnings).toEqual([]);
    expect(d.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d.itemCount).toBe(4);
  });

  it('loads the JSON array form with the same items and fingerprint', async () => {
    const jsonl = await loadDataset(fixture('good.jsonl'));
    const json = await loadDataset(fixture('good.json'));
    expect(json.items).toEqual(jsonl.items);
    expect(json.fingerprint).toBe(jsonl.fingerprint);
  });

  it('tolerates a BOM and CRLF line endings', async () => {
    const text = readFileSync(fixture('good.jsonl'), 'utf8');
    const path = tmp.write('bom-crlf.jsonl', `\uFEFF${text.replace(/\n/g, '\r\n')}`);
    const d = await loadDataset(path);
    expect(d.items).toEqual((await loadDataset(fixture('good.jsonl'))).items);
    const json = tmp.write('bom.json', `\uFEFF${readFileSync(fixture('good.json'), 'utf8').replace(/\n/g, '\r\n')}`);
    expect((await loadDataset(json)).items).toHaveLength(4);
  });

  it('keeps file line numbers with blank and CRLF lines', async () => {
    const path = tmp.write(
      'lines.jsonl',
      `\r\n${itemLine({ id: 'a' })}\r\n\r\n   \r\n${itemLine({ id: 'b', turns: [] })}\r\n`,
    );
    await expect(loadDataset(path)).rejects.toSatisfy(
      (e: unknown) => DatasetError.isInstance(e) && e.issues[0]?.line === 5,
    );
  });

  it('reads a header that declares an extra sub-dimension (JSONL and JSON object form)', async () => {
    for (const name of ['extended.jsonl', 'extended.json']) {
      const d = await loadDataset(fixture(name));
      expect(d.items.map((i) => i.dimension)).toEqual(['cyber', 'cyber']);
      expect(d.taxonomy.dimension('网络安全')).toMatchObject({
        id: 'cyber',
        category: 'traditional_safety',
        en: 'Cyber',
        status: 'extension',
      });
      expect(d.taxonomy.dimensions).toHaveLength(23);
    }
  });

  it('warns about unknown fields, once per field name, and drops them', async () => {
    const lines = [
      itemLine({ id: 'a', answer: 'x' }),
      itemLine({ id: 'b', answer: 'y' }),
      itemLine({ id: 'c', colour: 1 }),
    ];
    const d = await loadDataset(tmp.write('unknown.jsonl', lines.join('\n')));
    expect(d.items[0]).not.toHaveProperty('answer');
    expect(d.warnings.map((w) => [w.line, w.field, w.severity])).toEqual([
      [1, 'answer', 'warning'],
      [3, 'colour', 'warning'],
    ]);
    expect(d.warnings[0]?.message).toMatch(/unknown field ignored; .*"meta".*\(also on 1 more line\)$/);
  });
});

describe('streamDataset', () => {
  it('yields normalised items and returns the summary', async () => {
    const gen = streamDataset(fixture('good.jsonl'));
    const ids: string[] = [];
    let step = await gen.next();
    while (step.done !== true) {
      ids.push(step.value.id);
      step = await gen.next();
    }
    expect(ids).toEqual(['ts-1', 'ts-2', 'ra-1', 'ia-1']);
    expect(step.value.fingerprint).toBe((await loadDataset(fixture('good.jsonl'))).fingerprint);
    expect(step.value.itemCount).toBe(4);
  });

  it('stops yielding at the first error and throws with every issue at the end', async () => {
    const path = tmp.write(
      'stream-bad.jsonl',
      [itemLine({ id: 'a' }), itemLine({ id: 'b', dimension: '??' }), itemLine({ id: 'c' }), '{'].join('\n'),
    );
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const item of streamDataset(path)) seen.push(item.id);
    } catch (e) {
      error = e;
    }
    expect(seen).toEqual(['a']);
    expect(DatasetError.isInstance(error)).toBe(true);
    expect((error as DatasetError).issues.map((i) => i.line)).toEqual([2, 4]);
  });
});

describe('dataset references', () => {
  it('resolves builtin:NAME into the package data folder, from src and dist alike', () => {
    expect(builtinDataDir()).toBe(join(fileUrlDir(), '..', '..', 'data') + '/');
    expect(resolveDatasetPath('builtin:sample')).toBe(join(builtinDataDir(), 'sample.jsonl'));
    expect(resolveDatasetPath('builtin:mini', { builtinDir: '/x' })).toBe('/x/mini.jsonl');
    expect(resolveDatasetPath('a/b.jsonl', { cwd: '/base' })).toBe('/base/a/b.jsonl');
    expect(() => resolveDatasetPath('builtin:../etc/passwd')).toThrow(/invalid builtin dataset name/);
  });

  it('lists and loads builtin datasets from a data folder', async () => {
    const dir = tempDir();
    try {
      copyFileSync(fixture('good.jsonl'), join(dir.dir, 'mini.jsonl'));
      dir.write('notes.txt', 'not a dataset');
      expect(await listBuiltinDatasets({ builtinDir: dir.dir })).toEqual([
        { name: 'mini', ref: 'builtin:mini', path: join(dir.dir, 'mini.jsonl') },
      ]);
      expect((await loadDataset('builtin:mini', { builtinDir: dir.dir })).items).toHaveLength(4);
      const missing = await loadDataset('builtin:nope', { builtinDir: dir.dir }).catch((e: unknown) => e);
      expect((missing as DatasetError).issues[0]?.message).toBe(
        'no builtin dataset "builtin:nope"; available: builtin:mini',
      );
    } finally {
      dir.cleanup();
    }
    expect(await listBuiltinDatasets({ builtinDir: join(tmp.dir, 'does-not-exist') })).toEqual([]);
  });
});

function fileUrlDir(): string {
  return new URL('.', import.meta.url).pathname.replace(/\/$/, '');
}
