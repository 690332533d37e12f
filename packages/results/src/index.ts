/**
 * `@sc-safety/results`: the SC-Safety results model, safe to run in a browser (no Node built-ins;
 * `browser-safe.test.ts` checks). Core writes results with it, the CLI prints them, and the web
 * report reads and draws them with the same types, arithmetic and formatting.
 *
 * @packageDocumentation
 */

/** The taxonomy: 3 categories, their 22 sub-dimensions, the follow-up strategies and item expectations. */
export {
  CATEGORY_IDS,
  type CategoryId,
  type Category,
  type Dimension,
  type DimensionStatus,
} from './taxonomy/types.js';
export { CATEGORIES, DIMENSIONS } from './taxonomy/data.js';
export { Taxonomy, defaultTaxonomy, editDistance, type DimensionExtension } from './taxonomy/taxonomy.js';
export {
  STRATEGIES,
  STRATEGY_IDS,
  strategyById,
  EXPECT_VALUES,
  type Strategy,
  type StrategyId,
  type ItemExpectation,
} from './taxonomy/strategies.js';
export { STRATEGY_INSTRUCTIONS_ZH } from './taxonomy/strategy-instructions.js';

/** Distinct string ids numbered in the order they come, kept in typed arrays (the scorer's and the item spool's index). */
export { IdIndex } from './collections/id-index.js';

/**
 * The results.json file (docs/results-schema.md): its types, schema version and the
 * dependency-free validator of a parsed file.
 */
export {
  RESULTS_SCHEMA_VERSION,
  READABLE_RESULTS_SCHEMA_VERSIONS,
  RESULTS_FORMAT,
  type ResultsFile,
  type ResultsDocument,
  type RunManifest,
  type ResultsAdapter,
  type ManifestModel,
  type ManifestJudge,
  type ManifestJudgeMethod,
  type ManifestStop,
  type ManifestServedModel,
  type ManifestServedVersion,
  type ManifestWarning,
  type UsageTotals,
  type ModelTimings,
  type ResultsModel,
  type ResultsAnswer,
  type AnswerIdentity,
  type ResultsJudgment,
  type ResultsBlock,
  type ResultsError,
  type AnswerSequence,
  type ManifestFollowups,
  type ResultsFollowup,
} from './results/results-types.js';
/** What became of one attacker call in an adaptive or frozen follow-up generation. */
export { ATTACKER_OUTCOMES, type AttackerOutcome } from './results/attacker-outcome.js';
export { validateResultsFile, type ValidateResultsOptions } from './results/validate-results.js';
export type { DatasetHeaderInfo, DatasetSourceInfo, DatasetDerivation } from './results/dataset-header.js';
export type { JudgeCheckSummary } from './results/judge-check-summary.js';
export type {
  BlockPolicy,
  Round2AfterBlockPolicy,
  EmptyAnswerPolicy,
  RunPolicies,
  EnginePolicies,
} from './results/policies.js';

/** What the scorer reads for one answer, and the rubric it scores on. */
export {
  ANSWER_OUTCOMES,
  BLOCK_STAGES,
  conversationKey,
  isVendorBlock,
  type AnswerOutcome,
  type BlockInfo,
  type ScoreRecord,
} from './scoring/outcome.js';
export { DEFAULT_RUBRIC, validateRubric, pointsOf, maxPointsOf, type RubricScale } from './scoring/rubric.js';
export { ScoringInputError, validateScoreRecords } from './scoring/validate-records.js';

/**
 * Leaderboard arithmetic: pooled scores per model and scope, bootstrap intervals, paired
 * comparisons, ranks and the whole `leaderboard` section of results.json.
 */
export {
  scoreModels,
  scoreModel,
  type ModelScores,
  type RoundSplitScores,
  type DimensionScores,
  type ScoringOptions,
} from './scoring/model-scores.js';
export type { ScopeScore, ScopeCounts, ScoreBounds, BlockCounts } from './scoring/tally.js';
export {
  bootstrapScores,
  SPLIT_METRICS,
  DEFAULT_BOOTSTRAP_ITERATIONS,
  DEFAULT_BOOTSTRAP_SEED,
  DEFAULT_CONFIDENCE_LEVEL,
  type SplitMetric,
  type RateMetric,
  type ScopeMetric,
  type SplitIntervals,
  type ScopeIntervals,
  type ModelIntervals,
  type BootstrapOptions,
  type BootstrapResult,
} from './scoring/bootstrap.js';
export {
  comparePairs,
  findComparison,
  type PairComparison,
  type PairwiseComparisons,
} from './scoring/paired-comparison.js';
export { distinguishableGroups } from './scoring/distinguishable-groups.js';
export { pairStats, type PairStats, type ModelPairStats } from './scoring/pair-stats.js';
export { competitionRanks, rankIntervals, type RankPlace, type RankInterval } from './scoring/ranking.js';
export {
  buildLeaderboards,
  OPEN_TAG,
  UNRANKED_TAG,
  type Leaderboard,
  type Leaderboards,
  type LeaderboardRow,
  type LeaderboardOptions,
  type ModelInfo,
  type RowStatus,
} from './scoring/leaderboard.js';
export {
  buildLeaderboardSection,
  LeaderboardAccumulator,
  type LeaderboardAccumulatorOptions,
  type LeaderboardSection,
  type LeaderboardSectionOptions,
  type LeaderboardModelEntry,
  type SplitValues,
  type SplitCounts,
} from './scoring/leaderboard-section.js';
export { epochSpread, type EpochSpread } from './scoring/epoch-spread.js';
export {
  buildOverRefusal,
  withOverRefusal,
  type OverRefusalSection,
  type OverRefusalEntry,
  type OverRefusalCounts,
} from './scoring/over-refusal.js';

/** The adaptive board: per-turn scores, Δ and flips of attacker-driven conversations, kept apart from the frozen boards. */
export {
  buildAdaptiveLeaderboard,
  type AdaptiveLeaderboard,
  type AdaptiveModelEntry,
  type AdaptiveRecord,
  type AdaptiveRoundScore,
} from './scoring/adaptive-board.js';

/** Statistics helpers the scorer is built on, for other bootstrapped estimates (judge agreement). */
export { createPrng, type Prng } from './scoring/prng.js';
export { quantileSorted, percentileInterval, type Interval } from './scoring/quantile.js';

/**
 * Display formatting shared by the terminal summary and the web report: scores in hundredths
 * (rounded half up, the key ties are compared on), shares, counts, intervals and durations.
 */
export { scoreCents, formatScore } from './scoring/format.js';
export { formatPercent, formatCount, formatInterval, formatDuration } from './scoring/display-format.js';
