import { basename, dirname } from 'node:path';
import { writeFileAtomic } from '../export/atomic-write.js';
import { makeDirs } from '../fs/make-dirs.js';
import type { LoadedDataset } from '../dataset/load.js';
import { validateDataset } from '../dataset/load.js';
import { isBuiltinRef } from '../dataset/resolve.js';
import { DATASET_SCHEMA, type DatasetItem } from '../dataset/types.js';
import type { DimensionExtension } from '@sc-safety/results';
import type { StrategyId } from '@sc-safety/results';
import type { AttackerOutcome } from '@sc-safety/results';
import type { FollowupsConfig } from './followups-config.js';
import { followupItem, type AttackerProvenance } from './followup-item.js';

/** One generated turn (or the outcome that stands instead of it). */
export interface GeneratedFollowup {
  id: string;
  strategy: StrategyId;
  key: string;
  outcome: AttackerOutcome;
  followUp?: string;
  detail?: string;
  reply?: string;
}

/**
 * Writes the follow-up dataset atomically (a temporary file renamed over `config.output`): a
 * header naming the source dataset's fingerprint and how the follow-ups were written, then every
 * item in source order — generated ones (one per strategy) in place of their source item, the
 * others unchanged. Then reads the file back through the dataset validator: the fingerprint
 * returned is the one `dataset validate` and `run` will see.
 */
export async function writeFollowupDataset(input: {
  config: FollowupsConfig;
  source: LoadedDataset;
  items: readonly DatasetItem[];
  /** The generated turns of an item, or undefined for an item copied unchanged. */
  generated: (item: DatasetItem) => readonly GeneratedFollowup[] | undefined;
  provenance: AttackerProvenance;
}): Promise<{ path: string; fingerprint: string; items: number; twoTurnItems: number }> {
  const { config, source, provenance } = input;
  const out: DatasetItem[] = [];
  for (const item of input.items) {
    const generated = input.generated(item);
    if (generated === undefined) out.push(item);
    else for (const g of generated) out.push(followupItem(item, g, provenance));
  }
  const used = new Set(out.map((i) => i.dimension));
  const dimensions: DimensionExtension[] = source.taxonomy.dimensions
    .filter((d) => d.status === 'extension' && used.has(d.id))
    .map((d) => ({
      id: d.id,
      category: d.category,
      zh: d.zh,
      en: d.en,
      ...(d.definition !== '' ? { definition: d.definition } : {}),
    }));
  const h = source.header;
  const header = {
    $schema: DATASET_SCHEMA,
    ...(h.name !== undefined ? { name: `${h.name} + follow-ups` } : {}),
    ...(h.licence !== undefined ? { licence: h.licence } : {}),
    ...(h.citation !== undefined ? { citation: h.citation } : {}),
    ...(h.source !== undefined ? { source: h.source } : {}),
    ...(dimensions.length > 0 ? { dimensions } : {}),
    derivedFrom: {
      fingerprint: source.fingerprint,
      file: isBuiltinRef(config.datasetRef) ? config.datasetRef : basename(source.path),
      ...(h.name !== undefined ? { name: h.name } : {}),
    },
    followups: {
      mode: 'frozen',
      attacker: provenance,
      strategies: config.strategies,
      perItem: config.perItem,
      seed: config.seed,
      maxChars: config.maxChars,
    },
  };
  await makeDirs(dirname(config.output));
  await writeFileAtomic(
    config.output,
    (function* () {
      yield `${JSON.stringify(header)}\n`;
      for (const item of out) yield `${JSON.stringify(item)}\n`;
    })(),
  );
  const check = await validateDataset(config.output);
  if (!check.ok || check.fingerprint === undefined) {
    // Our own output must always be valid; anything else is a bug worth reporting with its first issue.
    const first = check.issues.find((i) => i.severity === 'error');
    throw new Error(
      `${config.output}: the written dataset does not validate (${first?.message ?? 'unknown problem'}); please report this`,
    );
  }
  return {
    path: config.output,
    fingerprint: check.fingerprint,
    items: check.itemCount,
    twoTurnItems: check.itemCount - check.singleTurnCount,
  };
}
