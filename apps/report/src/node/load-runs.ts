import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { validateResultsFile } from '@sc-safety/core';
import type { ResultsFile } from '@sc-safety/core';

/** A results file read from disk, with a label for the report's run picker. */
export interface LoadedRun {
  label: string;
  file: string;
  results: ResultsFile;
}

/** Thrown for a path that is not a usable run (missing, not JSON, fails the schema). */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
}

/**
 * Reads a run: a run directory (its results.json) or a results.json path. The file is validated
 * with the schema checks of `@sc-safety/core`, which also refuse a newer schema version.
 *
 * @throws {ReportInputError} naming the file and its first problems.
 */
export async function loadRun(target: string): Promise<LoadedRun> {
  let file = path.resolve(target);
  const info = await stat(file).catch(() => undefined);
  if (info === undefined) throw new ReportInputError(`${target}: no such file or directory`);
  if (info.isDirectory()) file = path.join(file, 'results.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ReportInputError(`${file}: cannot read it (is this a run directory? it should hold results.json)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReportInputError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const problems = validateResultsFile(json, { maxProblems: 5 });
  if (problems.length > 0) throw new ReportInputError(`${file}: not a usable results file:\n  ${problems.join('\n  ')}`);
  const label = path.basename(info.isDirectory() ? path.resolve(target) : path.dirname(file));
  return { label, file, results: json as ResultsFile };
}

/** Reads several runs; labels that repeat get `#2`, `#3` so the run picker can tell them apart. */
export async function loadRuns(targets: readonly string[]): Promise<LoadedRun[]> {
  if (targets.length === 0) throw new ReportInputError('name at least one run directory or results.json');
  const runs: LoadedRun[] = [];
  for (const t of targets) runs.push(await loadRun(t));
  const seen = new Map<string, number>();
  for (const run of runs) {
    const n = (seen.get(run.label) ?? 0) + 1;
    seen.set(run.label, n);
    if (n > 1) run.label = `${run.label} #${n}`;
  }
  return runs;
}
