import { CATEGORY_IDS } from '../taxonomy/types.js';
import type { CategoryId } from '../taxonomy/types.js';
import { bootstrapPairTableSteps, drain } from './bootstrap.js';
import type { BootstrapOptions, BootstrapResult, ModelIntervals } from './bootstrap.js';
import { buildLeaderboards, checkModelList } from './leaderboard.js';
import type { LeaderboardOptions, Leaderboards, ModelInfo } from './leaderboard.js';
import type { ModelScores, RoundSplitScores, ScoringOptions } from './model-scores.js';
import type { ScoreRecord } from './outcome.js';
import type { ModelPairStats } from './pair-stats.js';
import { DEFAULT_RUBRIC, validateRubric } from './rubric.js';
import type { RubricScale } from './rubric.js';
import { ScopeTally } from './tally.js';
import type { ScopeCounts, ScopeScore, ScoreBounds } from './tally.js';
import { comparePairs } from './paired-comparison.js';
import type { EpochSpread } from './epoch-spread.js';
import { ScoreView } from './score-view.js';
import type { OverRefusalSection } from './over-refusal.js';
import type { PairwiseComparisons } from './paired-comparison.js';

/** A scope's four headline numbers (full precision; null when not computable) and Δ's pair count. */
export interface SplitValues {
  total: number | null;
  round1: number | null;
  round2: number | null;
  /** Matched-pair Δ (R2 − R1 over `matchedPairs`). */
  delta: number | null;
  /** Pairs with both rounds scored. */
  matchedPairs: number;
}

/** The counts behind a scope's three scores. */
export interface SplitCounts {
  total: ScopeCounts;
  round1: ScopeCounts;
  round2: ScopeCounts;
}

/** One model in the results file's `leaderboard` section. */
export interface LeaderboardModelEntry extends SplitValues {
  tags: string[];
  categories: Record<CategoryId, SplitValues>;
  dimensions: Record<string, SplitValues & { category: CategoryId }>;
  /** Scored / all answers over every item and round (null when the model has no answer). */
  coverage: number | null;
  /** Worst / best case of `total` over the asked-but-unscored answers (null when the model has no answer). */
  bounds: ScoreBounds | null;
  counts: SplitCounts & {
    categories: Record<CategoryId, SplitCounts>;
    dimensions: Record<string, SplitCounts>;
  };
  /** Bootstrap intervals; null when the bootstrap was turned off. */
  ci: ModelIntervals | null;
  /** Flip / recovery statistics over pairs. */
  pairs: ModelPairStats;
}

/** The `leaderboard` section of results.json. */
export interface LeaderboardSection {
  rubric: RubricScale;
  /** How the intervals were computed; null when the bootstrap was turned off. */
  bootstrap: {
    iterations: number;
    seed: number;
    level: number;
    unit: 'pair';
    method: 'percentile';
    strata: 'dimension';
  } | null;
  /** Paired score differences of every two listed models (intervals null without a bootstrap). */
  comparisons: PairwiseComparisons;
  /** Every listed model, keyed by id, in the order of the models list. */
  models: Record<string, LeaderboardModelEntry>;
  boards: Leaderboards;
  /**
   * Items scored, split into pairs (two rounds) and single-turn items (round 1 only). Pair
   * statistics and the multi-round board count pairs only. Always written; optional because
   * results files written before it was added lack it.
   */
  items?: { pairs: number; singleTurn: number };
  /**
   * Over-refusal on the contrast set (`expect: comply` items, judged with the contrast rubric), per
   * model; never pooled into any score above. Absent when the run asked no contrast item.
   */
  overRefusal?: OverRefusalSection;
  /**
   * Repeated sampling: per model asked more than one epoch, how far its verdicts moved between
   * epochs. Absent when every model ran one epoch.
   */
  epochs?: { models: Record<string, EpochSpread> };
}

