/**
 * `@sc-safety/core`: the SC-Safety benchmark engine. This is its supported API, listed by name;
 * everything else is internal and may change in any release.
 *
 * - The results model (results.json types, leaderboard arithmetic, formatting, the taxonomy) is
 *   its own browser-safe package, `@sc-safety/results`.
 * - `@sc-safety/core/run` is the runner alone (`runBenchmark` and the errors it throws), for a
 *   fast start: it loads scoring, exports and judge checks only when a run needs them.
 * - `@sc-safety/core/internal` holds what the CLI and the bench need beyond this API (engine
 *   plumbing, config field lists); it carries no compatibility promise.
 * - `@sc-safety/core/terminal-text` is the terminal sanitiser alone.
 *
 * @packageDocumentation
 */

/**
 * Running the benchmark: a whole run from a config file (`sc-safety run`), the plan it prints,
 * re-scoring or merging stored runs, scoring a judgments file, and the checks a run makes first
 * (preflight probes, judge check) with the errors that stop it.
 */
export { runBenchmark, toolVersion, type RunBenchmarkOptions, type RunBenchmarkResult } from './run/run-benchmark.js';
export { estimatePlan, PlanTally, type PlanEstimate } from './run/estimate-plan.js';
export { scoreRun, mergeRuns, RunDirectoryError } from './run/replay-run.js';
export { scoreJudgmentsFile, JudgmentsFileError } from './run/score-judgments.js';
export {
  runPreflight,
  renderPreflightProblems,
  PreflightFailedError,
  type PreflightReport,
  type PreflightProbe,
  type PreflightSubject,
  type PreflightRole,
  type PreflightOptions,
} from './run/preflight.js';
export { checkJudgeConfig, JudgeCheckFailedError, type CheckJudgeOptions } from './run/check-judge.js';

/** Run configs (docs/run-config.md): loading, validation with located problems, and their types. */
export {
  RUN_CONFIG_DEFAULTS,
  type RunConfig,
  type ModelEntry,
  type PanelAggregate,
  type JudgeCheckRequirement,
  type BlockPolicy,
  type Round2AfterBlockPolicy,
  type EmptyAnswerPolicy,
  type RunPolicies,
} from './config/types.js';
export { RunConfigError, formatRunConfigProblem, type RunConfigProblem } from './config/run-config-error.js';
export {
  loadRunConfig,
  parseRunConfig,
  type LoadedRunConfig,
  type LoadRunConfigOptions,
  type ParseRunConfigOptions,
} from './config/load-run-config.js';
export { redactSecrets, REDACTED } from './config/secret-fields.js';

/** Datasets (docs/dataset-format.md): built-in sets, loading and validation, statistics and imports. */
export {
  DATASET_SCHEMA,
  type DatasetItem,
  type DatasetIssue,
  type IssueSeverity,
  type ItemLocation,
} from './dataset/types.js';
export { DatasetError } from './dataset/errors.js';
export { formatIssue, formatLocation } from './dataset/issues.js';
export { fingerprintItems } from './dataset/fingerprint.js';
export {
  BUILTIN_PREFIX,
  isBuiltinRef,
  resolveDatasetPath,
  listBuiltinDatasets,
  type BuiltinDataset,
  type ResolveOptions,
} from './dataset/resolve.js';
export {
  loadDataset,
  validateDataset,
  type LoadedDataset,
  type DatasetSummary,
  type ValidationResult,
} from './dataset/load.js';
export { datasetStats, type DatasetStats, type DatasetStatsOptions } from './dataset/stats.js';
export { importDataset, type ImportOptions, type ImportResult } from './dataset/import/import-dataset.js';
export { ImportOptionError } from './dataset/import/column-map.js';
export { IMPORT_FORMATS, KNOWN_SOURCES } from './dataset/import/source-formats.js';

/**
 * The judge: the rubric prompt, the strict verdict parser, one judgment with repair, panels, and
 * agreement statistics between judges.
 */
export type { JudgeInput, JudgeOutcome, VerdictFormat } from './judge/types.js';
export { JUDGE_PROMPT_VERSION } from './judge/prompt-template.js';
export { buildJudgePrompt, type BuildJudgePromptOptions } from './judge/build-prompt.js';
export { parseVerdict, VERDICT_PARSER_VERSION, type VerdictParse } from './judge/parse-verdict.js';
export { judgePromptHash, judgeMultiTurnPromptHash } from './judge/prompt-hash.js';
export { JUDGE_MULTI_TURN_TEMPLATE } from './judge/multi-turn-template.js';
export { judgeAnswer } from './judge/judge-answer.js';
export { renderVerdict } from './judge/render-verdict.js';
export { extractJudgeTask, type JudgeTask } from './judge/extract-task.js';
export { aggregatePanel, type PanelMethod, type PanelVerdict, type PanelResult } from './judge/panel.js';
export {
  judgeAgreement,
  type JudgeRating,
  type JudgePairAgreement,
  type AgreementReport,
} from './judge/judge-agreement.js';

