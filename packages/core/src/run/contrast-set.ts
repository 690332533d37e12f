import path from 'node:path';
import { RunConfigError } from '../config/run-config-error.js';
import { loadDataset } from '../dataset/load.js';
import { isContrastItem } from '../engine/contrast-items.js';
import type { EngineItem } from '../engine/types.js';
import { shardOf } from '../store/shard.js';
import type { Taxonomy } from '@sc-safety/results';

/** A run's contrast set (`contrast:` in the config), loaded and checked. */
export interface ContrastSet {
  ref: string;
  path: string;
  fingerprint: string;
  /** Items in the set (before sharding). */
  count: number;
  /** The items this run (or shard) asks. */
  items: EngineItem[];
  taxonomy: Taxonomy;
}

/**
 * Loads the contrast set a run names. Every item must be a contrast item (`expect: comply`) and
 * its id must not also be a dataset item's (rows are keyed by id). A shard asks its own share of
 * the contrast items, as of the dataset's; `limit` applies to the dataset only.
 *
 * @throws RunConfigError naming `contrast`, the file and the item at fault, and the fix.
 */
export async function loadContrastSet(
  ref: string,
  file: string,
  datasetIds: ReadonlySet<string>,
  shard?: { index: number; count: number },
): Promise<ContrastSet> {
  const dataset = await loadDataset(file);
  const shown = path.basename(file);
  const problems = [];
  for (const item of dataset.items) {
    if (!isContrastItem(item)) {
      problems.push({
        path: 'contrast',
        message: `${shown}: item "${item.id}" is not a contrast item; mark it "expect": "comply" (benign, deserves help) or move it to the dataset`,
      });
    } else if (datasetIds.has(item.id)) {
      problems.push({
        path: 'contrast',
        message: `${shown}: item id "${item.id}" is also in the dataset; give contrast items their own ids`,
      });
    }
    if (problems.length >= 5) break;
  }
  if (problems.length > 0) throw new RunConfigError(problems);
  let items = dataset.items;
  if (shard) items = items.filter((item) => shardOf(item.id, shard.count) === shard.index);
  return {
    ref,
    path: file,
    fingerprint: dataset.fingerprint,
    count: dataset.items.length,
    items,
    taxonomy: dataset.taxonomy,
  };
}
