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