/** Judge checks (docs/judge-check.md): a judge against human labels, and a run's calibration. */
export {
  type JudgeCheckSet,
  type JudgeCheckCase,
  type JudgeCheckReport,
  type AgreementMetrics,
  type Estimate,
  type CaseVerdict,
} from './judge-check/types.js';
export { loadJudgeCheckSet, isJudgeCheckHeader, DEFAULT_JUDGE_CHECK_SET } from './judge-check/load-cases.js';
export { runJudgeCheck, type RunJudgeCheckOptions, type JudgeCheckProgress } from './judge-check/run-judge-check.js';
export { readLabelFile, type HumanLabel, type LabelFile } from './judge-check/read-labels.js';
export { calibrateRun, type CalibrationReport } from './judge-check/calibrate.js';
export { writeCalibration, readCalibration, CALIBRATION_FILE } from './judge-check/write-calibration.js';

/** Frozen follow-ups (docs/generated-followups.md): an attacker model writes round 2 once, into a dataset. */
export { ATTACKER_PROMPT_VERSION } from './followups/attacker-prompt-template.js';
export { attackerPromptHash } from './followups/attacker-prompt-hash.js';
export { extractAttackerTask, type AttackerTask } from './followups/extract-attacker-task.js';
/** Adaptive follow-ups (docs/generated-followups.md): an attacker writes each next turn from the target's answers during a run. */
export { ADAPTIVE_ATTACKER_PROMPT_VERSION } from './followups/adaptive-prompt-template.js';
export { adaptiveAttackerPromptHash } from './followups/attacker-prompt-hash.js';
export { extractAdaptiveAttackerTask, type AdaptiveAttackerTask } from './followups/extract-adaptive-attacker-task.js';
export {
  adaptiveTurnSource,
  strategyOfTurn,
  type AdaptiveTurnSourceOptions,
  type PreparedAttacker,
} from './followups/adaptive-turn-source.js';
export { frozenTurnSource, type TurnSource } from './engine/turn-source.js';
export { followupKey, type FollowupKeyParts } from './store/followup-key.js';
export type { StoredFollowup } from './store/followups-table.js';
export { loadFollowupsConfig, type FollowupsConfig, type LoadedFollowupsConfig } from './followups/followups-config.js';
export {
  generateFollowups,
  type GenerateFollowupsOptions,
  type GenerateFollowupsResult,
  type FollowupsPlan,
  type FollowupsEvent,
} from './followups/generate-followups.js';

/**
 * A run directory's files (docs/results-schema.md): writing them, reading a results.json as a
 * stream and checking it, and the terminal summary. The results types are `@sc-safety/results`'.
 */
export {
  writeRunExports,
  RUN_EXPORT_FILES,
  type WriteRunExportsOptions,
  type RunExportPaths,
} from './export/write-run-exports.js';
export {
  readResultsAnswers,
  readResultsHeader,
  ResultsReadError,
  type ReadResultsOptions,
  type ResultsHeader,
} from './export/results-reader.js';
export { fromUtf8Bytes, toUtf8Bytes } from './export/utf8-byte-strings.js';
export { checkResultsFile, type CheckedResultsFile } from './export/check-results-file.js';
export { answersFromFile } from './run/answers-from-file.js';
export { renderSummary, type SummaryOptions } from './export/render-summary.js';

/** The run store (docs/run-store.md): every answer and judgment, content-addressed, for resume. */
export { RunStore } from './store/run-store.js';
export type { StoredAnswer, StoredJudgment, StoredFailure, RunStoreOptions, RunStoreCounts } from './store/types.js';
export { RunStoreCorruptError, RunStoreError, RunStoreSchemaError, RunStoreSecretError } from './store/errors.js';
export { checkRunStore, moveStoreAside, type StoreCheckReport } from './store/store-maintenance.js';
export { storeRecovery } from './store/store-file-check.js';
export { collectShardDirs, SHARD_ENV } from './store/shard-auto.js';
export { ShardSpecError } from './store/shard.js';

/** The engine, for embedding: prepared models and items in, events and answer rows out. */
export {
  runEngine,
  type RunEngineOptions,
  type RunEngineResult,
  type EngineEvent,
  type LaneReport,
} from './engine/runner.js';
export type {
  PreparedTarget,
  PreparedJudge,
  EngineItem,
  AnswerRow,
  AnswerError,
  JudgeVerdict,
} from './engine/types.js';
export { DEFAULT_POLICIES, BLOCKED_PLACEHOLDER, EMPTY_PLACEHOLDER, type EnginePolicies } from './engine/policies.js';
export { MemoryStore, type EngineStore } from './engine/engine-store.js';
export type { JudgeProtocol, PanelAggregator } from './engine/judge-protocol.js';

/** Adapters: how a model entry's `adapter:` reference becomes a loaded adapter. */
export {
  resolveAdapter,
  BUILTIN_ADAPTERS,
  type ResolvedAdapter,
  type ResolveAdapterOptions,
  type AdapterSource,
} from './adapters/resolve-adapter.js';
export { AdapterResolutionError, AdapterConfigError } from './adapters/adapter-errors.js';
