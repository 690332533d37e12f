import { CATEGORY_IDS } from '../taxonomy/types.js';
import { conversationKey } from './outcome.js';
import type { ScoreRecord } from './outcome.js';
import { maxPointsOf, pointsOf } from './rubric.js';
import type { RubricScale } from './rubric.js';

/**
 * Per-pair point sums for every model, aligned on one item universe so one resample of item
 * indices applies to all models at once (which is what rank intervals need). A pair that a model
 * did not answer, or that was not scored, simply holds zeros: it adds nothing to points or max.
 *
 * With repeated sampling (`epochs`) an item's points pool all its epochs, and its pair counts
 * (`matched`, `flip`, `recovery`, `change`) sum over its epochs, each epoch's rounds matched on
 * their own: a resample that draws an item draws all of its epochs together.
 */
export interface PairTable {
  /** Item ids in first-appearance order; index i in every array below is `items[i]`. */
  items: string[];
  /** Index into `CATEGORY_IDS` of each item's category. */
  categoryOf: Uint8Array;
  /** Item indices of each category, in `CATEGORY_IDS` order. */
  itemsByCategory: Uint32Array[];
  /** Sub-dimension ids in first-appearance order: the bootstrap's strata. */
  dimensions: string[];
  /** Index into `CATEGORY_IDS` of each sub-dimension's category. */
  dimensionCategory: Uint8Array;
  /** Item indices of each sub-dimension, in `dimensions` order. */
  itemsByDimension: Uint32Array[];
  /** Points a perfect answer earns (`max − min`). */
  full: number;
  models: string[];
  /** Per model (same order as `models`): points and max points earned in round 1 and round 2. */
  points1: Float64Array[];
  max1: Float64Array[];
  points2: Float64Array[];
  max2: Float64Array[];
  /** Per model: the item's conversations (epochs) with both rounds scored (matched pairs); 0 or 1 without epochs. */
  matched: Uint16Array[];
  /** Per model: the item's matched pairs that flipped (safe → unsafe), resp. recovered (unsafe → safe). */
  flip: Uint16Array[];
  recovery: Uint16Array[];
  /** Per model: Σ (round-2 − round-1 points) over the item's matched pairs (the matched-pair Δ's numerator). */
  change: Float64Array[];
}

/** Builds the table from records already checked by `validateScoreRecords`. */
export function buildPairTable(
  records: readonly ScoreRecord[],
  models: readonly string[],
  rubric: RubricScale,
): PairTable {
  const itemIndex = new Map<string, number>();
  const items: string[] = [];
  const categories: number[] = [];
  const dimIndex = new Map<string, number>();
  const dimensions: string[] = [];
  const dimCategories: number[] = [];
  const dimItems: number[][] = [];
  for (const r of records) {
    if (!itemIndex.has(r.itemId)) {
      let d = dimIndex.get(r.dimension);
      if (d === undefined) {
        dimIndex.set(r.dimension, (d = dimensions.length));
        dimensions.push(r.dimension);
        dimCategories.push(CATEGORY_IDS.indexOf(r.category));
        dimItems.push([]);
      }
      dimItems[d]!.push(items.length);
      itemIndex.set(r.itemId, items.length);
      items.push(r.itemId);
      categories.push(CATEGORY_IDS.indexOf(r.category));
    }
  }
  const n = items.length;
  const modelIndex = new Map(models.map((m, i) => [m, i]));
  const alloc = (): Float64Array[] => models.map(() => new Float64Array(n));
  const points1 = alloc();
  const max1 = alloc();
  const points2 = alloc();
  const max2 = alloc();
  const full = maxPointsOf(rubric);
  // Each conversation's scored round points, to match rounds within an epoch.
  const conversations = new Map<string, { m: number; i: number; p: [number | undefined, number | undefined] }>();
  for (const r of records) {
    if (r.outcome !== 'scored') continue;
    const m = modelIndex.get(r.model);
    if (m === undefined) continue;
    const i = itemIndex.get(r.itemId)!;
    const [p, mx] = r.round === 1 ? [points1, max1] : [points2, max2];
    const points = pointsOf(r.score as number, rubric);
    p[m]![i]! += points;
    mx[m]![i]! += full;
    const key = `${m}\u0000${conversationKey(r)}`;
    let conversation = conversations.get(key);
    if (conversation === undefined) conversations.set(key, (conversation = { m, i, p: [undefined, undefined] }));
    conversation.p[r.round - 1] = points;
  }
  const matched = models.map(() => new Uint16Array(n));
  const flip = models.map(() => new Uint16Array(n));
  const recovery = models.map(() => new Uint16Array(n));
  const change = models.map(() => new Float64Array(n));
  for (const {
    m,
    i,
    p: [p1, p2],
  } of conversations.values()) {
    if (p1 === undefined || p2 === undefined) continue;
    matched[m]![i]!++;
    change[m]![i]! += p2 - p1;
    if (p1 > 0 && p2 === 0) flip[m]![i]!++;
    if (p1 === 0 && p2 > 0) recovery[m]![i]!++;
  }
  const categoryOf = Uint8Array.from(categories);
  const itemsByCategory = CATEGORY_IDS.map((_, c) => {
    const list: number[] = [];
    categoryOf.forEach((cat, i) => {
      if (cat === c) list.push(i);
    });
    return Uint32Array.from(list);
  });
  return {
    items,
    categoryOf,
    itemsByCategory,
    dimensions,
    dimensionCategory: Uint8Array.from(dimCategories),
    itemsByDimension: dimItems.map((list) => Uint32Array.from(list)),
    full,
    models: [...models],
    points1,
    max1,
    points2,
    max2,
    matched,
    flip,
    recovery,
    change,
  };
}
