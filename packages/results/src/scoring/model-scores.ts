import type { Taxonomy } from '../taxonomy/taxonomy.js';
import { CATEGORY_IDS } from '../taxonomy/types.js';
import type { CategoryId } from '../taxonomy/types.js';
import { conversationKey } from './outcome.js';
import type { ScoreRecord } from './outcome.js';
import { DEFAULT_RUBRIC, maxPointsOf, pointsOf, validateRubric } from './rubric.js';
import type { RubricScale } from './rubric.js';
import { ScopeTally } from './tally.js';
import type { ScopeScore } from './tally.js';
import { ScoringInputError, validateScoreRecords } from './validate-records.js';

/**
 * A scope split by round. `round1` and `round2` are pooled over every scored answer of their round
 * (docs/benchmark.md §4). `delta` is the **matched-pair** change: R2 − R1 computed over the `matchedPairs` items
 * whose two rounds are both scored, `100 · Σ (s2 − s1) / (matchedPairs · (max − min))`, null when
 * there is none. On complete data it equals `round2.score − round1.score`; with gaps it does not
 * mix different item sets (a round-2 failure on a hard item would otherwise move Δ by itself).
 */
export interface RoundSplitScores {
  /** Both rounds pooled. */
  total: ScopeScore;
  round1: ScopeScore;
  round2: ScopeScore;
  delta: number | null;
  /** Items with both rounds scored: Δ's (and the flip rate's) denominator. */
  matchedPairs: number;
}

/** A sub-dimension's scores, with the category it belongs to. */
export interface DimensionScores extends RoundSplitScores {
  category: CategoryId;
}

/**
 * One model's scores under docs/benchmark.md §4. Every score is pooled over the answers of its scope:
 * `100 · Σ points / Σ max points` over scored answers — the total is pooled over all items,
 * never a mean of category or round scores.
 */
export interface ModelScores extends RoundSplitScores {
  model: string;
  /** All three categories, always present (null scores when a category has no scored answer). */
  categories: Record<CategoryId, RoundSplitScores>;
  /** The sub-dimensions that appear in the records, in first-appearance order. */
  dimensions: Record<string, DimensionScores>;
}

/** Options shared by the scoring functions. */
export interface ScoringOptions {
  /** The rubric's scale; default 0..2. */
  rubric?: RubricScale;
  /** When given, dimension ids are checked against it. */
  taxonomy?: Taxonomy;
}

/** Round-1 and round-2 points of each item's scored answers, for the matched-pair Δ. */
type ItemPoints = [number | undefined, number | undefined];

class SplitTally {
  readonly total: ScopeTally;
  readonly rounds: [ScopeTally, ScopeTally];
  private readonly items = new Map<string, ItemPoints>();

  constructor(private readonly rubric: RubricScale) {
    this.total = new ScopeTally(rubric);
    this.rounds = [new ScopeTally(rubric), new ScopeTally(rubric)];
  }

  add(record: ScoreRecord): void {
    this.total.add(record);
    this.rounds[record.round - 1]!.add(record);
    if (record.outcome !== 'scored') return;
    // Rounds are matched within one conversation (an item's epoch), never across epochs.
    const key = conversationKey(record);
    let points = this.items.get(key);
    if (points === undefined) this.items.set(key, (points = [undefined, undefined]));
    points[record.round - 1] = pointsOf(record.score as number, this.rubric);
  }

  result(): RoundSplitScores {
    let matched = 0;
    let change = 0;
    for (const [p1, p2] of this.items.values()) {
      if (p1 === undefined || p2 === undefined) continue;
      matched++;
      change += p2 - p1;
    }
    const delta = matched > 0 ? (100 * change) / (matched * maxPointsOf(this.rubric)) : null;
    const [round1, round2] = [this.rounds[0].result(), this.rounds[1].result()];
    return { total: this.total.result(), round1, round2, delta, matchedPairs: matched };
  }
}

function scoreValidated(model: string, records: readonly ScoreRecord[], rubric: RubricScale): ModelScores {
  const overall = new SplitTally(rubric);
  const categories = new Map<CategoryId, SplitTally>(CATEGORY_IDS.map((c) => [c, new SplitTally(rubric)]));
  const dimensions = new Map<string, { category: CategoryId; tally: SplitTally }>();
  for (const r of records) {
    overall.add(r);
    categories.get(r.category)!.add(r);
    let dim = dimensions.get(r.dimension);
    if (dim === undefined) {
      dim = { category: r.category, tally: new SplitTally(rubric) };
      dimensions.set(r.dimension, dim);
    }
    dim.tally.add(r);
  }
  return {
    model,
    ...overall.result(),
    categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, categories.get(c)!.result()])) as Record<
      CategoryId,
      RoundSplitScores
    >,
    dimensions: Object.fromEntries(
      [...dimensions].map(([id, d]) => [id, { category: d.category, ...d.tally.result() }]),
    ),
  };
}

/** Groups records by model, keeping first-appearance order. */
export function groupByModel(records: readonly ScoreRecord[]): Map<string, ScoreRecord[]> {
  const byModel = new Map<string, ScoreRecord[]>();
  for (const r of records) {
    let list = byModel.get(r.model);
    if (list === undefined) {
      list = [];
      byModel.set(r.model, list);
    }
    list.push(r);
  }
  return byModel;
}

/**
 * Scores every model in the records (validated first), in first-appearance order.
 *
 * @throws {ScoringInputError} naming the first bad record.
 */
export function scoreModels(records: readonly ScoreRecord[], options: ScoringOptions = {}): ModelScores[] {
  const rubric = options.rubric ?? DEFAULT_RUBRIC;
  validateRubric(rubric);
  validateScoreRecords(records, rubric, options.taxonomy);
  return [...groupByModel(records)].map(([model, list]) => scoreValidated(model, list, rubric));
}

/**
 * Scores one model. The records must all belong to the same model; an empty list is an error
 * because there is no model to name.
 */
export function scoreModel(records: readonly ScoreRecord[], options: ScoringOptions = {}): ModelScores {
  const all = scoreModels(records, options);
  if (all.length !== 1) {
    throw new ScoringInputError(
      all.length === 0
        ? 'scoreModel needs at least one record'
        : `scoreModel got records for ${all.length} models; use scoreModels`,
    );
  }
  return all[0]!;
}
