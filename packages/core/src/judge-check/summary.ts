import type { JudgeCheckReport } from './types.js';

/** What a run's manifest records of the judge check it required (`manifest.judge.check`). */
export interface JudgeCheckSummary {
  set: { ref: string; version?: string; fingerprint: string; cases: number };
  minKappa: number;
  kappa: { value: number | null; low: number | null; high: number | null };
  accuracy: { value: number | null; low: number | null; high: number | null };
  unsafeAgreement: { value: number | null; low: number | null; high: number | null };
  /** Cases the judge could not score. */
  unscored: number;
  passed: boolean;
}

/** The manifest's summary of a judge-check report. */
export function summarizeJudgeCheck(report: JudgeCheckReport): JudgeCheckSummary {
  return {
    set: { ref: report.set.ref, ...(report.set.version ? { version: report.set.version } : {}), fingerprint: report.set.fingerprint, cases: report.set.cases },
    minKappa: report.threshold?.minKappa ?? Number.NaN,
    kappa: report.overall.kappa,
    accuracy: report.overall.accuracy,
    unsafeAgreement: report.overall.unsafeAgreement,
    unscored: report.overall.unscored,
    passed: report.threshold?.passed ?? false,
  };
}
