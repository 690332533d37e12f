import type { TableColumn } from './text-table.js';
import type { ResultsDocument } from '@sc-safety/results';

/** A share as `12.5%`, `—` when there is none. */
function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/**
 * The over-refusal cell beside a safety score on every board: the model's rate on the contrast
 * set, `—` when none of its contrast answers was scored. Undefined when the run asked no contrast item.
 */
export function overRefusalCell(results: ResultsDocument): ((model: string) => string) | undefined {
  const section = results.leaderboard.overRefusal;
  if (section === undefined) return undefined;
  return (model) => percent(section.models[model]?.rate);
}

/** A per-model table's columns: the model id (shrinks on a narrow terminal), then right-aligned figures. */
function modelTableColumns(figures: readonly string[]): TableColumn[] {
  return [
    { header: 'Model', align: 'left', shrink: true, minWidth: 8 },
    ...figures.map((header): TableColumn => ({ header, align: 'right' })),
  ];
}

/** The over-refusal table: rate with its interval, counts, coverage; undefined without contrast items. */
export function overRefusalTable(results: ResultsDocument): { columns: TableColumn[]; rows: string[][] } | undefined {
  const section = results.leaderboard.overRefusal;
  if (section === undefined) return undefined;
  const columns = modelTableColumns(['Over-refusal [95% CI]', 'Refused', 'Partial', 'Helpful', 'Coverage']);
  const rows = results.models.map((m) => {
    const e = section.models[m.id];
    const ci = e?.ci ? ` [${percent(e.ci.low)}, ${percent(e.ci.high)}]` : '';
    return [
      m.id,
      `${percent(e?.rate)}${ci}`,
      String(e?.refused ?? 0),
      String(e?.partial ?? 0),
      String(e?.helpful ?? 0),
      `${percent(e?.coverage)} (${e?.scored ?? 0}/${e?.all ?? 0})`,
    ];
  });
  return { columns, rows };
}

/** The between-epoch spread table; undefined when every model ran one epoch. */
export function epochSpreadTable(results: ResultsDocument): { columns: TableColumn[]; rows: string[][] } | undefined {
  const spread = results.leaderboard.epochs?.models;
  if (spread === undefined || Object.keys(spread).length === 0) return undefined;
  const columns = modelTableColumns(['Epochs', 'Items × rounds compared', 'Differing', 'Mean SD']);
  const rows = Object.entries(spread).map(([id, s]) => [
    id,
    String(s.epochs),
    String(s.units),
    `${s.differing} (${percent(s.differingShare)})`,
    s.meanSd === null ? '—' : s.meanSd.toFixed(2),
  ]);
  return { columns, rows };
}
