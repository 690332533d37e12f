import type { PairTable } from './pair-table.js';
import type { Prng } from './prng.js';

/**
 * One stratified resample's layout: stratum `d` (the table's sub-dimension `d`) fills
 * `draw[offsets[d] .. offsets[d + 1])`, so every resample holds exactly as many items of each
 * sub-dimension as the data do.
 */
export interface StratifiedLayout {
  /** `dimensions.length + 1` offsets into the draw; the last is the item count. */
  offsets: Uint32Array;
}

/** The layout of a table's strata (its sub-dimensions, in table order). */
export function stratifiedLayout(table: Pick<PairTable, 'itemsByDimension'>): StratifiedLayout {
  const offsets = new Uint32Array(table.itemsByDimension.length + 1);
  table.itemsByDimension.forEach((pool, d) => {
    offsets[d + 1] = offsets[d]! + pool.length;
  });
  return { offsets };
}

/**
 * Draws one stratified bootstrap resample into `draw` (length = item count): within each
 * sub-dimension, as many items as it has, uniformly with replacement from its own items. Strata
 * are drawn in table order, so the same seed gives the same resamples.
 */
export function drawStratified(
  table: Pick<PairTable, 'itemsByDimension'>,
  layout: StratifiedLayout,
  rng: Prng,
  draw: Uint32Array,
): void {
  table.itemsByDimension.forEach((pool, d) => {
    const start = layout.offsets[d]!;
    const k = pool.length;
    for (let j = 0; j < k; j++) draw[start + j] = pool[rng.nextInt(k)]!;
  });
}

/**
 * {@link drawStratified}, counted instead of listed: `weights[i]` becomes how often item `i` was
 * drawn (the same draws, from the same random numbers in the same order), without the draw array.
 */
export function drawStratifiedWeights(
  table: Pick<PairTable, 'itemsByDimension'>,
  rng: Prng,
  weights: Uint32Array,
): void {
  weights.fill(0);
  for (const pool of table.itemsByDimension) {
    const k = pool.length;
    if (counts.length < k) counts = new Uint32Array(Math.max(k, 2 * counts.length));
    drawStratumCounts(rng, k, counts);
    for (let j = 0; j < k; j++) weights[pool[j]!] = counts[j]!;
  }
}

/**
 * One stratum of {@link drawStratifiedWeights}, counted by position: `drawn[j]` (j < k) becomes how
 * often the stratum's j-th item was drawn among its k draws, from the next k random numbers
 * (`nextInt(k)` each). With `fillUint32` the same numbers come in batches (nextInt(k) is
 * floor(nextUint32() / 2^32 × k)), counted into `drawn`, a small array that stays in cache.
 */
export function drawStratumCounts(rng: Prng, k: number, drawn: Uint32Array): void {
  drawn.fill(0, 0, k);
  if (rng.fillUint32 === undefined) {
    for (let j = 0; j < k; j++) drawn[rng.nextInt(k)]!++;
    return;
  }
  const random = (batch ??= new Uint32Array(BATCH));
  const scale = k / TWO_POW_32;
  for (let from = 0; from < k; from += BATCH) {
    const n = Math.min(BATCH, k - from);
    rng.fillUint32(random, n);
    for (let j = 0; j < n; j++) drawn[Math.floor(random[j]! * scale)]!++;
  }
}

const TWO_POW_32 = 4294967296;
const BATCH = 4096;
let batch: Uint32Array | undefined;
/** How often each position of the stratum being drawn was drawn ({@link drawStratifiedWeights}). */
let counts = new Uint32Array(0);
