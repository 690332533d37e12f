import { CATEGORY_IDS } from '../taxonomy/types.js';
import type { CategoryId } from '../taxonomy/types.js';
import type { ScoringOptions } from './model-scores.js';
import { groupByModel } from './model-scores.js';
import type { ScoreRecord } from './outcome.js';
import { buildPairTable } from './pair-table.js';
import type { PairTable } from './pair-table.js';
import { PairwiseAccumulator } from './paired-comparison.js';
import type { PairwiseComparisons } from './paired-comparison.js';
import { createPrng } from './prng.js';
import { percentileInterval } from './quantile.js';
import type { Interval } from './quantile.js';
import { DEFAULT_RUBRIC, validateRubric } from './rubric.js';
import { multinomialCounts } from './binomial.js';
import { drawStratumCounts } from './stratified-draw.js';
import { validateScoreRecords } from './validate-records.js';

/** The four numbers of a round-split scope. */
export type SplitMetric = 'total' | 'round1' | 'round2' | 'delta';

/** Every {@link SplitMetric}, in report order. */
export const SPLIT_METRICS: readonly SplitMetric[] = ['total', 'round1', 'round2', 'delta'];

/** A scope's pair rates (shares 0..1 of its matched pairs, as in `PairStats`). */
export type RateMetric = 'flipRate' | 'recoveryRate';

/** Everything the bootstrap gives an interval for, in one scope. */
export type ScopeMetric = SplitMetric | RateMetric;

const SCOPE_METRICS: readonly ScopeMetric[] = [...SPLIT_METRICS, 'flipRate', 'recoveryRate'];

/** Confidence intervals of a scope's total, rounds and delta (null when no resample had a score). */
export type SplitIntervals = Record<SplitMetric, Interval | null>;

/** A scope's {@link SplitIntervals} plus flip and recovery rate intervals (shares, 0..1). */
export type ScopeIntervals = Record<ScopeMetric, Interval | null>;

/** A model's intervals: overall, per category and per sub-dimension. */
export interface ModelIntervals extends ScopeIntervals {
  categories: Record<CategoryId, ScopeIntervals>;
  /** Every sub-dimension of the item universe, keyed by id. */
  dimensions: Record<string, ScopeIntervals>;
}

/** Bootstrap replicates of one scope; NaN where a resample held nothing to compute it from. */
export type SplitReplicates = Record<ScopeMetric, Float64Array>;

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
  /** Strata: items are resampled within each sub-dimension. */
  strata: 'dimension';
  models: Map<string, { intervals: ModelIntervals; replicates: ModelReplicates }>;
  /** Paired differences of every two models' scores, from the same resamples. */
  comparisons: PairwiseComparisons;
}

function resolveOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const iterations = options.iterations ?? DEFAULT_BOOTSTRAP_ITERATIONS;
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const level = options.level ?? DEFAULT_CONFIDENCE_LEVEL;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`bootstrap iterations must be a positive integer, got ${String(iterations)}`);
  if (!Number.isInteger(seed)) throw new RangeError(`bootstrap seed must be an integer, got ${String(seed)}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be between 0 and 1, got ${String(level)}`);
  return { iterations, seed, level };
}

function newReplicates(b: number): SplitReplicates {
  return Object.fromEntries(SCOPE_METRICS.map((k) => [k, new Float64Array(b)])) as SplitReplicates;
}

/** Sums of one scope in one resample: [p1, x1, p2, x2, matched Δpoints, matched pairs, flips, recoveries]. */
const SUMS = 8;

/**
 * Model `m`'s numbers of the items of one stratum, in the stratum's order, packed [p1, x1, p2, x2,
 * Δpoints, matched, flips, recoveries] per item (the matched-pair four zero where the item has no
 * matched pair, as {@link accumulate} adds them only then). Packed a stratum at a time: only its
 * groups are kept, so the packing of every item (64 bytes per item and model, 16 MB at 250,000
 * items) never exists at once.
 */
