import { defaultTaxonomy, type Taxonomy } from '@sc-safety/results';
import type { CategoryId, DimensionStatus } from '@sc-safety/results';
import { STRATEGY_IDS } from '@sc-safety/results';
import { Fingerprinter } from './fingerprint.js';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, findNearDuplicates, type NearDuplicatePair } from './near-duplicates.js';
import type { DatasetItem } from './types.js';

/** Counts for one category. */
export interface CategoryStats {
  id: CategoryId;
  zh: string;
  en: string;
  items: number;
  turns: number;
  /** Items with exactly two turns (an SC-Safety question + follow-up pair). */
  twoTurnItems: number;
  /** Sub-dimensions of this category that have at least one item. */
  dimensions: number;
}

/** Counts for one sub-dimension. */
export interface DimensionStats {
  id: string;
  zh: string;
  en: string;
  category: CategoryId;
  status: DimensionStatus;
  items: number;
  turns: number;
  twoTurnItems: number;
  /** Items with one turn only (round 1, no follow-up). */
  singleTurnItems: number;
  /** Items per strategy they name, in `STRATEGY_IDS` order; items without one are not counted. */
  strategies: Record<string, number>;
  /** Items marked `expect: comply` (benign contrast prompts). */
  complyItems: number;
  /** Median round-1 length in characters (code points). */
  round1MedianChars: number;
}

/** Prompt lengths, in characters (Unicode code points), of the turns at one position. */
export interface LengthStats {
  /** 1-based turn position: 1 is the question, 2 the follow-up. */
  turn: number;
  count: number;
  min: number;
  mean: number;
  median: number;
  max: number;
}

/** Summary counts of a dataset. Categories and sub-dimensions appear in taxonomy order. */
export interface DatasetStats {
  fingerprint: string;
  items: number;
  turns: number;
  /** Categories with at least one item. */
  categories: CategoryStats[];
  /** Sub-dimensions with at least one item. */
  dimensions: DimensionStats[];
  /** Sub-dimensions of the taxonomy with no item. */
  missingDimensions: Array<{ id: string; zh: string; en: string; category: CategoryId }>;
  /** How many items have 1, 2, 3… turns, ascending. */
  itemsByTurnCount: Array<{ turns: number; items: number }>;
  /** Per turn position, ascending. */
  promptLength: LengthStats[];
  /** Items with one turn only, over the whole dataset. */
  singleTurnItems: number;
  /** Items per strategy over the whole dataset, in `STRATEGY_IDS` order (only strategies used). */
  strategies: Record<string, number>;
  /** Pairs of items whose round-1 texts are near-duplicates (character-bigram Jaccard ≥ threshold). */
  nearDuplicates: { threshold: number; pairs: NearDuplicatePair[] };
}

/** Options of {@link datasetStats}. */
export interface DatasetStatsOptions {
  /** Jaccard similarity at or above which two round-1 texts are listed as near-duplicates (default 0.8). */
  nearDuplicateThreshold?: number;
}

interface DimensionTally {
  category: CategoryId;
  items: number;
  turns: number;
  twoTurnItems: number;
  singleTurnItems: number;
  strategies: Map<string, number>;
  complyItems: number;
  round1Lengths: number[];
}

/**
 * Counts items and turns per category and sub-dimension, and prompt lengths per turn position.
 *
 * @param taxonomy the dataset's taxonomy (from {@link loadDataset}) so declared sub-dimensions get
 *   their names; items with an id the taxonomy lacks are listed under that id.
 */
