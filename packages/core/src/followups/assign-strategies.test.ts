import { describe, expect, it } from 'vitest';
import { STRATEGY_IDS } from '@sc-safety/results';
import { assignStrategies } from './assign-strategies.js';

describe('assignStrategies', () => {
  it('picks perItem distinct strategies, in list order, the same every time', () => {
    const picked = assignStrategies('item-1', STRATEGY_IDS, 3, 1);
    expect(picked).toHaveLength(3);
    expect(new Set(picked).size).toBe(3);
    expect(picked).toEqual(STRATEGY_IDS.filter((s) => picked.includes(s)));
    expect(assignStrategies('item-1', STRATEGY_IDS, 3, 1)).toEqual(picked);
  });

  it('depends on the item id and the seed, and spreads the strategies over items', () => {
    const ids = Array.from({ length: 70 }, (_, i) => `q-${i}`);
    const counts = new Map<string, number>();
    for (const id of ids)
      for (const s of assignStrategies(id, STRATEGY_IDS, 1, 1)) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect(counts.size).toBe(STRATEGY_IDS.length);
    const differ = ids.filter(
      (id) => assignStrategies(id, STRATEGY_IDS, 1, 1)[0] !== assignStrategies(id, STRATEGY_IDS, 1, 2)[0],
    );
    expect(differ.length).toBeGreaterThan(0);
  });

  it('uses every listed strategy when perItem covers them all', () => {
    expect(assignStrategies('x', ['pressure', 'role_play'], 2, 9)).toEqual(['pressure', 'role_play']);
  });
});
