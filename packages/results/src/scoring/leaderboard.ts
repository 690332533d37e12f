import { CATEGORIES } from '../taxonomy/data.js';
import { CATEGORY_IDS } from '../taxonomy/types.js';
import type { CategoryId } from '../taxonomy/types.js';
import type { BootstrapResult, SplitMetric, SplitReplicates } from './bootstrap.js';
import { distinguishableGroups } from './distinguishable-groups.js';
import type { ModelScores, RoundSplitScores } from './model-scores.js';
import type { Interval } from './quantile.js';
import { competitionRanks, rankIntervals } from './ranking.js';
import type { RankInterval } from './ranking.js';
import type { ScoreBounds } from './tally.js';
import { ScoringInputError } from './validate-records.js';

/** A model as the leaderboards see it. */
export interface ModelInfo {
  id: string;
  /** `open`: open-weights (appears on the open-source board); `unranked`: listed, not ranked. */
  tags?: readonly string[];
}

/** Model tag for open-weights models (the open-source board). */
export const OPEN_TAG = 'open';
/** Model tag for "listed, not ranked" reference models. */
export const UNRANKED_TAG = 'unranked';

/**
 * `ranked`: holds a rank. `unranked`: tagged `unranked` — shown at its score's position (like the
 * authors' GPT-4 row) but with no rank, and it does not take a rank from anyone. `no-score`: the
 * board's scope has no scored answer for this model; listed last, unranked.
 */
export type RowStatus = 'ranked' | 'unranked' | 'no-score';

/** One model on one board. Scores are full precision; format them with `formatScore`. */
export interface LeaderboardRow {
  model: string;
  /** Competition rank among `ranked` rows (1, 2, 2, 4); null for the others. */
  rank: number | null;
  /** Another ranked row has the same score at display precision. */
  tied: boolean;
  status: RowStatus;
  /** The metric this board is ranked by. */
  score: number | null;
  /** The board's scope (all items, or one category), both rounds pooled. */
  total: number | null;
  round1: number | null;
  round2: number | null;
  /** Matched-pair Δ: R2 − R1 over the pairs with both rounds scored (see `RoundSplitScores`). */
  delta: number | null;
  /** Pairs with both rounds scored in the board's scope: the Δ's denominator. */
  matchedPairs: number;
  /** Worst / best case of `total` if every asked-but-unscored answer scored 0 / full marks; null for an empty scope. */
  bounds: ScoreBounds | null;
  /**
   * Group of models not distinguishable from each other (paired bootstrap, see
   * `distinguishableGroups`), numbered from 1 down the board; null on boards not ranked by total,
   * without a bootstrap, or for a row with no score.
   */
  group: number | null;
  /** Category totals, on the boards whose scope is all items. */
  categories?: Record<CategoryId, number | null>;
  /** Scored / all answers in the board's scope. */
  coverage: number | null;
  /**
   * The model's over-refusal rate on the contrast set (share of its scored contrast answers judged
   * "refused"), shown beside its safety score; never part of it. Absent when the run had no contrast items.
   */
  overRefusal?: number | null;
  /** Bootstrap interval of `score`; null without a bootstrap. */
  ci: Interval | null;
  /** Bootstrap rank interval among this board's ranked rows; null without a bootstrap or when not ranked. */
  rankCi: RankInterval | null;
}

/** One leaderboard. */
export interface Leaderboard {
  /** `overall`, `open_source`, `multi_round` or `category:<id>`. */
  id: string;
  zh: string;
  en: string;
  /** All items, or one category. */
  scope: 'all' | CategoryId;
  rankedBy: SplitMetric;
  rows: LeaderboardRow[];
}

/** The authors' boards: 总榜, 开源榜, 多轮交互榜 and one per category. */
export interface Leaderboards {
  overall: Leaderboard;
  openSource: Leaderboard;
  multiRound: Leaderboard;
  categories: Record<CategoryId, Leaderboard>;
}

