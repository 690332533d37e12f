import type { Taxonomy } from '@sc-safety/results';
import { DatasetError } from '../dataset/errors.js';
import { streamDataset } from '../dataset/load.js';
import type { DatasetSummary } from '../dataset/load.js';
import type { DatasetHeaderInfo } from '../dataset/types.js';
import { isContrastItem } from '../engine/contrast-items.js';
import type { EngineItem } from '../engine/types.js';
import { shardOf } from '../store/shard.js';
import { loadContrastSet } from './contrast-set.js';
import type { ContrastSet } from './contrast-set.js';
import { PlanTally } from './estimate-plan.js';
import { hasExtraTurns } from './run-warnings.js';

/** Which of a dataset's items a run asks: the first `limit`, then those of shard `shard`. */
export interface ItemSelection {
  /** A dataset path, or `builtin:NAME`. */
  dataset: string;
  limit?: number | undefined;
  shard?: { index: number; count: number } | undefined;
  maxLineBytes?: number | undefined;
}

/** What a run knows of its items before it asks any: one pass over the dataset, no item kept. */
export interface RunItemsScan {
  taxonomy: Taxonomy;
  fingerprint: string;
  /** Items in the dataset (before `limit` and `shard`). */
  itemCount: number;
  header: DatasetHeaderInfo;
  /** Items the run asks: the dataset's selected items, then the contrast set's. */
  count: number;
  /** The contrast set, with the items this run asks of it (a contrast set is small). */
  contrastSet?: ContrastSet;
  /** The asked items' share of the plan. */
  tally: PlanTally;
  /** Whether any asked item is a contrast item (`expect: comply`). */
  hasContrast: boolean;
  /** Asked items with turns a run never asks. */
  extraTurns: number;
  /** Asked safety items with a written follow-up (an adaptive run asks its own instead). */
  writtenFollowups: number;
}

/** Streams the dataset's items `selection` picks, in file order; returns what the dataset's scan found. */
async function* selected(selection: ItemSelection): AsyncGenerator<EngineItem, DatasetSummary, undefined> {
  const { limit, shard } = selection;
  const stream = streamDataset(
    selection.dataset,
    selection.maxLineBytes === undefined ? {} : { maxLineBytes: selection.maxLineBytes },
  );
  let index = 0;
  for (;;) {
    const next = await stream.next();
    if (next.done) return next.value;
    const item = next.value;
    if (limit !== undefined && limit > 0 && index++ >= limit) continue;
    if (shard && shardOf(item.id, shard.count) !== shard.index) continue;
    yield item;
  }
}

/**
 * Reads the dataset (and the contrast set, when the run names one) through once and adds up what
 * the run needs before its first call: the plan's counts and token estimate, the warnings' counts,
 * the fingerprint. The items themselves are read again, streamed into the run's item spool, by
 * {@link runItems}.
 *
 * @throws DatasetError for an invalid dataset, RunConfigError for a contrast set that does not fit.
 */
export async function scanRunItems(
  selection: ItemSelection,
  options: { contrast?: { ref: string; path: string } | undefined; adaptiveTurns?: number | undefined } = {},
): Promise<RunItemsScan> {
  const tally = new PlanTally(options.adaptiveTurns);
  let hasContrast = false;
  let extraTurns = 0;
  let writtenFollowups = 0;
  const add = (item: EngineItem) => {
    tally.add(item);
    const contrast = isContrastItem(item);
    hasContrast ||= contrast;
    if (hasExtraTurns(item)) extraTurns++;
    if (!contrast && item.turns.length > 1) writtenFollowups++;
  };
  // A contrast item's id must not be a dataset item's: the ids are kept only when there is one.
  const ids = options.contrast ? new Set<string>() : undefined;
  const stream = selected(selection);
  let summary: DatasetSummary;
  for (;;) {
    const next = await stream.next();
    if (next.done) {
      summary = next.value;
      break;
    }
    add(next.value);
    ids?.add(next.value.id);
  }
  let contrastSet: ContrastSet | undefined;
  if (options.contrast && ids) {
    contrastSet = await loadContrastSet(options.contrast.ref, options.contrast.path, ids, selection.shard);
    for (const item of contrastSet.items) add(item);
  }
  return {
    taxonomy: summary.taxonomy,
    fingerprint: summary.fingerprint,
    itemCount: summary.itemCount,
    header: summary.header,
    count: tally.items,
    ...(contrastSet ? { contrastSet } : {}),
    tally,
    hasContrast,
    extraTurns,
    writtenFollowups,
  };
}

/**
 * The items of a {@link scanRunItems} scan, read from the dataset again: the selected dataset
 * items, then the contrast set's. The dataset must be the one scanned: a file changed in between
 * (another fingerprint or count) ends the stream with a {@link DatasetError} naming it.
 */
export async function* runItems(selection: ItemSelection, scan: RunItemsScan): AsyncGenerator<EngineItem> {
  const stream = selected(selection);
  let count = 0;
  for (;;) {
    const next = await stream.next();
    if (next.done) {
      if (next.value.fingerprint !== scan.fingerprint || count + (scan.contrastSet?.items.length ?? 0) !== scan.count)
        throw new DatasetError([
          {
            file: next.value.file,
            message: `the dataset changed while the run was starting (fingerprint ${scan.fingerprint}, now ${next.value.fingerprint}); leave it as it is while a run starts, and run the command again`,
            severity: 'error',
          },
        ]);
      break;
    }
    count++;
    yield next.value;
  }
  yield* scan.contrastSet?.items ?? [];
}
