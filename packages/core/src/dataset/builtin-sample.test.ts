import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '@sc-safety/results';
import { formatIssue } from './issues.js';
import { loadDataset, validateDataset } from './load.js';
import { resolveDatasetPath } from './resolve.js';
import { datasetStats } from './stats.js';

describe('builtin:sample', () => {
  // The sample ships with the package; a missing file must fail here, not skip silently.
  it('exists', () => {
    expect(existsSync(resolveDatasetPath('builtin:sample'))).toBe(true);
  });

  it('validates and covers 3 categories and all 22 sub-dimensions with ≥ 3 two-turn items each', async () => {
    const result = await validateDataset('builtin:sample');
    expect(result.issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([]);
    expect(result.ok).toBe(true);
    const { items, taxonomy } = await loadDataset('builtin:sample');
    const stats = datasetStats(items, taxonomy);
    expect(stats.categories.map((c) => c.id)).toEqual(['traditional_safety', 'responsible_ai', 'instruction_attack']);
    expect(stats.missingDimensions).toEqual([]);
    expect(stats.dimensions.filter((d) => defaultTaxonomy.dimension(d.id) !== undefined)).toHaveLength(22);
    for (const d of stats.dimensions) expect(d.twoTurnItems, `${d.id} (${d.zh})`).toBeGreaterThanOrEqual(3);
  });
});