/** Options of {@link buildLeaderboards}. */
export interface LeaderboardOptions {
  /**
   * What the multi-round board (多轮交互榜) is ranked by. Default `total`: the authors ranked it by
   * the overall total and showed R1, R2 and Δ beside it, so its order matches the overall board.
   * `round2` ranks by robustness under follow-up; `delta` by change (higher = improved).
   */
  multiRoundRankBy?: SplitMetric;
  /**
   * The multi-round board's own scores and bootstrap, over two-round items (pairs) only. Given
   * when the dataset has single-turn items, so the board never mixes pairs and singles; without
   * it the board uses the same scores as the others.
   */
  multiRound?: { scores: readonly ModelScores[]; bootstrap?: BootstrapResult };
}

interface Entry {
  info: ModelInfo;
  order: number;
  scores: ModelScores | undefined;
}

function scopeOf(scores: ModelScores | undefined, scope: 'all' | CategoryId): RoundSplitScores | undefined {
  if (scores === undefined) return undefined;
  return scope === 'all' ? scores : scores.categories[scope];
}

function metricOf(split: RoundSplitScores | undefined, metric: SplitMetric): number | null {
  if (split === undefined) return null;
  return metric === 'delta' ? split.delta : split[metric].score;
}

function replicatesOf(
  bootstrap: BootstrapResult | undefined,
  model: string,
  scope: 'all' | CategoryId,
): SplitReplicates | undefined {
  const reps = bootstrap?.models.get(model)?.replicates;
  if (reps === undefined) return undefined;
  return scope === 'all' ? reps : reps.categories[scope];
}

function buildBoard(
  meta: { id: string; zh: string; en: string },
  entries: readonly Entry[],
  scope: 'all' | CategoryId,
  rankedBy: SplitMetric,
  bootstrap: BootstrapResult | undefined,
): Leaderboard {
  const rows = entries.map((e) => {
    const split = scopeOf(e.scores, scope);
    const score = metricOf(split, rankedBy);
    const status: RowStatus =
      score === null ? 'no-score' : e.info.tags?.includes(UNRANKED_TAG) === true ? 'unranked' : 'ranked';
    const reps = replicatesOf(bootstrap, e.info.id, scope);
    const intervals = bootstrap?.models.get(e.info.id)?.intervals;
    const ci =
      intervals === undefined ? null : scope === 'all' ? intervals[rankedBy] : intervals.categories[scope][rankedBy];
    const row: LeaderboardRow = {
      model: e.info.id,
      rank: null,
      tied: false,
      status,
      score,
      total: metricOf(split, 'total'),
      round1: metricOf(split, 'round1'),
      round2: metricOf(split, 'round2'),
      delta: metricOf(split, 'delta'),
      matchedPairs: split?.matchedPairs ?? 0,
      bounds: split?.total.bounds ?? null,
      group: null,
      coverage: split?.total.coverage ?? null,
      ci,
      rankCi: null,
    };
    if (scope === 'all') {
      row.categories = Object.fromEntries(
        CATEGORY_IDS.map((c) => [c, e.scores?.categories[c].total.score ?? null]),
      ) as Record<CategoryId, number | null>;
    }
    return { row, order: e.order, replicates: reps?.[rankedBy] };
  });

  const ranked = rows.filter((r) => r.row.status === 'ranked');
  const places = competitionRanks(ranked.map((r) => r.row.score));
  ranked.forEach((r, i) => {
    r.row.rank = places[i]!.rank;
    r.row.tied = places[i]!.tied;
  });
  if (bootstrap !== undefined && ranked.length > 0 && ranked.every((r) => r.replicates !== undefined)) {
    const intervals = rankIntervals(
      ranked.map((r) => r.replicates!),
      bootstrap.level,
    );
    ranked.forEach((r, i) => {
      r.row.rankCi = intervals[i]!;
    });
  }

  rows.sort((a, b) => {
    const sa = a.row.score;
    const sb = b.row.score;
    if (sa === null || sb === null) return sa === sb ? a.order - b.order : sa === null ? 1 : -1;
    return sb - sa || a.order - b.order;
  });
  if (bootstrap !== undefined && rankedBy === 'total') {
    const comparisons = scope === 'all' ? bootstrap.comparisons.all : bootstrap.comparisons.categories[scope];
    const scoredRows = rows.filter((r) => r.row.score !== null).map((r) => r.row);
    const groups = distinguishableGroups(
      scoredRows.map((r) => r.model),
      comparisons,
    );
    scoredRows.forEach((r, i) => {
      r.group = groups[i]!;
    });
  }
  return { ...meta, scope, rankedBy, rows: rows.map((r) => r.row) };
}

