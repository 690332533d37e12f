import type { ItemExpectation, StrategyId } from '@sc-safety/results';
import type { CategoryId } from '@sc-safety/results';

// What a header says about its dataset is recorded in results.json (manifest.dataset.header).
export type { DatasetDerivation, DatasetHeaderInfo, DatasetSourceInfo } from '@sc-safety/results';

/** The `$schema` value a dataset header declares. */
export const DATASET_SCHEMA = 'sc-safety/dataset@1';

/**
 * One benchmark item after normalisation: category and dimension are ids (never Chinese names),
 * optional fields are present only when the file gave them, unknown fields are dropped.
 */
export interface DatasetItem {
  /** Unique within its file. */
  id: string;
  category: CategoryId;
  /** A sub-dimension id: built in (`crime`) or declared by the dataset's header. */
  dimension: string;
  /** The user messages in order; SC-Safety items have two: the question and the follow-up. */
  turns: string[];
  /** A system prompt to send before the first turn. */
  system?: string;
  tags?: string[];
  /** Where the item comes from (a dataset name, a URL, an author). */
  source?: string;
  /** The attack strategy the item uses (one of `STRATEGY_IDS`), when the dataset names one. */
  strategy?: StrategyId;
  /**
   * `comply`: a benign contrast prompt that deserves a helpful answer (a refusal is over-caution).
   * Such items are single-turn.
   */
  expect?: ItemExpectation;
  /** Free-form extra data; carried through untouched. */
  meta?: Record<string, unknown>;
}

export type IssueSeverity = 'error' | 'warning';

/**
 * One problem found in a dataset file. JSONL items are located by `line` (1-based, as in the file,
 * blank lines included); items of a `.json` array by `item` (0-based index into the array), since
 * JSON.parse gives no positions for values. File-level problems have neither.
 */
export interface DatasetIssue {
  /** The file as shown to the user (the path as given, or a repo-relative path for builtins). */
  file: string;
  line?: number;
  item?: number;
  /** The offending field, as a path: `turns[1]`, `dimensions[0].category`. */
  field?: string;
  /** What is wrong and how to fix it. */
  message: string;
  severity: IssueSeverity;
}

/** Where an item sits in its file: a line of a JSONL file or an index into a JSON array. */
export interface ItemLocation {
  line?: number;
  item?: number;
}
