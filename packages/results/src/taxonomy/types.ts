/** The three SC-Safety categories (docs/benchmark.md §2). */
export type CategoryId = 'traditional_safety' | 'responsible_ai' | 'instruction_attack';

export const CATEGORY_IDS: readonly CategoryId[] = ['traditional_safety', 'responsible_ai', 'instruction_attack'];

/**
 * `confirmed`: an authors' source names the sub-dimension (`citation` says which); `inferred`: the
 * name is ours or comes from the works the authors list as reading (`basis` says which);
 * `extension`: declared by a dataset header.
 */
export type DimensionStatus = 'confirmed' | 'inferred' | 'extension';

export interface Category {
  id: CategoryId;
  zh: string;
  en: string;
  definition: string;
}

export interface Dimension {
  /** Stable snake_case id. */
  id: string;
  category: CategoryId;
  zh: string;
  en: string;
  definition: string;
  status: DimensionStatus;
  /** Where the authors name it, for `confirmed` dimensions. */
  citation?: string;
  /** Where the name comes from, for `inferred` dimensions. */
  basis?: string;
}
