import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { Fingerprinter, fingerprintItems } from './fingerprint.js';
import { loadDataset } from './load.js';
import { fixture, tempDir } from './__fixtures__/temp-files.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('canonicalJson', () => {
  it('sorts keys recursively and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: '中' }, e: undefined })).toBe('{"a":{"c":"中","d":[2,1]},"b":1}');
    expect(canonicalJson([null, true, 'x'])).toBe('[null,true,"x"]');
  });
});

describe('dataset fingerprint', () => {
  const original = readFileSync(fixture('good.jsonl'), 'utf8');
  const base = loadDataset(fixture('good.jsonl')).then((d) => d.fingerprint);

  it('is stable across CRLF, BOM, blank lines, key order, Chinese names and ignored fields', async () => {
    const reordered = original
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const o = JSON.parse(l) as Record<string, unknown>;
        const out: Record<string, unknown> = { ignored: true };
        for (const k of Object.keys(o).reverse()) out[k] = o[k];
        if (out.dimension === 'crime') out.dimension = '违法犯罪';
        return JSON.stringify(out, null, 0);
      })
      .join('\r\n\r\n');
    const path = tmp.write('variant.jsonl', `\uFEFF\r\n${reordered}\r\n`);
    expect((await loadDataset(path)).fingerprint).toBe(await base);
    expect((await loadDataset(fixture('good.json'))).fingerprint).toBe(await base);
  });

  it('changes when one character of content changes', async () => {
    const path = tmp.write('changed.jsonl', original.replace('追问二', '追问三'));
    expect((await loadDataset(path)).fingerprint).not.toBe(await base);
    const swapped = original.split('\n').filter((l) => l.trim() !== '');
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect((await loadDataset(tmp.write('order.jsonl', swapped.join('\n')))).fingerprint).not.toBe(await base);
  });

  it('is sha256 over canonical items, one per line', async () => {
    const { items, fingerprint } = await loadDataset(fixture('good.jsonl'));
    expect(fingerprintItems(items)).toBe(fingerprint);
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256')
      .update(items.map((i) => `${canonicalJson(i)}\n`).join(''))
      .digest('hex');
    expect(fingerprint).toBe(`sha256:${expected}`);
    const f = new Fingerprinter();
    f.digest();
    expect(() => f.add(items[0]!)).toThrow(/already computed/);
  });
});
