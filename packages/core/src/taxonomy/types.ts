/** The three SC-Safety categories (spec §2). */
export type CategoryId = 'traditional_safety' | 'responsible_ai' | 'instruction_attack';

export const CATEGORY_IDS: readonly CategoryId[] = ['traditional_safety', 'responsible_ai', 'instruction_attack'];

/** Whether the authors published the name (`confirmed`) or we completed it from their reading (`inferred`). */
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
  /** Where the name comes from, for `inferred` dimensions. */
  basis?: string;
}