function packModel(table: PairTable, m: number, items: Uint32Array): Float64Array {
  const packed = new Float64Array(items.length * SUMS);
  const columns = [table.points1, table.max1, table.points2, table.max2].map((c) => c[m]!);
  const both = table.matched[m]!;
  const pairColumns = [table.change[m]!, both, table.flip[m]!, table.recovery[m]!];
  for (let j = 0; j < items.length; j++) {
    const i = items[j]!;
    const at = j * SUMS;
    for (let k = 0; k < 4; k++) packed[at + k] = columns[k]![i]!;
    // An item brings all its epochs: its matched pairs (one per epoch with both rounds scored).
    if (both[i]! > 0) for (let k = 0; k < 4; k++) packed[at + 4 + k] = pairColumns[k]![i]!;
  }
  return packed;
}

/**
 * How a resample draws a stratum: `items` draws a random item for each of its n positions and
 * counts the draws per group (cost ∝ n); `groups` draws the counts per group directly, as one
 * multinomial (cost ∝ the number of groups); `auto` (the default) chooses per stratum with
 * {@link drawsByGroups}. Both give the same distribution of resamples, from different random
 * numbers. The other two are for tests and measurements.
 */
export type StratumDraw = 'auto' | 'items' | 'groups';

/**
 * What one group's binomial draw costs, in draws of single items: a stratum of n items in G groups
 * is drawn by groups when G × this < n. Measured on strata of 100 to 100,000 items in 1 to 128
 * groups (Node 20): an item draw, counted into its group, takes 15–20 ns; a group's binomial
 * 100–250 ns, 6 to 14 item draws. At 16 a stratum goes to the multinomial only where that is
 * no slower, and one of nearly one group per item (13 models on 2,400 pairs) keeps its item draws.
 */
export const GROUP_DRAW_COST = 16;

/** Whether `auto` draws a stratum of `items` items in `groups` groups by groups (a multinomial). */
export function drawsByGroups(items: number, groups: number): boolean {
  return groups * GROUP_DRAW_COST < items;
}

/**
 * The items of one stratum grouped by what they add to the sums: items whose packed numbers are
 * the same for every model are interchangeable, so a resample needs only how often each group was
 * drawn. A benchmark's items take few distinct values (points 0–2 per round), so a stratum of
 * thousands of items has a handful of groups, and each resample's sums cost a few multiply-adds
 * per group instead of eight per item and model; with few groups the draw counts per group come
 * from one multinomial draw, without drawing the items at all.
 */
interface StratumGroups {
  /** Group of each item of the stratum, in the stratum's order. */
  groupOf: Uint32Array;
  /** Items per group. */
  sizes: Float64Array;
  /** Per model: each group's packed numbers, {@link SUMS} per group. */
  packed: Float64Array[];
  /** How often each group was drawn in the current resample (a view into the counts of all groups). */
  weights: Float64Array;
  /** Whether a resample draws the group counts as a multinomial, instead of item by item. */
  byGroups: boolean;
}

function stratumGroups(packed: readonly Float64Array[], size: number): Omit<StratumGroups, 'weights' | 'byGroups'> {
  const groupOf = new Uint32Array(size);
  const index = new Map<string, number>();
  // Each group's first item, by its position in the stratum.
  const firstItem: number[] = [];
  const sizes: number[] = [];
  const key: number[] = [];
  for (let j = 0; j < size; j++) {
    const at = j * SUMS;
    key.length = 0;
    for (const model of packed) for (let k = 0; k < SUMS; k++) key.push(model[at + k]!);
    const text = key.join(',');
    let group = index.get(text);
    if (group === undefined) {
      group = firstItem.length;
      index.set(text, group);
      firstItem.push(j);
      sizes.push(0);
    }
    groupOf[j] = group;
    sizes[group]!++;
  }
  return {
    groupOf,
    sizes: Float64Array.from(sizes),
    packed: packed.map((model) => {
      const out = new Float64Array(firstItem.length * SUMS);
      firstItem.forEach((j, g) => out.set(model.subarray(j * SUMS, (j + 1) * SUMS), g * SUMS));
      return out;
    }),
  };
}

/** Adds up the resample's draws of the stratum's items (`drawn`, by position in the stratum) per group. */
function countGroups(groups: StratumGroups, drawn: Uint32Array): void {
  const { groupOf, weights: counts } = groups;
  counts.fill(0);
  for (let j = 0; j < groupOf.length; j++) counts[groupOf[j]!]! += drawn[j]!;
}

