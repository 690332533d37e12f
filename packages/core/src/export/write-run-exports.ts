import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { answersCsv } from './answers-csv.js';
import { writeFileAtomic } from './atomic-write.js';
import { renderSummary } from './render-summary.js';
import type { ResultsFile } from './results-types.js';
import { assertNoSecretsInFiles } from './secrets-guard.js';

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

/**
 * Numbers JSON cannot carry would silently become null; fail loudly instead, naming the field.
 */
function stringifyResults(results: ResultsFile): string {
  return `${JSON.stringify(
    results,
    function (key, value: unknown) {
      if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`results.json: non-finite number at "${key}"`);
      return value;
    },
    2,
  )}\n`;
}

/**
 * Writes results.json, answers.csv (UTF-8 with BOM) and summary.txt (plain text) into `runDir`,
 * creating it if needed. All three contents are built and checked for secrets first, so a leak
 * writes nothing; then each file is written atomically (temp file + rename).
 *
 * @throws {SecretLeakError} when a configured secret occurs in any of the files.
 */
export async function writeRunExports(runDir: string, results: ResultsFile, options: WriteRunExportsOptions = {}): Promise<RunExportPaths> {
  const paths: RunExportPaths = {
    results: join(runDir, RUN_EXPORT_FILES.results),
    answersCsv: join(runDir, RUN_EXPORT_FILES.answersCsv),
    summary: join(runDir, RUN_EXPORT_FILES.summary),
  };
  const contents = new Map<string, string>([
    [RUN_EXPORT_FILES.results, stringifyResults(results)],
    [RUN_EXPORT_FILES.answersCsv, answersCsv(results)],
    [RUN_EXPORT_FILES.summary, renderSummary(results, { color: false, width: options.width })],
  ]);
  assertNoSecretsInFiles(contents, options.secrets ?? []);
  await mkdir(runDir, { recursive: true });
  await writeFileAtomic(paths.results, contents.get(RUN_EXPORT_FILES.results)!);
  await writeFileAtomic(paths.answersCsv, contents.get(RUN_EXPORT_FILES.answersCsv)!);
  await writeFileAtomic(paths.summary, contents.get(RUN_EXPORT_FILES.summary)!);
  return paths;
}
