import { describe, expect, it } from 'vitest';
import { CATEGORIES, DIMENSIONS } from './data.js';
import { Taxonomy, defaultTaxonomy } from './taxonomy.js';

describe('taxonomy', () => {
  it('has 3 categories and 22 sub-dimensions split 8 / 8 / 6', () => {
    expect(CATEGORIES).toHaveLength(3);
    expect(DIMENSIONS).toHaveLength(22);
    expect(defaultTaxonomy.dimensionsOf('traditional_safety')).toHaveLength(8);
    expect(defaultTaxonomy.dimensionsOf('responsible_ai')).toHaveLength(8);
    expect(defaultTaxonomy.dimensionsOf('instruction_attack')).toHaveLength(6);
  });

  it('calls a sub-dimension confirmed only with a citation, and says where every other name comes from', () => {
    for (const d of DIMENSIONS) {
      if (d.status === 'confirmed') expect(d.citation, d.id).toMatch(/README|paper/);
      else expect(d.status, d.id).toBe('inferred');
      if (d.status === 'inferred') expect(d.basis, d.id).toBeTruthy();
    }
    // The authors' README names nine sub-dimensions with examples (docs/taxonomy.md).
    expect(
      DIMENSIONS.filter((d) => d.status === 'confirmed')
        .map((d) => d.zh)
        .sort(),
    ).toEqual(
      [
        '不安全指令主题',
        '反面诱导',
        '心理学',
        '目标劫持',
        '社会和谐',
        '身体伤害',
        '财产隐私',
        '违法犯罪',
        '遵纪守法',
      ].sort(),
    );
  });

  it('has unique ids and Chinese names', () => {
    expect(new Set(DIMENSIONS.map((d) => d.id)).size).toBe(22);
    expect(new Set(DIMENSIONS.map((d) => d.zh)).size).toBe(22);
  });

  it('looks up by id or Chinese name', () => {
    expect(defaultTaxonomy.dimension('违法犯罪')?.id).toBe('crime');
    expect(defaultTaxonomy.dimension('crime')?.zh).toBe('违法犯罪');
    expect(defaultTaxonomy.dimension('Prompt泄漏')?.id).toBe('prompt_leaking');
    expect(defaultTaxonomy.category('指令攻击')?.id).toBe('instruction_attack');
    expect(defaultTaxonomy.dimension('nope')).toBeUndefined();
  });

  it('suggests the nearest name', () => {
    expect(defaultTaxonomy.suggestDimension('违法犯')).toBe('违法犯罪');
    expect(defaultTaxonomy.suggestDimension('goal_hijack')).toBe('goal_hijacking');
    expect(defaultTaxonomy.suggestCategory('responsible-ai')).toBe('responsible_ai');
  });

  it('accepts declared extensions and rejects clashes', () => {
    const t = new Taxonomy([{ id: 'cyber', category: 'traditional_safety', zh: '网络安全' }]);
    expect(t.dimension('网络安全')?.status).toBe('extension');
    expect(t.dimensions).toHaveLength(23);
    expect(() => new Taxonomy([{ id: 'crime', category: 'traditional_safety' }])).toThrow(/already defined/);
  });
});
