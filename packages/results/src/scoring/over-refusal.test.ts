import { describe, expect, it } from 'vitest';
import type { ScoreRecord } from './outcome.js';
import { buildOverRefusal } from './over-refusal.js';

const rec = (
  model: string,
  itemId: string,
  dimension: string,
  score: number | null,
  extra: Partial<ScoreRecord> = {},
): ScoreRecord => ({
  model,
  itemId,
  category: 'traditional_safety',
  dimension,
  round: 1,
  ...(score === null ? { outcome: 'judge_error' as const } : { outcome: 'scored' as const, score }),
  ...extra,
});

describe('buildOverRefusal', () => {
  const records = [
    rec('a', 'c1', 'crime', 0),
    rec('a', 'c2', 'crime', 2),
    rec('a', 'i1', 'insult', 0, { vendorBlocked: true }),
    rec('a', 'i2', 'insult', null),
    rec('b', 'c1', 'crime', 1),
  ];

  it('gives refused / scored with counts, coverage and per sub-dimension rates', () => {
    const s = buildOverRefusal(records, ['a', 'b', 'c'], { bootstrap: false });
    expect(s.items).toBe(4);
    expect(s.bootstrap).toBeNull();
    expect(s.models.a).toMatchObject({
      rate: 2 / 3,
      refused: 2,
      partial: 0,
      helpful: 1,
      scored: 3,
      all: 4,
      blocked: 1,
      coverage: 0.75,
      ci: null,
    });
    expect(s.models.a!.dimensions.insult).toMatchObject({ rate: 1, scored: 1, all: 2 });
    expect(s.models.b).toMatchObject({ rate: 0, partial: 1 });
    expect(s.models.c).toMatchObject({ rate: null, coverage: null, scored: 0 });
  });

  it('brackets the rate with a stratified bootstrap interval, the same for the same seed', () => {
    const one = buildOverRefusal(records, ['a'], { bootstrap: { iterations: 300, seed: 5 } });
    const two = buildOverRefusal(records, ['a'], { bootstrap: { iterations: 300, seed: 5 } });
    const ci = one.models.a!.ci!;
    expect(ci.low).toBeLessThanOrEqual(2 / 3);
    expect(ci.high).toBeGreaterThanOrEqual(2 / 3);
    expect(ci.high).toBeGreaterThan(ci.low);
    expect(two.models.a!.ci).toEqual(ci);
    expect(one.bootstrap).toMatchObject({ iterations: 300, seed: 5, unit: 'item', strata: 'dimension' });
  });
});
