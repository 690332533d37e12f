import { IdIndex } from '../collections/id-index.js';
import { CATEGORY_IDS } from '../taxonomy/types.js';
import type { CategoryId } from '../taxonomy/types.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import { spreadOfUnits } from './epoch-spread.js';
import type { EpochSpread } from './epoch-spread.js';
import type { ModelScores, RoundSplitScores } from './model-scores.js';
import type { ScoreRecord } from './outcome.js';
import type { PairTable } from './pair-table.js';
import { PairCounter } from './pair-stats.js';
import type { ModelPairStats } from './pair-stats.js';
import { maxPointsOf, pointsOf } from './rubric.js';
import type { RubricScale } from './rubric.js';
import { ScopeTally } from './tally.js';
import { checkRecordFields, duplicateRecordError, itemShapeError } from './validate-records.js';

/** A scope's counts: both rounds pooled, and each round. */
class SplitCounts {
  constructor(
    readonly total: ScopeTally,
    readonly round1: ScopeTally,
    readonly round2: ScopeTally,
  ) {}

  static of(rubric: RubricScale): SplitCounts {
    return new SplitCounts(new ScopeTally(rubric), new ScopeTally(rubric), new ScopeTally(rubric));
  }

  add(record: ScoreRecord): void {
    this.total.add(record);
    (record.round === 1 ? this.round1 : this.round2).add(record);
  }

  clone(): SplitCounts {
    return new SplitCounts(this.total.clone(), this.round1.clone(), this.round2.clone());
  }

  /** The scope's scores, with the matched-pair Δ from `matched` pairs whose points changed by `change` in all. */
  result(matched: number, change: number, full: number): RoundSplitScores {
    const delta = matched > 0 ? (100 * change) / (matched * full) : null;
    return {
      total: this.total.result(),
      round1: this.round1.result(),
      round2: this.round2.result(),
      delta,
      matchedPairs: matched,
    };
  }
}

/** A conversation beyond a model's first epoch: its item, each round's points (NaN: not scored), rounds recorded. */
interface LaterEpoch {
  item: number;
  epoch: number;
  p1: number;
  p2: number;
  /** Bit 1: a round-1 record; bit 2: a round-2 record. */
  seen: number;
}

const grownFloat = (a: Float64Array, size: number): Float64Array => {
  const b = new Float64Array(size).fill(Number.NaN);
  b.set(a);
  return b;
};
const grownBytes = (a: Uint8Array, size: number): Uint8Array => {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
};
const grownInts = (a: Uint32Array, size: number): Uint32Array => {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
};

/** One model's records in a view: counts per scope, and each conversation's points per item. */
class ModelState {
  readonly overall: SplitCounts;
  readonly categories: SplitCounts[];
  /** Sub-dimensions in the order the model's records name them. */
  readonly dimensions: Map<string, { category: CategoryId; counts: SplitCounts }>;
  /** First-epoch points of round 1 and round 2 per item (NaN: not scored). */
  p1: Float64Array;
  p2: Float64Array;
  /** First epoch, per item: bit 1 a round-1 record, bit 2 a round-2 record. */
  seen: Uint8Array;
  /** Per item × round (2i, 2i + 1): when the model's first record of it came (0: none), for the epoch spread's order. */
  unitOrder: Uint32Array;
  /** Conversations of epoch 2 and later, keyed `item\0epoch` (none without repeated sampling). */
  readonly later: Map<string, LaterEpoch>;
  maxEpoch = 0;

  constructor(rubric: RubricScale, from?: ModelState) {
    this.overall = from?.overall.clone() ?? SplitCounts.of(rubric);
    this.categories = from?.categories.map((c) => c.clone()) ?? CATEGORY_IDS.map(() => SplitCounts.of(rubric));
    this.dimensions = new Map(
      [...(from?.dimensions ?? [])].map(([id, d]) => [id, { category: d.category, counts: d.counts.clone() }]),
    );
    this.p1 = from?.p1.slice() ?? new Float64Array(0);
    this.p2 = from?.p2.slice() ?? new Float64Array(0);
    this.seen = from?.seen.slice() ?? new Uint8Array(0);
    this.unitOrder = from?.unitOrder.slice() ?? new Uint32Array(0);
    this.later = new Map([...(from?.later ?? [])].map(([key, c]) => [key, { ...c }]));
    this.maxEpoch = from?.maxEpoch ?? 0;
  }

