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