/** Options of {@link buildLeaderboardSection}: rubric, taxonomy, board and bootstrap settings. */
export interface LeaderboardSectionOptions extends ScoringOptions, LeaderboardOptions {
  /** Bootstrap settings, or `false` to skip intervals. Default: 1000 resamples, fixed seed. */
  bootstrap?: BootstrapOptions | false;
  /**
   * Ids of single-turn items (round 1 only). They count in round 1, their category and
   * sub-dimension and overall, but never in pair statistics or the multi-round board (多轮交互榜),
   * which are computed over the other items.
   */
  singleTurnItems?: ReadonlySet<string>;
}

const countsOf = ({ score: _score, ...counts }: ScopeScore): ScopeCounts => counts;
const splitCounts = (s: RoundSplitScores): SplitCounts => ({
  total: countsOf(s.total),
  round1: countsOf(s.round1),
  round2: countsOf(s.round2),
});
const splitValues = (s: RoundSplitScores): SplitValues => ({
  total: s.total.score,
  round1: s.round1.score,
  round2: s.round2.score,
  delta: s.delta,
  matchedPairs: s.matchedPairs,
});

/** A listed model with no records still gets a full-shaped entry: zero counts, null scores. */
function emptyScores(model: string, rubric: RubricScale): ModelScores {
  const split = (): RoundSplitScores => {
    const empty = (): ScopeScore => new ScopeTally(rubric).result();
    return { total: empty(), round1: empty(), round2: empty(), delta: null, matchedPairs: 0 };
  };
  return {
    model,
    ...split(),
    categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, split()])) as Record<CategoryId, RoundSplitScores>,
    dimensions: {},
  };
}

/**
 * Everything the run engine writes under `leaderboard` in results.json, in one call: per-model
 * scores (docs/benchmark.md §4 pooled formulas), counts and coverage for every scope, bootstrap intervals,
 * pair statistics, and the authors' boards with ranks, ties and rank intervals.
 *
 * Every model in the records must be in `models`; models listed without records appear with null
 * scores. Records are validated first.
 *
 * @throws {ScoringInputError} naming the first bad record or model.
 */
export function buildLeaderboardSection(
  records: readonly ScoreRecord[],
  models: readonly ModelInfo[],
  options: LeaderboardSectionOptions = {},
): LeaderboardSection {
  const section = new LeaderboardAccumulator(models, options);
  for (const record of records) section.add(record);
  return section.finish();
}

/** Options of {@link LeaderboardAccumulator}: {@link LeaderboardSectionOptions}, single-turn items possibly as a test. */
export interface LeaderboardAccumulatorOptions extends LeaderboardSectionOptions {
  /**
   * Whether an item is single-turn, asked once per item when its first record comes (instead of
   * `singleTurnItems`, for a caller that learns it item by item).
   */
  isSingleTurn?: (itemId: string) => boolean;
}

/**
 * {@link buildLeaderboardSection} a record at a time: the records are validated as they come and
 * kept only as counts and compact per-item numbers ({@link ScoreView}), never as a list, so a run
 * of a million answers is scored in a few megabytes; {@link finishSteps} yields between bootstrap
 * resamples so a caller with an event loop keeps it live. Same input, same section.
 */
export class LeaderboardAccumulator {
  readonly #models: readonly ModelInfo[];
  readonly #options: LeaderboardSectionOptions;
  readonly #rubric: RubricScale;
  readonly #isSingle: ((itemId: string) => boolean) | undefined;
  /** Every record. */
  readonly #all: ScoreView;
  /** The records of pairs only, once a single-turn item has come (until then, the same as `#all`). */
  #pairs: ScoreView | undefined;
  #singleItems = 0;
  #records = 0;