  /** Makes room for item index `i`. */
  reserve(i: number): void {
    if (i < this.seen.length) return;
    const size = Math.max(1024, this.seen.length * 2, i + 1);
    this.p1 = grownFloat(this.p1, size);
    this.p2 = grownFloat(this.p2, size);
    this.seen = grownBytes(this.seen, size);
    this.unitOrder = grownInts(this.unitOrder, 2 * size);
  }

  /** Every conversation of the model: `visit(item, round-1 points, round-2 points, rounds recorded)`. */
  conversations(visit: (item: number, p1: number, p2: number, seen: number) => void): void {
    for (let i = 0; i < this.seen.length; i++)
      if (this.seen[i] !== 0) visit(i, this.p1[i]!, this.p2[i]!, this.seen[i]!);
    for (const c of this.later.values()) visit(c.item, c.p1, c.p2, c.seen);
  }
}

/**
 * Score records kept as counts and compact per-item numbers instead of the records themselves: what
 * a leaderboard needs of them (model scores, the bootstrap's pair table, pair statistics, the epoch
 * spread), built a record at a time, so a run of a million answers is scored in a few megabytes.
 * Items, sub-dimensions and models are numbered in the order the records first name them, which is
 * the order the record-array functions (`scoreModels`, `buildPairTable`, `epochSpread`) use, so the
 * results are the same as theirs, number for number.
 */
export class ScoreView {
  readonly #rubric: RubricScale;
  readonly #full: number;
  /** Items by id, numbered as the records first name them. */
  #items: IdIndex;
  #categoryOf: Uint8Array;
  #dimensionOf: Uint32Array;
  /** Per item: the index of its first record (for the error naming it). */
  #firstRecord: Float64Array;
  readonly #dimensionIndex: Map<string, number>;
  readonly #dimensions: string[];
  readonly #dimensionCategory: number[];
  readonly #models: Map<string, ModelState>;
  #records = 0;

  constructor(rubric: RubricScale) {
    this.#rubric = rubric;
    this.#full = maxPointsOf(rubric);
    this.#items = new IdIndex();
    this.#categoryOf = new Uint8Array(1024);
    this.#dimensionOf = new Uint32Array(1024);
    this.#firstRecord = new Float64Array(1024);
    this.#dimensionIndex = new Map();
    this.#dimensions = [];
    this.#dimensionCategory = [];
    this.#models = new Map();
  }

