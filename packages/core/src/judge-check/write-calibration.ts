import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../export/atomic-write.js';
import type { CalibrationReport } from './calibrate.js';

/** The run directory file that keeps the calibration, so a rescore (`sc-safety score`) carries it over. */
export const CALIBRATION_FILE = 'calibration.json';

/**
 * Records a calibration in a run directory: `calibration.json` beside the exports, and the
 * `calibration` field of results.json (an additive field of schema version 1). Both writes are
 * atomic: a reader sees the old file or the new one, never half of one.
 */
export async function writeCalibration(runDir: string, report: CalibrationReport): Promise<{ calibration: string; results: string }> {
  const calibration = join(runDir, CALIBRATION_FILE);
  const results = join(runDir, 'results.json');
  const document = JSON.parse(await readFile(results, 'utf8')) as Record<string, unknown>;
  document.calibration = report;
  await writeFileAtomic(calibration, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(results, `${JSON.stringify(document, null, 2)}\n`);
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