  /** @throws {RangeError} for a rubric that is not two integers with min < max. */
  constructor(models: readonly ModelInfo[], options: LeaderboardAccumulatorOptions = {}) {
    const { isSingleTurn, ...rest } = options;
    this.#models = models;
    this.#options = rest;
    this.#rubric = options.rubric ?? DEFAULT_RUBRIC;
    validateRubric(this.#rubric);
    const singles = options.singleTurnItems;
    this.#isSingle = singles !== undefined && singles.size > 0 ? (id) => singles.has(id) : isSingleTurn;
    this.#all = new ScoreView(this.#rubric);
  }

  /**
   * Adds a record.
   *
   * @throws {ScoringInputError} naming the record (by its position among those added) and what to fix.
   */
  add(record: ScoreRecord): void {
    const single = this.#isSingle?.(record.itemId) === true;
    // The pair-only view is the whole view until the first single-turn record: copied then, not kept twice before.
    if (single && this.#pairs === undefined) this.#pairs = this.#all.clone();
    const isNew = this.#all.add(record, this.#records++, { taxonomy: this.#options.taxonomy });
    if (single && isNew) this.#singleItems++;
    if (!single) this.#pairs?.add(record, 0);
  }

  /** How far each multi-epoch model's verdicts moved between epochs, over every record added. */
  epochSpread(): Record<string, EpochSpread> {
    return this.#all.epochSpread();
  }

  /** The section of every record added. */
  finish(): LeaderboardSection {
    return drain(this.finishSteps());
  }

  /**
   * {@link finish} in steps: yields after each bootstrap resample, returns the section.
   *
   * @throws {ScoringInputError} when a record names a model not in the model list.
   */
  *finishSteps(): Generator<void, LeaderboardSection> {
    const models = this.#models;
    const options = this.#options;
    const rubric = this.#rubric;
    const ids = models.map((m) => m.id);
    const scored = this.#all.scores();
    checkModelList(
      scored.map((s) => s.model),
      models,
    );
    const table = this.#all.table(ids);
    let bootstrap: BootstrapResult | undefined;
    if (options.bootstrap !== false) bootstrap = yield* bootstrapPairTableSteps(table, options.bootstrap ?? {});
    const comparisons = bootstrap?.comparisons ?? comparePairs(table);
    // Single-turn items have no round 2: the multi-round board and the pair statistics leave them out.
    const hasSingles = (options.singleTurnItems?.size ?? 0) > 0 || this.#singleItems > 0;
    const pairs = this.#pairs ?? this.#all;
    let multiRound: LeaderboardOptions['multiRound'];
    if (hasSingles) {
      const pairScores = pairs.scores();
      const pairBootstrap =
        options.bootstrap === false
          ? undefined
          : yield* bootstrapPairTableSteps(pairs.table(ids), options.bootstrap ?? {});
      multiRound = { scores: pairScores, ...(pairBootstrap !== undefined ? { bootstrap: pairBootstrap } : {}) };
    }
    const boards = buildLeaderboards(scored, models, bootstrap, {
      ...options,
      ...(multiRound !== undefined ? { multiRound } : {}),
    });
    const byModel = new Map(scored.map((s) => [s.model, s]));
    const entries = models.map((info): [string, LeaderboardModelEntry] => {
      const s = byModel.get(info.id) ?? emptyScores(info.id, rubric);
      return [
        info.id,
        {
          tags: [...(info.tags ?? [])],
          ...splitValues(s),
          categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, splitValues(s.categories[c])])) as Record<
            CategoryId,
            SplitValues
          >,
          dimensions: Object.fromEntries(
            Object.entries(s.dimensions).map(([id, d]) => [id, { category: d.category, ...splitValues(d) }]),
          ),
          coverage: s.total.coverage,
          bounds: s.total.bounds,
          counts: {
            ...splitCounts(s),
            categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, splitCounts(s.categories[c])])) as Record<
              CategoryId,
              SplitCounts
            >,
            dimensions: Object.fromEntries(Object.entries(s.dimensions).map(([id, d]) => [id, splitCounts(d)])),
          },
          ci: bootstrap?.models.get(info.id)?.intervals ?? null,
          pairs: pairs.pairStats(info.id),
        },
      ];
    });
    const items = this.#all.itemCount;
    return {
      rubric: { min: rubric.min, max: rubric.max },
      bootstrap:
        bootstrap === undefined
          ? null
          : {
              iterations: bootstrap.iterations,
              seed: bootstrap.seed,
              level: bootstrap.level,
              unit: 'pair',
              method: 'percentile',
              strata: bootstrap.strata,
            },
      comparisons,
      models: Object.fromEntries(entries),
      boards,
      items: { pairs: items - this.#singleItems, singleTurn: this.#singleItems },
    };
  }
}
