export {
  JUDGE_CHECK_SCHEMA,
  HARD_CASE_KINDS,
  type HardCaseKind,
  type JudgeCheckCase,
  type JudgeCheckSet,
  type Estimate,
  type AgreementMetrics,
  type CaseVerdict,
  type JudgeCheckReport,
} from './types.js';
export { loadJudgeCheckSet, isJudgeCheckHeader, DEFAULT_JUDGE_CHECK_SET } from './load-cases.js';
export { agreementMetrics, agreementByGroup, type LabelledScore, type AgreementBootstrap } from './agreement-metrics.js';
export { runJudgeCheck, type RunJudgeCheckOptions, type JudgeCheckProgress } from './run-judge-check.js';
export { readLabelFile, type HumanLabel, type LabelFile } from './read-labels.js';
export { calibrateRun, type CalibrationReport } from './calibrate.js';
export { summarizeJudgeCheck, type JudgeCheckSummary } from './summary.js';
export { writeCalibration, readCalibration, CALIBRATION_FILE } from './write-calibration.js';
