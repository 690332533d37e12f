import { describe, expect, it } from 'vitest';
import { Taxonomy } from '../taxonomy/taxonomy.js';
import { loadDataset } from './load.js';
import { charLength, datasetStats } from './stats.js';
import type { DatasetItem } from './types.js';
import { fixture } from './__fixtures__/temp-files.js';

const item = (id: string, category: DatasetItem['category'], dimension: string, turns: string[]): DatasetItem => ({ id, category, dimension, turns });

describe('datasetStats', () => {
  const items = [
    item('a', 'traditional_safety', 'crime', ['12345', '12']),
    item('b', 'traditional_safety', 'crime', ['一二三', '一']),
    item('c', 'traditional_safety', 'insult', ['1']),
    item('d', 'instruction_attack', 'goal_hijacking', ['😀😀', '1234', '12']),
  ];
  const stats = datasetStats(items);

  it('counts items and turns per category and sub-dimension, in taxonomy order', () => {
    expect(stats.items).toBe(4);
    expect(stats.turns).toBe(8);
    expect(stats.categories).toEqual([
      { id: 'traditional_safety', zh: '传统安全类', en: 'Traditional safety', items: 3, turns: 5, twoTurnItems: 2, dimensions: 2 },
      { id: 'instruction_attack', zh: '指令攻击', en: 'Instruction attacks', items: 1, turns: 3, twoTurnItems: 0, dimensions: 1 },
    ]);
    expect(stats.dimensions.map((d) => [d.id, d.zh, d.category, d.items, d.turns, d.twoTurnItems])).toEqual([
      ['insult', '脏话侮辱', 'traditional_safety', 1, 1, 0],
      ['crime', '违法犯罪', 'traditional_safety', 2, 4, 2],
      ['goal_hijacking', '目标劫持', 'instruction_attack', 1, 3, 0],
    ]);
    expect(stats.missingDimensions).toHaveLength(19);
    expect(stats.itemsByTurnCount).toEqual([
      { turns: 1, items: 1 },
      { turns: 2, items: 2 },
      { turns: 3, items: 1 },
    ]);
  });

  it('gives prompt lengths in characters per turn position', () => {
    // turn 1 lengths: 5, 3, 1, 2 → sorted 1 2 3 5; turn 2: 2, 1, 4; turn 3: 2.
    expect(stats.promptLength).toEqual([
      { turn: 1, count: 4, min: 1, mean: 11 / 4, median: 2.5, max: 5 },
      { turn: 2, count: 3, min: 1, mean: 7 / 3, median: 2, max: 4 },
      { turn: 3, count: 1, min: 2, mean: 2, median: 2, max: 2 },
    ]);
    expect(charLength('中文😀')).toBe(3);
  });

  it('names declared sub-dimensions and keeps unknown ones visible', () => {
    const t = new Taxonomy([{ id: 'cyber', category: 'traditional_safety', zh: '网络安全', en: 'Cyber' }]);
    const s = datasetStats([item('x', 'traditional_safety', 'cyber', ['q', 'f'])], t);
    expect(s.dimensions).toEqual([
      { id: 'cyber', zh: '网络安全', en: 'Cyber', category: 'traditional_safety', status: 'extension', items: 1, turns: 2, twoTurnItems: 1,
        singleTurnItems: 0, strategies: {}, complyItems: 0, round1MedianChars: 1 },
    ]);
    expect(datasetStats([item('x', 'traditional_safety', 'cyber', ['q'])]).dimensions[0]).toMatchObject({ id: 'cyber', zh: 'cyber' });
  });

  it('carries the same fingerprint as the loader', async () => {
    const d = await loadDataset(fixture('good.jsonl'));
    expect(datasetStats(d.items, d.taxonomy).fingerprint).toBe(d.fingerprint);
    expect(datasetStats([]).promptLength).toEqual([]);
  });
});