/**
 * Adds model `m`'s numbers of every group, each as often as the resample drew its items, into
 * `acc`. Every number is an integer, so the sums are exact whatever the order: the same as adding
 * the draws one by one.
 */
function accumulate(groups: StratumGroups, m: number, acc: Float64Array): void {
  const packed = groups.packed[m]!;
  const counts = groups.weights;
  for (let g = 0; g < counts.length; g++) {
    const w = counts[g]!;
    if (w === 0) continue;
    const at = g * SUMS;
    for (let k = 0; k < SUMS; k++) acc[k]! += w * packed[at + k]!;
  }
}

/** Stores a scope's numbers of resample `b` from its sums (NaN where a denominator is 0). */
function store(acc: Float64Array, full: number, out: SplitReplicates, b: number): void {
  const [sp1, sx1, sp2, sx2, dp, nb, fl, rc] = acc as unknown as number[];
  out.round1[b] = sx1! > 0 ? (100 * sp1!) / sx1! : NaN;
  out.round2[b] = sx2! > 0 ? (100 * sp2!) / sx2! : NaN;
  out.total[b] = sx1! + sx2! > 0 ? (100 * (sp1! + sp2!)) / (sx1! + sx2!) : NaN;
  out.delta[b] = nb! > 0 ? (100 * dp!) / (nb! * full) : NaN;
  out.flipRate[b] = nb! > 0 ? fl! / nb! : NaN;
  out.recoveryRate[b] = nb! > 0 ? rc! / nb! : NaN;
}

const addInto = (target: Float64Array, from: Float64Array): void => {
  for (let k = 0; k < SUMS; k++) target[k]! += from[k]!;
};

function intervalsOf(reps: SplitReplicates, level: number): ScopeIntervals {
  return Object.fromEntries(SCOPE_METRICS.map((k) => [k, percentileInterval(reps[k], level)])) as ScopeIntervals;
}

/**
 * Percentile bootstrap over a prepared {@link PairTable}, **stratified by sub-dimension**: each
 * resample draws, within every sub-dimension, as many of its items as it has (with replacement),
 * so each sub-dimension keeps its weight in every resample, as in the dataset. The unit resampled
 * is the **pair**: a drawn item brings both of its rounds, so the correlation between a model's
 * round-1 and round-2 answers is kept (this is what makes the Δ and flip-rate intervals honest).
 * One draw per resample serves every scope (overall, each category — the union of its
 * sub-dimensions — and each sub-dimension) and every model, which is what lets rank intervals and
 * paired model comparisons come from the same resamples. A sub-dimension of few groups of
 * interchangeable items gets its draw counts per group directly, as a multinomial (`draw`: see
 * {@link StratumDraw}).
 */
export function bootstrapPairTable(
  table: PairTable,
  options: BootstrapOptions = {},
  draw: StratumDraw = 'auto',
): BootstrapResult {
  return drain(bootstrapPairTableSteps(table, options, draw));
}

/** Runs a step generator to its end and returns its result. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link bootstrapPairTable} a resample at a time: the generator yields after each resample (a
 * caller with an event loop to keep live pauses there) and returns the same result.
 */
