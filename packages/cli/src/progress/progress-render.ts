import { displayWidth, padEndToWidth, truncateToWidth } from '@sc-safety/core/display-width';
import { formatDuration } from './progress-state.js';
import type { LaneProgress, ProgressState } from './progress-state.js';

function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

function details(state: ProgressState, lane: LaneProgress): string {
  const parts = [
    `${state.rate(lane.id).toFixed(1)}/s`,
    `ETA ${lane.done >= lane.total ? '00:00' : formatDuration(state.eta(lane.id))}`,
  ];
  // Errors first: on a narrow terminal the end of the line is cut, and errors matter most.
  parts.push(`errors ${lane.errors}`);
  // Judges and attackers are not blocked by a vendor filter the way a model's answer is.
  if (lane.label === lane.id) parts.push(`blocked ${lane.blocked}`);
  if (lane.cached) parts.push(`cached ${lane.cached}`);
  if (lane.retries) parts.push(`retries ${lane.retries}`);
  if (lane.stopped) parts.push(`STOPPED: ${lane.stopped}`);
  return parts.join('  ');
}

/** One bar line per model, for a terminal (redrawn in place). */
export function renderBars(state: ProgressState, columns = 100): string[] {
  // A terminal that reports 0 (or no) columns is of unknown width, not zero: lay out for 100.
  const width = Number.isFinite(columns) && columns >= 20 ? columns : 100;
  const nameWidth = Math.min(24, Math.max(...[...state.lanes.values()].map((l) => displayWidth(l.label)), 5));
  const barWidth = Math.max(10, Math.min(30, width - nameWidth - 70));
  return [...state.lanes.values()].map((lane) => {
    const pct = lane.total ? lane.done / lane.total : 1;
    const count = `${lane.done}/${lane.total}`;
    const line = `${padEndToWidth(truncateToWidth(lane.label, nameWidth), nameWidth)} ${bar(pct, barWidth)} ${count.padStart(String(lane.total).length * 2 + 1)} ${String(Math.floor(pct * 100)).padStart(3)}%  ${details(state, lane)}`;
    // A line wider than the terminal wraps, and the redraw (cursor up one row per line) would then
    // land inside the block and smear it: every bar line fits in one row.
    return truncateToWidth(line, width - 1);
  });
}

/** Plain lines for logs and CI (no cursor movement). */
export function renderPlain(state: ProgressState): string[] {
  const t = formatDuration(state.elapsedSeconds());
  return [...state.lanes.values()].map(
    (lane) =>
      `[${t}] ${lane.label}: ${lane.done}/${lane.total} ${lane.label === lane.id ? 'answers' : 'calls'}  ${details(state, lane)}`,
  );
}