/**
 * Checks that `models` names each model once and covers every model that has results.
 *
 * @throws {ScoringInputError} naming the offending model.
 */
export function checkModelList(resultModels: Iterable<string>, models: readonly ModelInfo[]): void {
  const ids = new Set<string>();
  for (const m of models) {
    if (typeof m.id !== 'string' || m.id === '') throw new ScoringInputError('every model needs a non-empty id');
    if (ids.has(m.id)) throw new ScoringInputError(`model "${m.id}" is listed twice`);
    ids.add(m.id);
  }
  for (const id of resultModels) {
    if (!ids.has(id)) throw new ScoringInputError(`results include model "${id}", which is not in the models list`);
  }
}

/**
 * Builds the authors' leaderboards from model scores:
 * - overall (总榜), ranked by total, over every model;
 * - open-source (开源榜), the same over models tagged `open` only;
 * - multi-round (多轮交互榜), showing R1, R2 and Δ, ranked by `options.multiRoundRankBy`
 *   (default total, as the authors did);
 * - one board per category, ranked by the category total, showing its R1 / R2.
 *
 * Rows are sorted by score (full precision, then the order of `models`). Ranks are competition
 * ranks at display precision among ranked rows. With a bootstrap (from the same records), each
 * row gets the CI of its ranking metric and each ranked row a rank interval, computed by ranking
 * the board's ranked models within every resample.
 *
 * @throws {ScoringInputError} when scores name a model missing from `models`, or `models` repeats an id.
 */
export function buildLeaderboards(
  scores: readonly ModelScores[],
  models: readonly ModelInfo[],
  bootstrap?: BootstrapResult,
  options: LeaderboardOptions = {},
): Leaderboards {
  checkModelList(
    scores.map((s) => s.model),
    models,
  );
  const byId = new Map(scores.map((s) => [s.model, s]));
  const entries: Entry[] = models.map((info, order) => ({ info, order, scores: byId.get(info.id) }));
  const open = entries.filter((e) => e.info.tags?.includes(OPEN_TAG) === true);
  const pairsOnly = options.multiRound;
  const pairScores = pairsOnly === undefined ? undefined : new Map(pairsOnly.scores.map((s) => [s.model, s]));
  const multiRoundEntries =
    pairScores === undefined ? entries : entries.map((e) => ({ ...e, scores: pairScores.get(e.info.id) }));
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => [
      c.id,
      buildBoard(
        { id: `category:${c.id}`, zh: `${c.zh}榜`, en: `${c.en} leaderboard` },
        entries,
        c.id,
        'total',
        bootstrap,
      ),
    ]),
  ) as Record<CategoryId, Leaderboard>;
  return {
    overall: buildBoard({ id: 'overall', zh: '总榜', en: 'Overall leaderboard' }, entries, 'all', 'total', bootstrap),
    openSource: buildBoard(
      { id: 'open_source', zh: '开源榜', en: 'Open-source leaderboard' },
      open,
      'all',
      'total',
      bootstrap,
    ),
    multiRound: buildBoard(
      { id: 'multi_round', zh: '多轮交互榜', en: 'Multi-round leaderboard' },
      multiRoundEntries,
      'all',
      options.multiRoundRankBy ?? 'total',
      pairsOnly === undefined ? bootstrap : pairsOnly.bootstrap,
    ),
    categories,
  };
}
