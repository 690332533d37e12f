import type { DatasetStats } from '@sc-safety/core';
import { renderTable } from './table.js';

const TURN_NAMES: Record<number, string> = { 1: 'question', 2: 'follow-up' };

function fixed(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The human-readable report of `sc-safety dataset stats`. */
export function renderDatasetStats(file: string, stats: DatasetStats): string {
  const out: string[] = [];
  out.push(`Dataset      ${file}`);
  out.push(`Items        ${stats.items} (${stats.turns} turns)`);
  out.push(`Fingerprint  ${stats.fingerprint}`);
  out.push('');

  out.push('Categories');
  out.push(
    renderTable(
      [{ header: 'id' }, { header: '中文' }, { header: 'English' }, { header: 'sub-dims', align: 'right' }, { header: 'items', align: 'right' }, { header: 'turns', align: 'right' }, { header: '2-turn', align: 'right' }],
      [
        ...stats.categories.map((c) => [c.id, c.zh, c.en, String(c.dimensions), String(c.items), String(c.turns), String(c.twoTurnItems)]),
        ['total', '', '', String(stats.dimensions.length), String(stats.items), String(stats.turns), String(stats.categories.reduce((a, c) => a + c.twoTurnItems, 0))],
      ],
      '  ',
    ),
  );

  out.push('Sub-dimensions');
  out.push(
    renderTable(
      [{ header: 'category' }, { header: 'id' }, { header: '中文' }, { header: 'English' }, { header: 'items', align: 'right' }, { header: 'turns', align: 'right' }, { header: '2-turn', align: 'right' }],
      stats.dimensions.map((d) => [
        d.category,
        d.status === 'extension' ? `${d.id} *` : d.id,
        d.zh,
        d.en,
        String(d.items),
        String(d.turns),
        String(d.twoTurnItems),
      ]),
      '  ',
    ),
  );
  if (stats.dimensions.some((d) => d.status === 'extension')) out.push('  * declared by the dataset\n');
  if (stats.missingDimensions.length > 0) {
    out.push(`  No items in ${stats.missingDimensions.length} sub-dimension(s): ${stats.missingDimensions.map((d) => `${d.zh} (${d.id})`).join(', ')}\n`);
  }

  out.push('Items by number of turns');
  out.push(
    renderTable(
      [{ header: 'turns', align: 'right' }, { header: 'items', align: 'right' }],
      stats.itemsByTurnCount.map((t) => [String(t.turns), String(t.items)]),
      '  ',
    ),
  );

  out.push('Prompt length in characters, per turn');
  out.push(
    renderTable(
      [{ header: 'turn' }, { header: 'count', align: 'right' }, { header: 'min', align: 'right' }, { header: 'mean', align: 'right' }, { header: 'median', align: 'right' }, { header: 'max', align: 'right' }],
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
  return out.join('\n');
}
