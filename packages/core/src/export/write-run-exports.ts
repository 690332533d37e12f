import { rename, rmdir, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { makeDirs } from '../fs/make-dirs.js';
import { answersCsvChunks } from './answers-csv.js';
import { writeTempFile } from './atomic-write.js';
import { renderSummary } from './render-summary.js';
import type { AnswerSequence, ResultsDocument } from '@sc-safety/results';
import { SecretScanner } from './secrets-guard.js';
import { escapeJsonControls } from '../text/terminal-text.js';

/** File names of a run's exports inside its run directory. */
export const RUN_EXPORT_FILES = {
  results: 'results.json',
  answersCsv: 'answers.csv',
  summary: 'summary.txt',
} as const;

/** Options of {@link writeRunExports}. */
export interface WriteRunExportsOptions {
  /** Every API key and token of the run: the write is refused if one appears in any file. */
  secrets?: readonly string[];
  /** Line width of summary.txt. Default 100. */
  width?: number;
}

/** Where the exports were written. */
export interface RunExportPaths {
  results: string;
  answersCsv: string;
  summary: string;
}

/** Numbers JSON cannot carry would silently become null; fail loudly instead, naming the field. */
function finiteOnly(key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`results.json: non-finite number at "${key}"`);
  return value;
}

/**
 * `JSON.stringify(value, finiteOnly, 2)` as it reads nested `depth` levels deep, with DEL and C1
 * controls escaped too (`\u009b`): JSON leaves them raw, and `cat results.json` would run them.
 */
function nested(value: unknown, depth: number): string | undefined {
  const raw = JSON.stringify(value, finiteOnly, 2) as string | undefined;
  const json = raw === undefined ? undefined : escapeJsonControls(raw);
  // JSON strings hold no raw line breaks, so every one is between values: indent what follows.
  return json?.replace(/\n/g, `\n${' '.repeat(depth * 2)}`);
}

/**
 * results.json as `JSON.stringify(results, …, 2)` + a line break would write it, byte for byte
 * (but for DEL and C1 controls, written as `\u00XX` escapes: the same text once parsed), in
 * pieces: each top-level field, and the `answers` array one answer per chunk, so the whole text
 * never exists at once (a big run has tens of thousands of answers).
 */
export function* resultsJsonChunks(results: ResultsDocument): Generator<string> {
  const fields = Object.entries(results).filter(([, value]) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol');
  if (fields.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (const [i, [key, value]] of fields.entries()) {
    const comma = i < fields.length - 1 ? ',' : '';
    if (key === 'answers' && isSequence(value) && value.length > 0) {
      const last = value.length - 1;
      let j = 0;
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const answer of value) yield `    ${nested(answer, 2) ?? 'null'}${j++ < last ? ',' : ''}\n`;
      yield `  ]${comma}\n`;
    } else if (key === 'answers' && isSequence(value)) {
      yield `  ${JSON.stringify(key)}: []${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${nested(value, 1)!}${comma}\n`;
    }
  }
  yield '}\n';
}

function isSequence(value: unknown): value is AnswerSequence {
  return typeof value === 'object' && value !== null && typeof (value as AnswerSequence).length === 'number' && typeof (value as AnswerSequence)[Symbol.iterator] === 'function';
}

/**
 * Writes results.json, answers.csv (UTF-8 with BOM) and summary.txt (plain text) into `runDir`,
 * creating it if needed. results.json and answers.csv are streamed to temporary files chunk by
 * chunk (so a big run's exports are never whole strings in memory), every chunk checked for
 * secrets before it is written; only when all three files are complete and clean are they renamed
 * into place, so a leak (or any failure) replaces nothing and leaves no files behind.
 *
 * @throws {SecretLeakError} when a configured secret occurs in any of the files.
 */
export async function writeRunExports(runDir: string, results: ResultsDocument, options: WriteRunExportsOptions = {}): Promise<RunExportPaths> {
  const paths: RunExportPaths = {
    results: join(runDir, RUN_EXPORT_FILES.results),
    answersCsv: join(runDir, RUN_EXPORT_FILES.answersCsv),
    summary: join(runDir, RUN_EXPORT_FILES.summary),
  };
  const secrets = options.secrets ?? [];
  const scan = (file: string, chunks: Iterable<string>) => new SecretScanner(file, secrets).scan(chunks);
  const writes: [string, Iterable<string>][] = [
    [paths.results, scan(RUN_EXPORT_FILES.results, resultsJsonChunks(results))],
    [paths.answersCsv, scan(RUN_EXPORT_FILES.answersCsv, answersCsvChunks(results))],
    [paths.summary, scan(RUN_EXPORT_FILES.summary, [renderSummary(results, { color: false, width: options.width })])],
  ];
  // The first directory this call created, if any (removed again on failure).
  const created = (await makeDirs(runDir))[0];
  const temps: string[] = [];
  let done = false;
  try {
    for (const [path, chunks] of writes) temps.push(await writeTempFile(path, chunks));
    for (const [i, [path]] of writes.entries()) {
      await rename(temps[i]!, path);
      temps[i] = '';
    }
    done = true;
    return paths;
  } finally {
    if (!done) {
      for (const temp of temps) if (temp !== '') await unlink(temp).catch(() => {});
      if (created !== undefined) await removeEmptyDirs(resolve(runDir), resolve(created));
    }
  }
}

/** Removes `dir` and its parents up to `top` (the first one this call created), where empty. */
async function removeEmptyDirs(dir: string, top: string): Promise<void> {
  for (let d = dir; ; d = dirname(d)) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
    if (d === top || dirname(d) === d) return;
  }
}
