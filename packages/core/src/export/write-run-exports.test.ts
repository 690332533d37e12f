import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ITEMS, MANIFEST, MODELS, ROWS } from './__fixtures__/rows.js';
import { writeFileAtomic } from './atomic-write.js';
import { buildResults } from './build-results.js';
import { renderSummary } from './render-summary.js';
import type { ResultsFile } from './results-types.js';
import { SecretLeakError, assertNoSecretsInFiles } from './secrets-guard.js';
import { validateResultsFile } from './validate-results.js';
import { writeRunExports } from './write-run-exports.js';

const results = buildResults({ rows: ROWS, models: MODELS, manifest: MANIFEST, items: ITEMS, scoring: { bootstrap: { iterations: 50 } } });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sc-safety-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function withAnswerText(text: string): ResultsFile {
  return { ...results, answers: results.answers.map((a, i) => (i === 3 ? { ...a, text } : a)) };
}

describe('writeRunExports', () => {
  it('writes results.json, answers.csv and summary.txt, creating the run directory, and nothing else', async () => {
    const runDir = join(dir, 'runs', 'r1');
    const paths = await writeRunExports(runDir, results, { secrets: ['sk-not-in-the-files-0000'] });
    expect((await readdir(runDir)).sort()).toEqual(['answers.csv', 'results.json', 'summary.txt']);
    const json = JSON.parse(await readFile(paths.results, 'utf8')) as unknown;
    expect(validateResultsFile(json)).toEqual([]);
    expect(json).toEqual(JSON.parse(JSON.stringify(results)));
    const csv = await readFile(paths.answersCsv);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(await readFile(paths.summary, 'utf8')).toBe(renderSummary(results, { color: false }));
  });

  it('replaces existing exports whole and leaves no temporary files', async () => {
    await writeFile(join(dir, 'results.json'), '{"old": true, "padding": "'.padEnd(100_000, 'x') + '"}');
    await writeRunExports(dir, results);
    await writeRunExports(dir, results);
    expect((await readdir(dir)).sort()).toEqual(['answers.csv', 'results.json', 'summary.txt']);
    expect(validateResultsFile(JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')))).toEqual([]);
  });

  it('refuses to write anything when a secret appears in any file, without naming the secret', async () => {
    const secret = 'sk-live-abcdef1234567890';
    const leaked = withAnswerText(`here is the key ${secret}`);
    const runDir = join(dir, 'leak');
    const error = await writeRunExports(runDir, leaked, { secrets: ['', 'other-token-xyz', secret] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretLeakError);
    expect((error as SecretLeakError).secretIndex).toBe(2);
    expect((error as SecretLeakError).file).toBe('results.json');
    expect((error as Error).message).not.toContain(secret);
    await expect(readdir(runDir)).rejects.toThrow(/ENOENT/);
  });

  it('finds secrets in their JSON- and CSV-escaped forms too', () => {
    const secret = 'tok"en\\42';
    const files = new Map([['results.json', JSON.stringify({ text: `x ${secret}` })]]);
    expect(() => assertNoSecretsInFiles(files, [secret])).toThrow(SecretLeakError);
    const csv = new Map([['answers.csv', `a,"tok""en\\42"\r\n`]]);
    expect(() => assertNoSecretsInFiles(csv, [secret])).toThrow(/answers\.csv: line 1|answers\.csv/);
    expect(() => assertNoSecretsInFiles(new Map([['summary.txt', 'line\nline\nsecret here']]), ['secret'])).toThrow(/line 3/);
    // Blank and very short values would match ordinary text.
    expect(() => assertNoSecretsInFiles(files, ['   ', 'x', 'tok', 'absent'])).not.toThrow();
  });

  it('refuses a number JSON cannot carry instead of writing null', async () => {
    const broken = { ...results, answers: results.answers.map((a, i) => (i === 0 ? { ...a, latencyMs: Number.NaN } : a)) };
    await expect(writeRunExports(dir, broken)).rejects.toThrow(/non-finite number at "latencyMs"/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('removes its temporary file when the final rename fails, leaving the target untouched', async () => {
    const target = join(dir, 'results.json');
    await mkdir(target); // a directory in the way makes the rename fail
    await expect(writeFileAtomic(target, '{}')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['results.json']);
    expect(await readdir(target)).toEqual([]);
  });

  it('writes the exact content', async () => {
    const target = join(dir, 'x.txt');
    await writeFileAtomic(target, '中文\r\n"quoted"');
    expect(await readFile(target, 'utf8')).toBe('中文\r\n"quoted"');
    expect(await readdir(dir)).toEqual(['x.txt']);
  });
});
