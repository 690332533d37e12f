import { CATEGORIES, DIMENSIONS } from './data.js';
import type { Category, CategoryId, Dimension } from './types.js';

/** A dimension a dataset declares beyond the built-in 22. */
export interface DimensionExtension {
  id: string;
  category: CategoryId;
  zh?: string;
  en?: string;
  definition?: string;
}

/**
 * The categories and sub-dimensions in force for one dataset: the built-in ones plus any the
 * dataset declares. Look-ups accept an id or a Chinese name.
 */
export class Taxonomy {
  readonly categories: readonly Category[];
  readonly dimensions: readonly Dimension[];
  private readonly byKey = new Map<string, Dimension>();
  private readonly categoryByKey = new Map<string, Category>();

  constructor(extensions: readonly DimensionExtension[] = []) {
    this.categories = CATEGORIES;
    const dims: Dimension[] = [...DIMENSIONS];
    for (const ext of extensions) {
      if (this.byKeyHas(dims, ext.id) || (ext.zh !== undefined && this.byKeyHas(dims, ext.zh))) {
        throw new Error(`dimension "${ext.id}" is already defined; pick another id`);
      }
      dims.push({
        id: ext.id,
        category: ext.category,
        zh: ext.zh ?? ext.id,
        en: ext.en ?? ext.id,
        definition: ext.definition ?? '',
        status: 'extension',
      });
    }
    this.dimensions = dims;
    for (const d of dims) {
      this.byKey.set(d.id, d);
      this.byKey.set(d.zh, d);
    }
    for (const c of CATEGORIES) {
      this.categoryByKey.set(c.id, c);
      this.categoryByKey.set(c.zh, c);
    }
  }

  private byKeyHas(dims: readonly Dimension[], key: string): boolean {
    return dims.some((d) => d.id === key || d.zh === key);
  }

  /** A category by id (`traditional_safety`) or Chinese name (`传统安全类`). */
  category(key: string): Category | undefined {
    return this.categoryByKey.get(key.trim());
  }

  /** A sub-dimension by id (`crime`) or Chinese name (`违法犯罪`). */
  dimension(key: string): Dimension | undefined {
    return this.byKey.get(key.trim());
  }

  dimensionsOf(category: CategoryId): Dimension[] {
    return this.dimensions.filter((d) => d.category === category);
  }

  /** The nearest known dimension names to a misspelt one, for "did you mean" hints. */
  suggestDimension(key: string, category?: CategoryId): string | undefined {
    const pool = this.dimensions.filter((d) => category === undefined || d.category === category);
    return nearest(
      key,
      pool.flatMap((d) => [d.id, d.zh]),
    );
  }

  suggestCategory(key: string): string | undefined {
    return nearest(
      key,
      CATEGORIES.flatMap((c) => [c.id, c.zh]),
    );
  }
}

/** The built-in taxonomy with no extensions. */
export const defaultTaxonomy = new Taxonomy();

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[y.length]!;
}

function nearest(key: string, candidates: readonly string[]): string | undefined {
  const k = key.trim().toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(k, c.toLowerCase());
    // Normalise by length so short Chinese names and long ids compete fairly.
    const score = d / Math.max(1, Math.max([...k].length, [...c].length));
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return bestScore <= 0.6 ? best : undefined;
}
