import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';
import { renderSummary } from './render-summary.js';
import type { ResultsFile } from '@sc-safety/results';
import { answersCsv } from './answers-csv.js';
import { SecretLeakError, SecretScanner, assertNoSecretsInFiles } from './secrets-guard.js';
import { validateResultsFile } from '@sc-safety/results';
import { resultsJsonChunks, writeRunExports } from './write-run-exports.js';
import { fixtureResults } from './__fixtures__/results-file.js';

const results = fixtureResults({ scoring: { bootstrap: { iterations: 50 } } });

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
    const error = await writeRunExports(runDir, leaked, { secrets: ['', 'other-token-xyz', secret] }).catch(
      (e: unknown) => e,
    );
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
    expect(() => assertNoSecretsInFiles(new Map([['summary.txt', 'line\nline\nsecret here']]), ['secret'])).toThrow(
      /line 3/,
    );
    // Blank and very short values would match ordinary text.
    expect(() => assertNoSecretsInFiles(files, ['   ', 'x', 'tok', 'absent'])).not.toThrow();
  });

  it('refuses a number JSON cannot carry instead of writing null', async () => {
    const broken = {
      ...results,
      answers: results.answers.map((a, i) => (i === 0 ? { ...a, latencyMs: Number.NaN } : a)),
    };
    await expect(writeRunExports(dir, broken)).rejects.toThrow(/non-finite number at "latencyMs"/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('streamed exports', () => {
  it('writes results.json byte for byte as JSON.stringify(results, null, 2) did, and answers.csv as answersCsv', async () => {
    await writeRunExports(dir, results);
    expect(await readFile(join(dir, 'results.json'), 'utf8')).toBe(`${JSON.stringify(results, null, 2)}\n`);
    expect(await readFile(join(dir, 'answers.csv'), 'utf8')).toBe(answersCsv(results));
    // One answer per chunk: no chunk holds two answers.
    const chunks = [...resultsJsonChunks(results)];
    expect(chunks.length).toBeGreaterThan(results.answers.length);
    expect(chunks.filter((c) => c.includes('"itemId"')).every((c) => c.split('"itemId"').length === 2)).toBe(true);
  });

  it('matches JSON.stringify for no answers and for fields left undefined', () => {
    const empty = { ...results, answers: [], agreement: undefined } as unknown as ResultsFile;
    expect([...resultsJsonChunks(empty)].join('')).toBe(`${JSON.stringify(empty, null, 2)}\n`);
    const one = { ...results, answers: results.answers.slice(0, 1) };
    expect([...resultsJsonChunks(one)].join('')).toBe(`${JSON.stringify(one, null, 2)}\n`);
  });

  it('leaves existing exports untouched and no temporary files when a write is refused', async () => {
    await writeRunExports(dir, results);
    const before = await Promise.all(
      ['results.json', 'answers.csv', 'summary.txt'].map((f) => readFile(join(dir, f), 'utf8')),
    );
    const secret = 'sk-live-abcdef1234567890';
    await expect(writeRunExports(dir, withAnswerText(`key ${secret}`), { secrets: [secret] })).rejects.toMatchObject({
      file: 'results.json',
    });
    expect((await readdir(dir)).sort()).toEqual(['answers.csv', 'results.json', 'summary.txt']);
    expect(
      await Promise.all(['results.json', 'answers.csv', 'summary.txt'].map((f) => readFile(join(dir, f), 'utf8'))),
    ).toEqual(before);
  });

  it('reports the line of a secret counted across chunks, in raw, JSON- and CSV-escaped forms', () => {
    const scanner = new SecretScanner('results.json', ['', 'sk-secret-1234']);
    scanner.check('{\n  "a": 1,\n');
    scanner.check('  "b": [\n    "x"\n');
    expect(() => scanner.check('  ],\n  "c": "sk-secret-1234"\n')).toThrow(/results\.json: line 6 contains secret #2/);
    const escaped = new SecretScanner('answers.csv', ['to"ken\\42']);
    expect(() => escaped.check('a,b\r\n')).not.toThrow();
    expect(() => escaped.check('x,"to""ken\\42"\r\n')).toThrow(/answers\.csv: line 2/);
    expect(() => new SecretScanner('results.json', ['to"ken\\42']).check('"to\\"ken\\\\42"')).toThrow(SecretLeakError);
  });

  it('refuses a secret found in answers.csv alone, removing the run directory it created', async () => {
    // answers.csv neutralises a formula with a leading apostrophe; results.json keeps the exact text.
    const secret = "'=sk-leak-1234";
    const leaked = withAnswerText(secret.slice(1));
    const csv = answersCsv(leaked);
    const runDir = join(dir, 'nested', 'csv-leak');
    const error = await writeRunExports(runDir, leaked, { secrets: [secret] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretLeakError);
    expect((error as SecretLeakError).file).toBe('answers.csv');
    expect((error as SecretLeakError).line).toBe(csv.slice(0, csv.indexOf(secret)).split('\n').length);
    await expect(readdir(join(dir, 'nested'))).rejects.toThrow(/ENOENT/);
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
