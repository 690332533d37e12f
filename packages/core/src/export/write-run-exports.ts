import { rename, rmdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { makeDirs } from '../fs/make-dirs.js';
import { answerCsvLine, answersCsvHead } from './answers-csv.js';
import { TempFile } from './atomic-write.js';
import { prettyJson } from './pretty-json.js';
import { renderSummary } from './render-summary.js';
import type { AnswerSequence, ResultsAnswer, ResultsDocument } from '@sc-safety/results';
import { SecretScanner } from './secrets-guard.js';
import { isRenderedAnswers, type RenderedAnswers } from './answer-spool.js';
import { ANSWER_JSON_DEPTH } from './answer-export.js';
import { RUN_EXPORT_FILES, runExportPaths, type RunExportPaths } from './run-export-paths.js';

export { RUN_EXPORT_FILES, type RunExportPaths } from './run-export-paths.js';

/** Options of {@link writeRunExports}. */
export interface WriteRunExportsOptions {
  /** Every API key and token of the run: the write is refused if one appears in any file. */
  secrets?: readonly string[];
  /** Line width of summary.txt. Default 100. */
  width?: number;
}

/**
 * A piece of results.json, and the answer it holds when it is one of the `answers`; or, in place
 * of the answers, answers already rendered (an `AnswerSpool`), whose bytes are copied as they are.
 */
interface ResultsJsonPiece {
  text: string;
  answer?: ResultsAnswer;
  rendered?: RenderedAnswers;
}

/**
 * results.json as `JSON.stringify(results, …, 2)` + a line break would write it, byte for byte
 * (but for DEL and C1 controls, written as `\u00XX` escapes: the same text once parsed), in
 * pieces: each top-level field, and the `answers` array one answer per chunk, so the whole text
 * never exists at once (a big run has tens of thousands of answers).
 */
export function* resultsJsonChunks(results: ResultsDocument): Generator<string> {
  for (const piece of resultsJsonPieces(results, false)) yield piece.text;
}

/** {@link resultsJsonChunks}, each answer's chunk with the answer, so answers.csv is written in the same pass. */
function* resultsJsonPieces(results: ResultsDocument, copyRendered: boolean): Generator<ResultsJsonPiece> {
  const fields = Object.entries(results).filter(
    ([, value]) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol',
  );
  if (fields.length === 0) {
    yield { text: '{}\n' };
    return;
  }
  yield { text: '{\n' };
  for (const [i, [key, value]] of fields.entries()) {
    const comma = i < fields.length - 1 ? ',' : '';
    if (key === 'answers' && isSequence(value) && value.length > 0) {
      const last = value.length - 1;
      let j = 0;
      yield { text: `  ${JSON.stringify(key)}: [\n` };
      if (copyRendered && isRenderedAnswers(value)) yield { text: '', rendered: value };
      else
        for (const answer of value)
          yield { text: `    ${prettyJson(answer, ANSWER_JSON_DEPTH) ?? 'null'}${j++ < last ? ',' : ''}\n`, answer };
      yield { text: `  ]${comma}\n` };
    } else if (key === 'answers' && isSequence(value)) {
      yield { text: `  ${JSON.stringify(key)}: []${comma}\n` };
    } else {
      yield { text: `  ${JSON.stringify(key)}: ${prettyJson(value, 1)!}${comma}\n` };
    }
  }
  yield { text: '}\n' };
}

function isSequence(value: unknown): value is AnswerSequence {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AnswerSequence).length === 'number' &&
    typeof (value as AnswerSequence)[Symbol.iterator] === 'function'
  );
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
export async function writeRunExports(
  runDir: string,
  results: ResultsDocument,
  options: WriteRunExportsOptions = {},
): Promise<RunExportPaths> {
  const paths = runExportPaths(runDir);
  const secrets = options.secrets ?? [];
  // The first directory this call created, if any (removed again on failure).
  const created = (await makeDirs(runDir))[0];
  const temps: TempFile[] = [];
  const targets = [paths.results, paths.answersCsv, paths.summary];
  let done = false;
  try {
    // results.json and answers.csv in one pass over the answers (each is read from disk and
    // built once), every chunk checked for secrets before it is written.
    const json = await TempFile.create(paths.results);
    temps.push(json);
    const csv = await TempFile.create(paths.answersCsv);
    temps.push(csv);
    const jsonScan = new SecretScanner(RUN_EXPORT_FILES.results, secrets);
    const csvScan = new SecretScanner(RUN_EXPORT_FILES.answersCsv, secrets);
    await csv.write(csvScan.check(answersCsvHead()));
    for (const piece of resultsJsonPieces(results, true)) {
      if (piece.rendered !== undefined) {
        // Checked for secrets as each answer was rendered; the scanners count the lines copied.
        const lines = { json: jsonScan.nextLine, csv: csvScan.nextLine };
        await piece.rendered.writeRendered(json, csv, lines);
        jsonScan.skipLines(lines.json - jsonScan.nextLine);
        csvScan.skipLines(lines.csv - csvScan.nextLine);
        continue;
      }
      const writing = json.write(jsonScan.check(piece.text));
      if (writing) await writing;
      if (piece.answer === undefined) continue;
      const csvWriting = csv.write(csvScan.check(answerCsvLine(piece.answer)));
      if (csvWriting) await csvWriting;
    }
    const summary = await TempFile.create(paths.summary);
    temps.push(summary);
    await summary.write(
      new SecretScanner(RUN_EXPORT_FILES.summary, secrets).check(
        renderSummary(results, { color: false, width: options.width }),
      ),
    );
    for (const file of temps) await file.finish();
    for (const [i, file] of temps.entries()) await rename(file.path, targets[i]!);
    done = true;
    return paths;
  } finally {
    if (!done) {
      for (const file of temps) await file.discard();
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
