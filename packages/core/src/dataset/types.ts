import type { ItemExpectation, StrategyId } from '../taxonomy/strategies.js';
import type { CategoryId } from '../taxonomy/types.js';

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

/** Where an imported dataset came from: the source set's name, its file and that file's sha256. */
export interface DatasetSourceInfo {
  /** The source set's name (`Flames`, `CValues`, `Safety-Prompts`, or what `--source-name` said). */
  name: string;
  /** The source file's name (its base name, as imported). */
  file: string;
  /** `sha256:<hex>` of the source file's bytes. */
  sha256: string;
}

/**
 * What a dataset header says about the dataset itself (every field optional): its name and
 * version, its licence and how to cite it, and for an imported set where it came from.
 */
export interface DatasetHeaderInfo {
  name?: string;
  /** A version label, e.g. `open@1`. */
  version?: string;
  /** An SPDX id or the licence's name (`Apache-2.0`). */
  licence?: string;
  /** How to cite the dataset (or its source). */
  citation?: string;
  source?: DatasetSourceInfo;
  /** For a dataset generated from another one (e.g. frozen follow-ups): the source dataset. */
  derivedFrom?: DatasetDerivation;
  /** For a dataset with generated follow-ups: how they were written (see `docs/dataset-format.md`). */
  followups?: Record<string, unknown>;
}

/** The dataset another one was generated from: its fingerprint (`sha256:<hex>` over its items) and file. */
export interface DatasetDerivation {
  fingerprint: string;
  /** The source dataset's file name (base name) or `builtin:NAME`. */
  file: string;
  /** The source dataset's own name, when its header gave one. */
  name?: string;
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
