import type { ImportResult } from '@sc-safety/core';
import { renderTable } from './table.js';

/** What `sc-safety dataset import` prints: where it wrote, the header's provenance and the count per source label. */
export function renderImportResult(out: string, result: ImportResult): string {
  const lines: string[] = [];
  const source = result.header.source;
  lines.push(`Wrote        ${out}`);
  lines.push(
    `Items        ${result.items} (${result.items - result.singleTurnItems} pairs, ${result.singleTurnItems} single-turn: round 1 only)`,
  );
  if (source !== undefined) lines.push(`Source       ${source.name} · ${source.file} · ${source.sha256}`);
  if (result.header.licence !== undefined) lines.push(`Licence      ${result.header.licence}`);
  if (result.header.citation !== undefined) lines.push(`Citation     ${result.header.citation}`);
  if (result.declared.length > 0) {
    lines.push(
      `Declared     ${result.declared.map((d) => `${d.id} (${d.zh ?? d.id})`).join(', ')}: labels with no SC-Safety equivalent`,
    );
  }
  lines.push('');
  lines.push('Items per source label');
  lines.push(
    renderTable(
      [{ header: 'source label' }, { header: 'sub-dimension' }, { header: 'items', align: 'right' }],
      result.labels.map((l) => [l.label, l.dimension, String(l.items)]),
      '  ',
    ),
  );
  return lines.join('\n');
}
