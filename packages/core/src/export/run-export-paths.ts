import { join } from 'node:path';

/** File names of a run's exports inside its run directory. */
export const RUN_EXPORT_FILES = {
  results: 'results.json',
  answersCsv: 'answers.csv',
  summary: 'summary.txt',
} as const;

/** Where the exports were written. */
export interface RunExportPaths {
  results: string;
  answersCsv: string;
  summary: string;
}

/** The exports' paths in the run directory `runDir`. */
export function runExportPaths(runDir: string): RunExportPaths {
  return {
    results: join(runDir, RUN_EXPORT_FILES.results),
    answersCsv: join(runDir, RUN_EXPORT_FILES.answersCsv),
    summary: join(runDir, RUN_EXPORT_FILES.summary),
  };
}
