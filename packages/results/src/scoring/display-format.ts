import { formatScore } from './format.js';

// Formats the web report and the terminal share beside scores: shares, counts, durations, intervals.

/** A 0..1 share as a percentage with one decimal (`97.5%`); `—` for null. */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/** A count with thousands separators (`12,345`); `—` for null. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString('en-US');
}

/** A duration in ms as `1h 02m 03s`, `2m 05s` or `4.2s`; `—` for null. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m ${sec}s` : `${m}m ${sec}s`;
}

/** An interval as `[88.35, 93.47]` (with `signed`, `[-1.20, +3.44]`), or '' without one. */
export function formatInterval(
  ci: { low: number; high: number } | null | undefined,
  options: { signed?: boolean } = {},
): string {
  if (ci === null || ci === undefined) return '';
  return `[${formatScore(ci.low, options)}, ${formatScore(ci.high, options)}]`;
}