export function* bootstrapPairTableSteps(
  table: PairTable,
  options: BootstrapOptions = {},
  draw: StratumDraw = 'auto',
): Generator<void, BootstrapResult> {
  const { iterations, seed, level } = resolveOptions(options);
  const rng = createPrng(seed);
  const n = table.categoryOf.length; // the item count, without listing the ids (`ScoreView.table` lists them when read)
  const dims = table.dimensions.length;
  const reps = table.models.map(() => ({
    overall: newReplicates(iterations),
    categories: CATEGORY_IDS.map(() => newReplicates(iterations)),
    dimensions: table.dimensions.map(() => newReplicates(iterations)),
  }));
  const grouped = table.itemsByDimension.map((items) =>
    stratumGroups(
      table.models.map((_, m) => packModel(table, m, items)),
      items.length,
    ),
  );
  // Every stratum's groups numbered in one sequence: the counts of all of them are one array,
  // which the paired comparisons read (an item's unit is its group).
  const groupCount = grouped.reduce((sum, g) => sum + g.sizes.length, 0);
  const groupCounts = new Float64Array(groupCount);
  const groupOfItem = new Uint32Array(n);
  let base = 0;
  const groups: StratumGroups[] = grouped.map((g, d) => {
    const items = table.itemsByDimension[d]!;
    const count = g.sizes.length;
    for (let j = 0; j < items.length; j++) groupOfItem[items[j]!] = base + g.groupOf[j]!;
    const weights = groupCounts.subarray(base, base + count);
    base += count;
    const byGroups = draw === 'groups' || (draw === 'auto' && drawsByGroups(items.length, count));
    return { ...g, weights, byGroups };
  });
  const pairwise = new PairwiseAccumulator(table, iterations, { of: groupOfItem, count: groupCount });
  // Per model: Σ points and scored answers per scope (all, then categories), for the pairwise sums.
  const modelSums = table.models.map(() => new Float64Array(2 * (1 + CATEGORY_IDS.length)));
  // How often each position of the stratum being drawn item by item was drawn.
  const drawn = new Uint32Array(Math.max(0, ...table.itemsByDimension.map((items) => items.length)));
  const overall = new Float64Array(SUMS);
  const categories = CATEGORY_IDS.map(() => new Float64Array(SUMS));
  const dim = new Float64Array(SUMS);
  // One resample, in a plain function: V8 optimises its loops, which it would not do inside the generator.
  const resample = (b: number): void => {
    // Strata in table order, each from the next random numbers: the same seed, the same resamples.
    for (let d = 0; d < dims; d++) {
      const stratum = groups[d]!;
      const size = stratum.groupOf.length;
      if (stratum.byGroups) multinomialCounts(rng, size, stratum.sizes, stratum.weights);
      else {
        drawStratumCounts(rng, size, drawn);
        countGroups(stratum, drawn);
      }
    }
    for (let m = 0; m < table.models.length; m++) {
      overall.fill(0);
      for (const c of categories) c.fill(0);
      for (let d = 0; d < dims; d++) {
        dim.fill(0);
        accumulate(groups[d]!, m, dim);
        store(dim, table.full, reps[m]!.dimensions[d]!, b);
        addInto(categories[table.dimensionCategory[d]!]!, dim);
        addInto(overall, dim);
      }
      categories.forEach((c, ci) => store(c, table.full, reps[m]!.categories[ci]!, b));
      store(overall, table.full, reps[m]!.overall, b);
      const sums = modelSums[m]!;
      [overall, ...categories].forEach((acc, k) => {
        sums[2 * k] = acc[0]! + acc[2]!;
        sums[2 * k + 1] = (acc[1]! + acc[3]!) / table.full;
      });
    }
    pairwise.add(groupCounts, modelSums, b);
  };
  for (let b = 0; b < iterations; b++) {
    resample(b);
    yield;
  }
  const models = new Map<string, { intervals: ModelIntervals; replicates: ModelReplicates }>();
  table.models.forEach((model, m) => {
    const r = reps[m]!;
    const categoryReps = Object.fromEntries(CATEGORY_IDS.map((c, i) => [c, r.categories[i]!])) as Record<
      CategoryId,
      SplitReplicates
    >;
    models.set(model, {
      replicates: { ...r.overall, categories: categoryReps },
      intervals: {
        ...intervalsOf(r.overall, level),
        categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, intervalsOf(categoryReps[c], level)])) as Record<
          CategoryId,
          ScopeIntervals
        >,
        dimensions: Object.fromEntries(table.dimensions.map((d, i) => [d, intervalsOf(r.dimensions[i]!, level)])),
      },
    });
  });
  return { iterations, seed, level, items: n, strata: 'dimension', models, comparisons: pairwise.result(level) };
}

/**
 * Bootstrap 95 % (by default) percentile intervals for every model's total, R1, R2, Δ, flip and
 * recovery rates, overall, per category and per sub-dimension, resampling pairs within each
 * sub-dimension, and paired comparisons of every two models. Records are validated first.
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
