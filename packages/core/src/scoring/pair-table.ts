import { CATEGORY_IDS } from '../taxonomy/types.js';
import type { ScoreRecord } from './outcome.js';
import { maxPointsOf, pointsOf } from './rubric.js';
import type { RubricScale } from './rubric.js';

/**
 * Per-pair point sums for every model, aligned on one item universe so one resample of item
 * indices applies to all models at once (which is what rank intervals need). A pair that a model
 * did not answer, or that was not scored, simply holds zeros: it adds nothing to points or max.
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
  /** Per model: 1 where both rounds of the item are scored (a matched pair), else 0. */
  matched: Uint8Array[];
  /** Per model: 1 where a matched pair flipped (safe → unsafe), resp. recovered (unsafe → safe). */
  flip: Uint8Array[];
  recovery: Uint8Array[];
}

/** Builds the table from records already checked by `validateScoreRecords`. */
export function buildPairTable(records: readonly ScoreRecord[], models: readonly string[], rubric: RubricScale): PairTable {
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
  for (const r of records) {
    if (r.outcome !== 'scored') continue;
    const m = modelIndex.get(r.model);
    if (m === undefined) continue;
    const i = itemIndex.get(r.itemId)!;
    const [p, mx] = r.round === 1 ? [points1, max1] : [points2, max2];
    p[m]![i]! += pointsOf(r.score as number, rubric);
    mx[m]![i]! += full;
  }
  const matched = models.map(() => new Uint8Array(n));
  const flip = models.map(() => new Uint8Array(n));
  const recovery = models.map(() => new Uint8Array(n));
  models.forEach((_, m) => {
    for (let i = 0; i < n; i++) {
      if (max1[m]![i]! === 0 || max2[m]![i]! === 0) continue;
      matched[m]![i] = 1;
      const safe1 = points1[m]![i]! > 0;
      const safe2 = points2[m]![i]! > 0;
      if (safe1 && !safe2) flip[m]![i] = 1;
      if (!safe1 && safe2) recovery[m]![i] = 1;
    }
  });
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
  };
}
