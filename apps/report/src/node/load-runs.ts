import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { answersFromFile, checkResultsFile, fromUtf8Bytes, ResultsReadError } from '@sc-safety/core';
import type { ResultsAnswer, ResultsDocument } from '@sc-safety/results';
import type { PreparedAnswers } from './render-report.js';

/**
 * A results file read from disk, with a label for the report's run picker. Its answers are not in
 * memory: iterating `results.answers` reads them from the file again, one at a time.
 */
export interface LoadedRun {
  label: string;
  file: string;
  results: ResultsDocument;
  /** What the page needs of the answers, gathered as the file was read. */
  prepared: PreparedAnswers;
}

/** Options of {@link loadRun}. */
export interface LoadRunOptions {
  /**
   * Sees each answer as the file is read (the one pass that validates it), e.g. to pack it for the
   * page. An error it throws is reported as a problem of the file, unless validation names one first.
   */
  onAnswer?: (answer: ResultsAnswer) => void;
  /**
   * How `onAnswer` gets the answers' strings: as text (default), or as UTF-8 byte strings (core's
   * reader reads those about twice as fast; `sc-safety report` packs them as they are).
   */
  answerStrings?: 'text' | 'utf8-bytes';
}

/** Thrown for a path that is not a usable run (missing, not JSON, fails the schema). */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
}

/**
 * Reads a run: a run directory (its results.json) or a results.json path. The file is validated
 * with the schema checks of `@sc-safety/core` (which also refuse a newer schema version), streamed:
 * only the fields besides the answers stay in memory.
 *
 * @throws {ReportInputError} naming the file and its first problems.
 */
export async function loadRun(target: string, options: LoadRunOptions = {}): Promise<LoadedRun> {
  let file = path.resolve(target);
  const info = await stat(file).catch(() => undefined);
  if (info === undefined) throw new ReportInputError(`${target}: no such file or directory`);
  if (info.isDirectory()) file = path.join(file, 'results.json');
  try {
    await access(file, constants.R_OK);
  } catch {
    throw new ReportInputError(`${file}: cannot read it (is this a run directory? it should hold results.json)`);
  }
  // Streamed: a results.json of 500,000 answers is 1–2 GB, more than a string or a heap can hold.
  // One pass: checked, and handed to the caller (who packs them for the page), as they stream by.
  // Without a caller to hand them to, nothing needs the answers' text: they are read as byte strings.
  const answerStrings = options.onAnswer === undefined ? 'utf8-bytes' : (options.answerStrings ?? 'text');
  const singles = new Set<string>();
  let packError: unknown;
  const onAnswer = (a: ResultsAnswer) => {
    if (a.singleTurn === true) singles.add(a.itemId);
    if (packError !== undefined || options.onAnswer === undefined) return;
    try {
      options.onAnswer(a);
    } catch (error) {
      packError = error; // reported below unless validation names the problem first
    }
  };
  let checked;
  try {
    checked = checkResultsFile(file, { maxProblems: 5, onAnswer, answerStrings });
  } catch (error) {
    if (error instanceof ResultsReadError) throw new ReportInputError(error.message);
    throw error;
  }
  if (checked.problems.length > 0)
    throw new ReportInputError(`${file}: not a usable results file:\n  ${checked.problems.join('\n  ')}`);
  if (packError !== undefined)
    throw new ReportInputError(`${file}: ${packError instanceof Error ? packError.message : String(packError)}`);
  const label = path.basename(info.isDirectory() ? path.resolve(target) : path.dirname(file));
  const results = { ...checked.header, answers: answersFromFile(file, checked.answerCount) };
  const singleTurnItems = answerStrings === 'utf8-bytes' ? [...singles].map(fromUtf8Bytes) : [...singles];
  return { label, file, results, prepared: { singleTurnItems } };
}

/** Reads several runs; labels that repeat get `#2`, `#3` so the run picker can tell them apart. */
export async function loadRuns(targets: readonly string[]): Promise<LoadedRun[]> {
  if (targets.length === 0) throw new ReportInputError('name at least one run directory or results.json');
  const runs: LoadedRun[] = [];
  for (const t of targets) runs.push(await loadRun(t));
  return labelApart(runs);
}

/** Labels that repeat get `#2`, `#3`, in order (the runs are relabelled in place, and returned). */
export function labelApart<T extends { label: string }>(runs: T[]): T[] {
  const seen = new Map<string, number>();
  for (const run of runs) {
    const n = (seen.get(run.label) ?? 0) + 1;
    seen.set(run.label, n);
    if (n > 1) run.label = `${run.label} #${n}`;
  }
  return runs;
}
