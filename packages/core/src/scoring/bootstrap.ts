import { CATEGORY_IDS } from '../taxonomy/types.js';
import type { CategoryId } from '../taxonomy/types.js';
import type { ScoringOptions } from './model-scores.js';
import { groupByModel } from './model-scores.js';
import type { ScoreRecord } from './outcome.js';
import { buildPairTable } from './pair-table.js';
import type { PairTable } from './pair-table.js';
import { createPrng } from './prng.js';
import { percentileInterval } from './quantile.js';
import type { Interval } from './quantile.js';
import { DEFAULT_RUBRIC, validateRubric } from './rubric.js';
import { validateScoreRecords } from './validate-records.js';

/** The four numbers of a round-split scope. */
export type SplitMetric = 'total' | 'round1' | 'round2' | 'delta';

/** Every {@link SplitMetric}, in report order. */
export const SPLIT_METRICS: readonly SplitMetric[] = ['total', 'round1', 'round2', 'delta'];

/** Confidence intervals of a scope's total, rounds and delta (null when no resample had a score). */
export type SplitIntervals = Record<SplitMetric, Interval | null>;

/** A model's intervals: overall and per category. */
export interface ModelIntervals extends SplitIntervals {
  categories: Record<CategoryId, SplitIntervals>;
}

/** Bootstrap replicates of one scope; NaN where a resample held no scored answer. */
export type SplitReplicates = Record<SplitMetric, Float64Array>;

/** A model's replicates, kept so leaderboards can derive rank intervals from the same draws. */
export interface ModelReplicates extends SplitReplicates {
  categories: Record<CategoryId, SplitReplicates>;
}

/** Bootstrap settings. */
export interface BootstrapOptions {
  /** Resamples; default 1000. */
  iterations?: number;
  /** PRNG seed (integer); default {@link DEFAULT_BOOTSTRAP_SEED}. Same seed, same intervals. */
  seed?: number;
  /** Confidence level; default 0.95 (2.5th and 97.5th percentiles). */
  level?: number;
}

/** Resamples when none are given. */
export const DEFAULT_BOOTSTRAP_ITERATIONS = 1000;
/** Fixed so that results are reproducible unless a seed is chosen (the paper's arXiv number). */
export const DEFAULT_BOOTSTRAP_SEED = 231005818;
/** Confidence level when none is given. */
export const DEFAULT_CONFIDENCE_LEVEL = 0.95;

/** The bootstrap of every model. */
export interface BootstrapResult {
  iterations: number;
  seed: number;
  level: number;
  /** Size of the item universe that was resampled. */
  items: number;
  models: Map<string, { intervals: ModelIntervals; replicates: ModelReplicates }>;
}

function resolveOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const iterations = options.iterations ?? DEFAULT_BOOTSTRAP_ITERATIONS;
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const level = options.level ?? DEFAULT_CONFIDENCE_LEVEL;
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`bootstrap iterations must be a positive integer, got ${String(iterations)}`);
  if (!Number.isInteger(seed)) throw new RangeError(`bootstrap seed must be an integer, got ${String(seed)}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be between 0 and 1, got ${String(level)}`);
  return { iterations, seed, level };
}

function newReplicates(b: number): SplitReplicates {
  return { total: new Float64Array(b), round1: new Float64Array(b), round2: new Float64Array(b), delta: new Float64Array(b) };
}

