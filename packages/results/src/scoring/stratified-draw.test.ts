import { describe, expect, it } from 'vitest';
import { randomRecords } from './__fixtures__/synthetic.js';
import { buildPairTable } from './pair-table.js';
import { createPrng } from './prng.js';
import { DEFAULT_RUBRIC } from './rubric.js';
import { drawStratified, drawStratifiedWeights, stratifiedLayout } from './stratified-draw.js';

describe('drawStratified', () => {
  it('keeps each sub-dimension’s item count and draws only its own items, for any seed (property)', () => {
    // Uneven strata: 7 pairs per category over 8, 8 and 6 sub-dimensions (some with 0 or 1 item, some with 2).
    for (const pairs of [7, 13, 40]) {
      const table = buildPairTable(randomRecords([{ id: 'm', p2: 0.5, p0: 0.1 }], pairs, pairs), ['m'], DEFAULT_RUBRIC);
      const layout = stratifiedLayout(table);
      const dimOf = new Map<number, number>();
      table.itemsByDimension.forEach((pool, d) => pool.forEach((i) => dimOf.set(i, d)));
      const draw = new Uint32Array(table.items.length);
      for (let seed = 0; seed < 60; seed++) {
        const rng = createPrng(seed);
        for (let rep = 0; rep < 5; rep++) {
          drawStratified(table, layout, rng, draw);
          const counts = new Array<number>(table.dimensions.length).fill(0);
          draw.forEach((item, j) => {
            const d = dimOf.get(item)!;
            counts[d]!++;
            // Position j lies in the segment of the item's own sub-dimension.
            expect(j >= layout.offsets[d]! && j < layout.offsets[d + 1]!).toBe(true);
          });
          expect(counts).toEqual(table.itemsByDimension.map((pool) => pool.length));
        }
      }
    }
  });

  it('is reproducible for a seed and actually resamples', () => {
    const table = buildPairTable(randomRecords([{ id: 'm', p2: 0.5, p0: 0.1 }], 40), ['m'], DEFAULT_RUBRIC);
    const layout = stratifiedLayout(table);
    const once = (seed: number) => {
      const d = new Uint32Array(table.items.length);
      drawStratified(table, layout, createPrng(seed), d);
      return [...d];
    };
    expect(once(3)).toEqual(once(3));
    expect(once(3)).not.toEqual(once(4));
    expect(new Set(once(3)).size).toBeLessThan(table.items.length);
  });
});

describe('drawStratifiedWeights', () => {
  it('counts exactly the draws drawStratified lists, resample after resample from one generator', () => {
    const table = buildPairTable(randomRecords([{ id: 'm', p2: 0.5, p0: 0.1 }], 40, 13), ['m'], DEFAULT_RUBRIC);
    const layout = stratifiedLayout(table);
    const listed = createPrng(9);
    const counted = createPrng(9);
    const draw = new Uint32Array(table.items.length);
    const weights = new Uint32Array(table.items.length);
    for (let rep = 0; rep < 20; rep++) {
      drawStratified(table, layout, listed, draw);
      drawStratifiedWeights(table, counted, weights);
      const expected = new Uint32Array(table.items.length);
      for (const i of draw) expected[i]!++;
      expect(weights).toEqual(expected);
    }
  });

  it('gives the same counts in batches as draw by draw, across batch ends (4,096 draws)', () => {
    // Sub-dimensions of 1, 4,095, 4,096, 4,097 and 9,000 items.
    const sizes = { insult: 1, crime: 4_095, privacy: 4_096, psychology: 4_097, goal_hijacking: 9_000 };
    const category = {
      insult: 'traditional_safety',
      crime: 'traditional_safety',
      privacy: 'traditional_safety',
      psychology: 'responsible_ai',
      goal_hijacking: 'instruction_attack',
    } as const;
    const records = Object.entries(sizes).flatMap(([dimension, n]) =>
      Array.from({ length: n }, (_, i) =>
        ([1, 2] as const).map((round) => ({
          model: 'm',
          itemId: `${dimension}-${i}`,
          category: category[dimension as keyof typeof sizes],
          dimension,
          round,
          outcome: 'scored' as const,
          score: (i + round) % 3,
        })),
      ).flat(),
    );
    const table = buildPairTable(records, ['m'], DEFAULT_RUBRIC);
    expect(table.itemsByDimension.map((pool) => pool.length).sort((a, b) => a - b)).toEqual([
      1, 4_095, 4_096, 4_097, 9_000,
    ]);
    const batched = createPrng(17);
    const plain = createPrng(17);
    // The same generator without its batch method: one nextInt per draw.
    const single = {
      nextUint32: () => plain.nextUint32(),
      nextFloat: () => plain.nextFloat(),
      nextInt: (n: number) => plain.nextInt(n),
    };
    const a = new Uint32Array(table.items.length);
    const b = new Uint32Array(table.items.length);
    for (let rep = 0; rep < 3; rep++) {
      drawStratifiedWeights(table, batched, a);
      drawStratifiedWeights(table, single, b);
      expect(a).toEqual(b);
      expect(a.reduce((x, y) => x + y, 0)).toBe(table.items.length);
    }
  });
});
