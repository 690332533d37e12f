import type { Taxonomy } from '@sc-safety/results';
import { DatasetError } from './errors.js';
import { DatasetScan, type ScanOptions } from './scan.js';
import type { DatasetHeaderInfo, DatasetIssue, DatasetItem } from './types.js';

/** What is known about a dataset once it has been read through. */
export interface DatasetSummary {
  /** The absolute file read. */
  path: string;
  /** The file name used in issues. */
  file: string;
  /** `sha256:<hex>` over the normalised items; see {@link Fingerprinter}. */
  fingerprint: string;
  /** Built-in categories and sub-dimensions plus those the dataset declares. */
  taxonomy: Taxonomy;
  itemCount: number;
  /** Items with one turn only: round 1 is asked, there is no follow-up. */
  singleTurnCount: number;
  /** What the header says about the dataset: name, version, licence, citation, source. */
  header: DatasetHeaderInfo;
  /** Warnings found (unknown fields and the like); they do not make the dataset invalid. */
  warnings: DatasetIssue[];
}

/** A dataset read into memory. */
export interface LoadedDataset extends DatasetSummary {
  items: DatasetItem[];
}

/** The outcome of {@link validateDataset}. */
export interface ValidationResult {
  ok: boolean;
  path: string;
  file: string;
  /** Errors and warnings in file order, up to the cap. */
  issues: DatasetIssue[];
  /** Issues found past the cap. */
  omitted: number;
  errorCount: number;
  warningCount: number;
  /** Valid items. */
  itemCount: number;
  /** Valid items with one turn only (round 1 only, no follow-up). */
  singleTurnCount: number;
  /** What the header says about the dataset. */
  header: DatasetHeaderInfo;
  /** Present only when the dataset is valid. */
  fingerprint?: string;
  taxonomy: Taxonomy;
}

function failure(scan: DatasetScan): DatasetError {
  return new DatasetError(scan.issues.issues, { omitted: scan.issues.omitted });
}

function summary(scan: DatasetScan): DatasetSummary {
  return {
    path: scan.path,
    file: scan.file,
    fingerprint: scan.fingerprint.digest(),
    taxonomy: scan.taxonomy,
    itemCount: scan.itemCount,
    singleTurnCount: scan.singleTurnCount,
    header: scan.header,
    warnings: scan.issues.warnings,
  };
}

/**
 * Streams a dataset's normalised items in file order (JSONL is never held in memory whole).
 * Nothing is yielded after the first error; the file is still read to the end so the
 * {@link DatasetError} thrown then lists every problem. The generator's return value (visible
 * through `next()`, not `for await`) is the {@link DatasetSummary}.
 *
 * @param ref a path, or `builtin:NAME` for a dataset shipped with the package.
 * @throws DatasetError when the file is missing or any item is invalid.
 */
export async function* streamDataset(
  ref: string,
  options: ScanOptions = {},
): AsyncGenerator<DatasetItem, DatasetSummary, undefined> {
  const scan = new DatasetScan(ref, options);
  for await (const item of scan.items()) {
    if (!scan.issues.hasErrors) yield item;
  }
  if (scan.issues.hasErrors) throw failure(scan);
  return summary(scan);
}

/**
 * Reads a whole dataset into memory.
 *
 * @param ref a path, or `builtin:NAME` for a dataset shipped with the package.
 * @throws DatasetError listing every problem (up to `maxIssues`) when the dataset is invalid.
 */
export async function loadDataset(ref: string, options: ScanOptions = {}): Promise<LoadedDataset> {
  const scan = new DatasetScan(ref, options);
  const items: DatasetItem[] = [];
  for await (const item of scan.items()) items.push(item);
  if (scan.issues.hasErrors) throw failure(scan);
  return { ...summary(scan), items };
}

/** Checks a dataset and reports every problem (up to `maxIssues`); never throws for bad data. */
export async function validateDataset(ref: string, options: ScanOptions = {}): Promise<ValidationResult> {
  const scan = new DatasetScan(ref, options);
  for await (const _item of scan.items()) {
    // Items are only counted and fingerprinted by the scan.
  }
  const ok = !scan.issues.hasErrors;
  const result: ValidationResult = {
    ok,
    path: scan.path,
    file: scan.file,
    issues: scan.issues.issues,
    omitted: scan.issues.omitted,
    errorCount: scan.issues.errorCount,
    warningCount: scan.issues.warningCount,
    itemCount: scan.itemCount,
    singleTurnCount: scan.singleTurnCount,
    header: scan.header,
    taxonomy: scan.taxonomy,
  };
  if (ok) result.fingerprint = scan.fingerprint.digest();
  return result;
}
