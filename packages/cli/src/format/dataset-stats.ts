import type { DatasetStats } from '@sc-safety/core';
import type { DatasetHeaderInfo } from '@sc-safety/results';
import { leftColumns, renderTable, rightColumns } from './table.js';

const TURN_NAMES: Record<number, string> = { 1: 'question', 2: 'follow-up' };

function fixed(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** How many near-duplicate pairs are listed before the rest are only counted. */
const DUPLICATES_SHOWN = 50;

function strategyList(counts: Record<string, number>): string {
  const list = Object.entries(counts).map(([id, n]) => `${id} ${n}`);
  return list.length === 0 ? '—' : list.join(', ');
}

/** The header's name, version, licence, citation and source, one line each (those present). */
function headerLines(header: DatasetHeaderInfo): string[] {
  const out: string[] = [];
  if (header.name !== undefined)
    out.push(`Name         ${header.name}${header.version !== undefined ? ` (${header.version})` : ''}`);
  else if (header.version !== undefined) out.push(`Version      ${header.version}`);
  if (header.source !== undefined)
    out.push(`Source       ${header.source.name} · ${header.source.file} · ${header.source.sha256}`);
  if (header.licence !== undefined) out.push(`Licence      ${header.licence}`);
  if (header.citation !== undefined) out.push(`Citation     ${header.citation}`);
  return out;
}

/** The human-readable report of `sc-safety dataset stats`. */
export function renderDatasetStats(file: string, stats: DatasetStats, header: DatasetHeaderInfo = {}): string {
  const out: string[] = [];
  out.push(`Dataset      ${file}`);
  out.push(...headerLines(header));
  const pairs = stats.items - stats.singleTurnItems;
  out.push(
    `Items        ${stats.items} (${stats.turns} turns; ${pairs} pairs, ${stats.singleTurnItems} single-turn: round 1 only)`,
  );
  out.push(`Strategies   ${strategyList(stats.strategies)}`);
  out.push(`Fingerprint  ${stats.fingerprint}`);
  out.push('');

  out.push('Categories');
  out.push(
    renderTable(
      [...leftColumns('id', '中文', 'English'), ...rightColumns('sub-dims', 'items', 'turns', '2-turn')],
      [
        ...stats.categories.map((c) => [
          c.id,
          c.zh,
          c.en,
          ...[c.dimensions, c.items, c.turns, c.twoTurnItems].map(String),
        ]),
        [
          'total',
          '',
          '',
          ...[
            stats.dimensions.length,
            stats.items,
            stats.turns,
            stats.categories.reduce((a, c) => a + c.twoTurnItems, 0),
          ].map(String),
        ],
      ],
      '  ',
    ),
  );

  out.push('Sub-dimensions');
  out.push(
    renderTable(
      [
        ...leftColumns('category', 'id', '中文', 'English'),
        ...rightColumns('items', 'turns', 'pairs', 'single', 'comply', 'R1 median'),
        ...leftColumns('strategies'),
      ],
      stats.dimensions.map((d) => [
        d.category,
        d.status === 'extension' ? `${d.id} *` : d.id,
        d.zh,
        d.en,
        ...[d.items, d.turns, d.twoTurnItems, d.singleTurnItems, d.complyItems].map(String),
        fixed(d.round1MedianChars),
        strategyList(d.strategies),
      ]),
      '  ',
    ),
  );
  if (stats.dimensions.some((d) => d.status === 'extension')) out.push('  * declared by the dataset\n');
  if (stats.missingDimensions.length > 0) {
    out.push(
      `  No items in ${stats.missingDimensions.length} sub-dimension(s): ${stats.missingDimensions.map((d) => `${d.zh} (${d.id})`).join(', ')}\n`,
    );
  }

  out.push('Items by number of turns');
  out.push(
    renderTable(
      rightColumns('turns', 'items'),
      stats.itemsByTurnCount.map((t) => [String(t.turns), String(t.items)]),
      '  ',
    ),
  );

  out.push('Prompt length in characters, per turn');
  out.push(
    renderTable(
      [...leftColumns('turn'), ...rightColumns('count', 'min', 'mean', 'median', 'max')],
      stats.promptLength.map((l) => [
        TURN_NAMES[l.turn] === undefined ? String(l.turn) : `${l.turn} ${TURN_NAMES[l.turn]}`,
        String(l.count),
        String(l.min),
        fixed(l.mean),
        fixed(l.median),
        String(l.max),
      ]),
      '  ',
    ),
  );
  const dups = stats.nearDuplicates;
  out.push(`Near-duplicate round-1 texts (character-bigram Jaccard ≥ ${dups.threshold}): ${dups.pairs.length} pair(s)`);
  if (dups.pairs.length > 0) {
    out.push(
      renderTable(
        [{ header: 'item' }, { header: 'item' }, { header: 'Jaccard', align: 'right' }],
        dups.pairs.slice(0, DUPLICATES_SHOWN).map((p) => [p.a, p.b, p.similarity.toFixed(3)]),
        '  ',
      ),
    );
    if (dups.pairs.length > DUPLICATES_SHOWN)
      out.push(`  … and ${dups.pairs.length - DUPLICATES_SHOWN} more (all of them in --json)\n`);
  } else {
    out.push('');
  }
  return out.join('\n');
}
