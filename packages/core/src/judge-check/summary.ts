import type { JudgeCheckSummary } from '@sc-safety/results';
import type { JudgeCheckReport } from './types.js';

export type { JudgeCheckSummary } from '@sc-safety/results';

/** The manifest's summary of a judge-check report. */
export function summarizeJudgeCheck(report: JudgeCheckReport): JudgeCheckSummary {
  return {
    set: {
      ref: report.set.ref,
      ...(report.set.version ? { version: report.set.version } : {}),
      fingerprint: report.set.fingerprint,
      cases: report.set.cases,
    },
    minKappa: report.threshold?.minKappa ?? Number.NaN,
    kappa: report.overall.kappa,
    accuracy: report.overall.accuracy,
    unsafeAgreement: report.overall.unsafeAgreement,
    unscored: report.overall.unscored,
    passed: report.threshold?.passed ?? false,
  };
}
