import { describe, expect, it } from 'vitest';
import { epochSpread } from './epoch-spread.js';
import type { ScoreRecord } from './outcome.js';

const rec = (model: string, itemId: string, epoch: number, score: number | null): ScoreRecord => ({
  model,
  itemId,
  category: 'traditional_safety',
  dimension: 'crime',
  round: 1,
  epoch,
  ...(score === null ? { outcome: 'target_error' as const } : { outcome: 'scored' as const, score }),
});

describe('epochSpread', () => {
  it('is empty when every model ran one epoch', () => {
    expect(epochSpread([rec('a', 'x', 1, 2)])).toEqual({});
  });

  it('counts units scored in two or more epochs, their differing share and mean sample SD', () => {
    const spread = epochSpread([
      rec('a', 'x', 1, 2),
      rec('a', 'x', 2, 2),
      rec('a', 'y', 1, 2),
      rec('a', 'y', 2, 0),
      rec('a', 'z', 1, 1),
      rec('a', 'z', 2, null),
    ]);
    // z has one scored epoch: not compared. y: SD of (2, 0) = √2.
    expect(spread.a).toMatchObject({ epochs: 2, units: 2, differing: 1, differingShare: 0.5 });
    expect(spread.a!.meanSd).toBeCloseTo(Math.SQRT2 / 2);
    expect(spread.a!.items).toEqual([{ itemId: 'y', round: 1, scores: [2, 0] }]);
  });
});
