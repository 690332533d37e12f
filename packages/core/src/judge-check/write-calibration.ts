import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../export/atomic-write.js';
import { readResultsPieces } from '../export/results-reader.js';
import type { ResultsDocument } from '@sc-safety/results';
import { resultsJsonChunks } from '../export/write-run-exports.js';
import { answersFromFile } from '../run/answers-from-file.js';
import type { CalibrationReport } from './calibrate.js';

/** The run directory file that keeps the calibration, so a rescore (`sc-safety score`) carries it over. */
export const CALIBRATION_FILE = 'calibration.json';

/**
 * Records a calibration in a run directory: `calibration.json` beside the exports, and the
 * `calibration` field of results.json (an additive field of schema version 1). Both writes are
 * atomic: a reader sees the old file or the new one, never half of one. results.json is streamed
 * (a big run's is more than a string can hold): its fields are read once, in file order, and its
 * answers read again one at a time as the new file is written, as the run's writer formats it.
 *
 * @throws {import('../export/results-reader.js').ResultsReadError} when results.json is not JSON.
 */
export async function writeCalibration(
  runDir: string,
  report: CalibrationReport,
): Promise<{ calibration: string; results: string }> {
  const calibration = join(runDir, CALIBRATION_FILE);
  const results = join(runDir, 'results.json');
  const fields = new Map<string, unknown>();
  let answers = 0;
  for (const piece of readResultsPieces(results)) {
    if (piece.kind === 'field') fields.set(piece.key, piece.value);
    else if (piece.kind === 'answers') fields.set('answers', undefined);
    else answers++;
  }
  // In place of an earlier calibration, or last; the answers where they were.
  fields.set('calibration', report);
  if (fields.has('answers')) fields.set('answers', answersFromFile(results, answers));
  const document = Object.fromEntries(fields) as unknown as ResultsDocument;
  await writeFileAtomic(calibration, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(results, resultsJsonChunks(document));
  return { calibration, results };
}

/** The calibration kept in a run directory, if any (for rescoring). */
export async function readCalibration(runDir: string): Promise<CalibrationReport | undefined> {
  try {
    return JSON.parse(await readFile(join(runDir, CALIBRATION_FILE), 'utf8')) as CalibrationReport;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