/** Sums the drawn pairs for one model and stores the four scope scores of resample `b`. */
function record(
  table: PairTable,
  m: number,
  draw: Uint32Array,
  count: number,
  out: SplitReplicates,
  b: number,
): void {
  const p1 = table.points1[m]!;
  const x1 = table.max1[m]!;
  const p2 = table.points2[m]!;
  const x2 = table.max2[m]!;
  let sp1 = 0;
  let sx1 = 0;
  let sp2 = 0;
  let sx2 = 0;
  for (let j = 0; j < count; j++) {
    const i = draw[j]!;
    sp1 += p1[i]!;
    sx1 += x1[i]!;
    sp2 += p2[i]!;
    sx2 += x2[i]!;
  }
  const r1 = sx1 > 0 ? (100 * sp1) / sx1 : NaN;
  const r2 = sx2 > 0 ? (100 * sp2) / sx2 : NaN;
  out.round1[b] = r1;
  out.round2[b] = r2;
  out.total[b] = sx1 + sx2 > 0 ? (100 * (sp1 + sp2)) / (sx1 + sx2) : NaN;
  out.delta[b] = r2 - r1;
}

function intervalsOf(reps: SplitReplicates, level: number): SplitIntervals {
  return {
    total: percentileInterval(reps.total, level),
    round1: percentileInterval(reps.round1, level),
    round2: percentileInterval(reps.round2, level),
    delta: percentileInterval(reps.delta, level),
  };
}

/**
 * Percentile bootstrap over a prepared {@link PairTable}. The unit resampled is the **pair**: a
 * drawn item brings both of its rounds, so the correlation between a model's round-1 and round-2
 * answers is kept (this is what makes the delta interval honest). Each iteration draws one set of
 * item indices from the whole universe, shared by all models (overall scores), then, per category,
 * one draw from that category's items (category scores). Sharing draws across models is what lets
 * rank intervals be computed from the same resamples.
 */
export function bootstrapPairTable(table: PairTable, options: BootstrapOptions = {}): BootstrapResult {
  const { iterations, seed, level } = resolveOptions(options);
  const rng = createPrng(seed);
  const n = table.items.length;
  const reps = table.models.map(() => ({
    overall: newReplicates(iterations),
    categories: CATEGORY_IDS.map(() => newReplicates(iterations)),
  }));
  const draw = new Uint32Array(n);
  for (let b = 0; b < iterations; b++) {
    for (let j = 0; j < n; j++) draw[j] = rng.nextInt(n);
    for (let m = 0; m < table.models.length; m++) record(table, m, draw, n, reps[m]!.overall, b);
    for (let c = 0; c < CATEGORY_IDS.length; c++) {
      const pool = table.itemsByCategory[c]!;
      const k = pool.length;
      for (let j = 0; j < k; j++) draw[j] = pool[rng.nextInt(k)]!;
      for (let m = 0; m < table.models.length; m++) record(table, m, draw, k, reps[m]!.categories[c]!, b);
    }
  }
  const models = new Map<string, { intervals: ModelIntervals; replicates: ModelReplicates }>();
  table.models.forEach((model, m) => {
    const r = reps[m]!;
    const categoryReps = Object.fromEntries(CATEGORY_IDS.map((c, i) => [c, r.categories[i]!])) as Record<CategoryId, SplitReplicates>;
    models.set(model, {
      replicates: { ...r.overall, categories: categoryReps },
      intervals: {
        ...intervalsOf(r.overall, level),
        categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, intervalsOf(categoryReps[c], level)])) as Record<CategoryId, SplitIntervals>,
      },
    });
  });
  return { iterations, seed, level, items: n, models };
}

/**
 * Bootstrap 95 % (by default) percentile intervals for every model's total, R1, R2, delta and
 * each category, resampling pairs. Records are validated first.
 *
 * The item universe is every item id in the records (all models). If models ran different item
 * sets, a model's missing items are drawn too but contribute nothing; its scores stay pooled
 * ratios, so the intervals remain valid, just computed on the common universe.
 */
export function bootstrapScores(
  records: readonly ScoreRecord[],
  options: BootstrapOptions & ScoringOptions = {},
): BootstrapResult {
  const rubric = options.rubric ?? DEFAULT_RUBRIC;
  validateRubric(rubric);
  validateScoreRecords(records, rubric, options.taxonomy);
  const table = buildPairTable(records, [...groupByModel(records).keys()], rubric);
  return bootstrapPairTable(table, options);
}