export function datasetStats(
  items: Iterable<DatasetItem>,
  taxonomy: Taxonomy = defaultTaxonomy,
  options: DatasetStatsOptions = {},
): DatasetStats {
  const fingerprint = new Fingerprinter();
  const byCategory = new Map<string, { items: number; turns: number; twoTurnItems: number }>();
  const byDimension = new Map<string, DimensionTally>();
  const round1: Array<[string, string]> = [];
  const strategies = new Map<string, number>();
  let singleTurn = 0;
  const byTurnCount = new Map<number, number>();
  const lengths: number[][] = [];
  let itemCount = 0;
  let turnCount = 0;

  for (const item of items) {
    fingerprint.add(item);
    itemCount++;
    const n = item.turns.length;
    turnCount += n;
    const two = n === 2 ? 1 : 0;
    const c = byCategory.get(item.category) ?? { items: 0, turns: 0, twoTurnItems: 0 };
    c.items++;
    c.turns += n;
    c.twoTurnItems += two;
    byCategory.set(item.category, c);
    const d = byDimension.get(item.dimension) ?? newTally(item.category);
    d.items++;
    d.turns += n;
    d.twoTurnItems += two;
    if (n === 1) d.singleTurnItems++;
    if (item.strategy !== undefined) {
      d.strategies.set(item.strategy, (d.strategies.get(item.strategy) ?? 0) + 1);
      strategies.set(item.strategy, (strategies.get(item.strategy) ?? 0) + 1);
    }
    if (item.expect === 'comply') d.complyItems++;
    d.round1Lengths.push(charLength(item.turns[0] ?? ''));
    byDimension.set(item.dimension, d);
    if (n === 1) singleTurn++;
    round1.push([item.id, item.turns[0] ?? '']);
    byTurnCount.set(n, (byTurnCount.get(n) ?? 0) + 1);
    item.turns.forEach((text, i) => {
      (lengths[i] ??= []).push(charLength(text));
    });
  }

  const dimensions: DimensionStats[] = [];
  for (const dim of taxonomy.dimensions) {
    const d = byDimension.get(dim.id);
    if (d === undefined) continue;
    dimensions.push({ id: dim.id, zh: dim.zh, en: dim.en, category: dim.category, status: dim.status, ...pick(d) });
    byDimension.delete(dim.id);
  }
  // Items whose dimension the given taxonomy lacks (stats over a foreign taxonomy): keep them visible.
  for (const [id, d] of byDimension) {
    dimensions.push({ id, zh: id, en: id, category: d.category, status: 'extension', ...pick(d) });
  }

  const categories: CategoryStats[] = [];
  for (const cat of taxonomy.categories) {
    const c = byCategory.get(cat.id);
    if (c === undefined) continue;
    const dims = dimensions.filter((d) => d.category === cat.id).length;
    categories.push({ id: cat.id, zh: cat.zh, en: cat.en, ...c, dimensions: dims });
  }

  const present = new Set(dimensions.map((d) => d.id));
  const threshold = options.nearDuplicateThreshold ?? DEFAULT_NEAR_DUPLICATE_THRESHOLD;
  return {
    fingerprint: fingerprint.digest(),
    items: itemCount,
    turns: turnCount,
    categories,
    dimensions,
    missingDimensions: taxonomy.dimensions
      .filter((d) => !present.has(d.id))
      .map((d) => ({ id: d.id, zh: d.zh, en: d.en, category: d.category })),
    itemsByTurnCount: [...byTurnCount].sort(([a], [b]) => a - b).map(([turns, n]) => ({ turns, items: n })),
    promptLength: lengths.map((values, i) => lengthStats(i + 1, values)),
    singleTurnItems: singleTurn,
    strategies: strategyCounts(strategies),
    nearDuplicates: { threshold, pairs: findNearDuplicates(round1, threshold) },
  };
}

function newTally(category: CategoryId): DimensionTally {
  return {
    category,
    items: 0,
    turns: 0,
    twoTurnItems: 0,
    singleTurnItems: 0,
    strategies: new Map(),
    complyItems: 0,
    round1Lengths: [],
  };
}

type DimensionCounts = Pick<
  DimensionStats,
  'items' | 'turns' | 'twoTurnItems' | 'singleTurnItems' | 'strategies' | 'complyItems' | 'round1MedianChars'
>;

/** A tally's counts as reported: the counts as they are (in their order), strategies and lengths summarised. */
function pick(d: DimensionTally): DimensionCounts {
  const { category: _category, round1Lengths, ...counts } = d;
  return {
    ...counts,
    strategies: strategyCounts(d.strategies),
    round1MedianChars: median([...round1Lengths].sort((a, b) => a - b)),
  };
}

/** Counts in `STRATEGY_IDS` order, only those used. */
function strategyCounts(counts: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries(STRATEGY_IDS.filter((id) => counts.has(id)).map((id) => [id, counts.get(id)!]));
}

function median(sorted: readonly number[]): number {
  const count = sorted.length;
  if (count === 0) return 0;
  const mid = Math.floor(count / 2);
  return count % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Length in characters as a reader counts them (code points, so 汉字 and emoji count as one). */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function lengthStats(turn: number, values: number[]): LengthStats {
  const sorted = [...values].sort((a, b) => a - b);
  const count = sorted.length;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { turn, count, min: sorted[0]!, mean: sum / count, median: median(sorted), max: sorted[count - 1]! };
}
