import path from 'node:path';
import type { JudgeCheckReport } from '../judge-check/types.js';

/** The judge check a run stopped on: κ under the config's `minKappa`. */
export class JudgeCheckFailedError extends Error {
  readonly code = 'judge_check_failed';
  constructor(readonly report: JudgeCheckReport) {
    const k = report.overall.kappa.value;
    super(
      `the judge check failed: quadratic-weighted κ ${k === null ? 'undefined' : k.toFixed(3)} is below the required ${String(report.threshold?.minKappa)} ` +
        `on ${report.set.cases} cases of ${path.basename(report.set.ref)}; no target was called. Run "sc-safety judge check" to see the cases it got wrong, or choose another judge.`,
    );
    this.name = 'JudgeCheckFailedError';
  }
}
