import { ATTACKER_OUTCOMES } from '@sc-safety/results';
import type { AdaptiveLeaderboard } from '@sc-safety/results';
import type { ResultsDocument } from '@sc-safety/results';
import type { TableColumn } from './text-table.js';

const score = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));
const share = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(100 * v).toFixed(1)}%`);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const signed = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(2)}`);

/**
 * The adaptive board as a text table: R1..RN, Δ_N (matched), flip and recovery rates, by the
 * board's ranking (last round's score). Undefined for a frozen run.
 */
export function adaptiveBoardTable(
  results: ResultsDocument,
): { columns: TableColumn[]; rows: string[][]; board: AdaptiveLeaderboard } | undefined {
  const board = results.adaptiveLeaderboard;
  if (board === undefined) return undefined;
  const rounds = Array.from({ length: board.turns }, (_, i) => i + 1);
  const columns: TableColumn[] = [
    { header: 'Model', align: 'left', shrink: true, minWidth: 8 },
    ...rounds.map((k): TableColumn => ({ header: `R${k}`, align: 'right' })),
    { header: `Δ${board.turns} (n)`, align: 'right' },
    { header: 'Flip', align: 'right' },
    { header: 'Recovery', align: 'right' },
    { header: 'Scored/asked', align: 'right', optional: true },
    { header: 'Not asked', align: 'right', optional: true },
  ];
  const rows = board.ranking.map((id) => {
    const e = board.models[id]!;
    const last = e.deltas.at(-1);
    return [
      id,
      ...rounds.map((k) => score(e.rounds[k - 1]?.score)),
      last ? `${signed(last.delta)} (${last.matched})` : '—',
      share(e.flipRate),
      share(e.recoveryRate),
      `${sum(e.rounds.map((r) => r.scored))}/${sum(e.rounds.map((r) => r.asked))}`,
      String(sum(e.rounds.map((r) => r.notAsked))),
    ];
  });
  return { columns, rows, board };
}

/** Attacker outcomes per model (every outcome that occurred), as a text table. */
export function attackerOutcomeTable(board: AdaptiveLeaderboard): { columns: TableColumn[]; rows: string[][] } {
  const seen = ATTACKER_OUTCOMES.filter((o) =>
    Object.values(board.models).some((e) => (e.attackerOutcomes[o] ?? 0) > 0),
  );
  const columns: TableColumn[] = [
    { header: 'Model', align: 'left', shrink: true, minWidth: 8 },
    ...seen.map((o): TableColumn => ({ header: o, align: 'right' })),
  ];
  const rows = board.ranking.map((id) => [id, ...seen.map((o) => String(board.models[id]!.attackerOutcomes[o] ?? 0))]);
  return { columns, rows };
}