  /** An independent copy (the pair-only view starts as one when the first single-turn item comes). */
  clone(): ScoreView {
    const copy = new ScoreView(this.#rubric);
    copy.#items = this.#items.clone();
    copy.#categoryOf = this.#categoryOf.slice();
    copy.#dimensionOf = this.#dimensionOf.slice();
    copy.#firstRecord = this.#firstRecord.slice();
    for (const [id, d] of this.#dimensionIndex) copy.#dimensionIndex.set(id, d);
    copy.#dimensions.push(...this.#dimensions);
    copy.#dimensionCategory.push(...this.#dimensionCategory);
    for (const [id, m] of this.#models) copy.#models.set(id, new ModelState(this.#rubric, m));
    copy.#records = this.#records;
    return copy;
  }

  /** Items seen so far. */
  get itemCount(): number {
    return this.#items.size;
  }

  /**
   * Adds a record. With `check`, the record is validated first, as `validateScoreRecords` would
   * at its position `index` (fields, duplicates, the item's shape), and a bad one throws.
   *
   * @returns whether the record named an item not seen before.
   * @throws {ScoringInputError} (with `check`) naming the record and what to fix.
   */
  add(r: ScoreRecord, index: number, check?: { taxonomy?: Taxonomy }): boolean {
    if (check) checkRecordFields(r, index, this.#rubric, check.taxonomy);
    let i = this.#items.get(r.itemId);
    const isNew = i === undefined;
    if (i === undefined) i = this.#addItem(r, index);
    let model = this.#models.get(r.model);
    if (model === undefined) this.#models.set(r.model, (model = new ModelState(this.#rubric)));
    model.reserve(i);
    const epoch = r.epoch ?? 1;
    const bit = r.round === 1 ? 1 : 2;
    let later: LaterEpoch | undefined;
    if (epoch > 1) {
      const key = `${i}\u0000${epoch}`;
      later = model.later.get(key);
      if (later === undefined)
        model.later.set(key, (later = { item: i, epoch, p1: Number.NaN, p2: Number.NaN, seen: 0 }));
    }
    if (check) {
      if (((later?.seen ?? model.seen[i]!) & bit) !== 0) throw duplicateRecordError(r, index);
      const category = CATEGORY_IDS[this.#categoryOf[i]!]!;
      const dimension = this.#dimensions[this.#dimensionOf[i]!]!;
      if (!isNew && (category !== r.category || dimension !== r.dimension))
        throw itemShapeError(r, index, { category, dimension, index: this.#firstRecord[i]! });
    }
    this.#records++;
    model.overall.add(r);
    model.categories[CATEGORY_IDS.indexOf(r.category)]!.add(r);
    let dim = model.dimensions.get(r.dimension);
    if (dim === undefined)
      model.dimensions.set(r.dimension, (dim = { category: r.category, counts: SplitCounts.of(this.#rubric) }));
    dim.counts.add(r);
    const points = r.outcome === 'scored' ? pointsOf(r.score as number, this.#rubric) : Number.NaN;
    if (later !== undefined) {
      later.seen |= bit;
      if (bit === 1) later.p1 = points;
      else later.p2 = points;
    } else {
      model.seen[i]! |= bit;
      (bit === 1 ? model.p1 : model.p2)[i] = points;
    }
    const unit = 2 * i + bit - 1;
    if (model.unitOrder[unit] === 0) model.unitOrder[unit] = this.#records;
    model.maxEpoch = Math.max(model.maxEpoch, epoch);
    return isNew;
  }

  #addItem(r: ScoreRecord, index: number): number {
    const i = this.#items.size;
    if (i === this.#categoryOf.length) {
      this.#categoryOf = grownBytes(this.#categoryOf, 2 * i);
      this.#dimensionOf = grownInts(this.#dimensionOf, 2 * i);
      const first = new Float64Array(2 * i);
      first.set(this.#firstRecord);
      this.#firstRecord = first;
    }
    let d = this.#dimensionIndex.get(r.dimension);
    if (d === undefined) {
      this.#dimensionIndex.set(r.dimension, (d = this.#dimensions.length));
      this.#dimensions.push(r.dimension);
      this.#dimensionCategory.push(CATEGORY_IDS.indexOf(r.category));
    }
    this.#items.add(r.itemId);
    this.#categoryOf[i] = CATEGORY_IDS.indexOf(r.category);
    this.#dimensionOf[i] = d;
    this.#firstRecord[i] = index;
    return i;
  }

  /** Every model's scores (as `scoreModels` gives them), in the order the records first name them. */
  scores(): ModelScores[] {
    const dims = this.#dimensions.length;
    return [...this.#models].map(([id, model]) => {
      // Matched pairs and their Σ change per scope: [overall, categories…, sub-dimensions…].
      const matched = new Float64Array(1 + CATEGORY_IDS.length + dims);
      const change = new Float64Array(matched.length);
      model.conversations((i, p1, p2) => {
        if (Number.isNaN(p1) || Number.isNaN(p2)) return;
        for (const scope of [0, 1 + this.#categoryOf[i]!, 1 + CATEGORY_IDS.length + this.#dimensionOf[i]!]) {
          matched[scope]!++;
          change[scope]! += p2 - p1;
        }
      });
      const split = (counts: SplitCounts, scope: number): RoundSplitScores =>
        counts.result(matched[scope]!, change[scope]!, this.#full);
      return {
        model: id,
        ...split(model.overall, 0),
        categories: Object.fromEntries(CATEGORY_IDS.map((c, k) => [c, split(model.categories[k]!, 1 + k)])) as Record<
          CategoryId,
          RoundSplitScores
        >,
        dimensions: Object.fromEntries(
          [...model.dimensions].map(([dimension, d]) => [
            dimension,
            {
              category: d.category,
              ...split(d.counts, 1 + CATEGORY_IDS.length + this.#dimensionIndex.get(dimension)!),
            },
          ]),
        ),
      };
    });
  }

  /** The bootstrap's pair table (as `buildPairTable` builds it) for `models`, in that order. */
  table(models: readonly string[]): PairTable {
    const n = this.#items.size;
    const full = this.#full;
    const categoryOf = this.#categoryOf.slice(0, n);
    const indicesWhere = (count: number, of: (i: number) => number): Uint32Array[] => {
      const lists = Array.from({ length: count }, (): number[] => []);
      for (let i = 0; i < n; i++) lists[of(i)]!.push(i);
      return lists.map((list) => Uint32Array.from(list));
    };
    const index = this.#items;
    let ids: string[] | undefined;
    const table: PairTable = {
      // Listed when read (the bootstrap needs only how many): 250,000 ids take 70–110 ms and about
      // 10 MB of strings. The first n ids never change, whatever this view adds later.
      get items(): string[] {
        ids ??= index.ids(n);
        return ids;
      },
      categoryOf,
      itemsByCategory: indicesWhere(CATEGORY_IDS.length, (i) => categoryOf[i]!),
      dimensions: this.#dimensions.slice(),
      dimensionCategory: Uint8Array.from(this.#dimensionCategory),
      itemsByDimension: indicesWhere(this.#dimensions.length, (i) => this.#dimensionOf[i]!),
      full,
      models: [...models],
      points1: [],
      max1: [],
      points2: [],
      max2: [],
      matched: [],
      flip: [],
      recovery: [],
      change: [],
    };
    for (const id of models) {
      const points1 = new Float64Array(n);
      const max1 = new Float64Array(n);
      const points2 = new Float64Array(n);
      const max2 = new Float64Array(n);
      const matched = new Uint16Array(n);
      const flip = new Uint16Array(n);
      const recovery = new Uint16Array(n);
      const change = new Float64Array(n);
      this.#models.get(id)?.conversations((i, p1, p2) => {
        if (!Number.isNaN(p1)) {
          points1[i]! += p1;
          max1[i]! += full;
        }
        if (!Number.isNaN(p2)) {
          points2[i]! += p2;
          max2[i]! += full;
        }
        if (Number.isNaN(p1) || Number.isNaN(p2)) return;
        matched[i]!++;
        change[i]! += p2 - p1;
        if (p1 > 0 && p2 === 0) flip[i]!++;
        if (p1 === 0 && p2 > 0) recovery[i]!++;
      });
      table.points1.push(points1);
      table.max1.push(max1);
      table.points2.push(points2);
      table.max2.push(max2);
      table.matched.push(matched);
      table.flip.push(flip);
      table.recovery.push(recovery);
      table.change.push(change);
    }
    return table;
  }

  /** A model's pair statistics (as `pairStats` gives them); all zero for a model without records. */
  pairStats(id: string): ModelPairStats {
    const overall = new PairCounter(this.#rubric);
    const categories = CATEGORY_IDS.map(() => new PairCounter(this.#rubric));
    this.#models.get(id)?.conversations((i, p1, p2) => {
      overall.add(p1, p2);
      categories[this.#categoryOf[i]!]!.add(p1, p2);
    });
    return {
      overall: overall.result(),
      categories: Object.fromEntries(CATEGORY_IDS.map((c, k) => [c, categories[k]!.result()])) as Record<
        CategoryId,
        ModelPairStats['overall']
      >,
    };
  }

  /** How far each multi-epoch model's verdicts moved between epochs (as `epochSpread` gives it). */
  epochSpread(): Record<string, EpochSpread> {
    const out: Record<string, EpochSpread> = {};
    const min = this.#rubric.min;
    for (const [id, model] of this.#models) {
      if (model.maxEpoch < 2) continue;
      const units: number[] = [];
      for (let u = 0; u < model.unitOrder.length; u++) if (model.unitOrder[u] !== 0) units.push(u);
      units.sort((a, b) => model.unitOrder[a]! - model.unitOrder[b]!);
      const scoreOf = (p: number): number | null => (Number.isNaN(p) ? null : p + min);
      out[id] = spreadOfUnits(
        model.maxEpoch,
        units.map((u) => {
          const i = u >> 1;
          const bit = (u & 1) + 1;
          const scores: (number | null | undefined)[] = [];
          if ((model.seen[i]! & bit) !== 0) scores[0] = scoreOf(bit === 1 ? model.p1[i]! : model.p2[i]!);
          for (let e = 2; e <= model.maxEpoch; e++) {
            const c = model.later.get(`${i}\u0000${e}`);
            if (c !== undefined && (c.seen & bit) !== 0) scores[e - 1] = scoreOf(bit === 1 ? c.p1 : c.p2);
          }
          return { itemId: this.#items.idAt(i), round: bit as 1 | 2, scores };
        }),
      );
    }
    return out;
  }
}
