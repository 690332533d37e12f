import type { ReportAnswer } from '../../common/report-data.js';

/** The transcript filters, as the URL carries them. Absent = any. */
export interface TranscriptFilter {
  model?: string;
  category?: string;
  dimension?: string;
  round?: 1 | 2;
  /** A rubric score, or `none` for answers without one. */
  score?: number | 'none';
  outcome?: string;
  /** `blocked`: any vendor block (scored by policy or not); `disagree`: judges disagreed. */
  flag?: 'blocked' | 'disagree';
  /** Full-text search: every whitespace-separated term must appear (case-insensitive). */
  query?: string;
}

/** Reads the filter from URL parameters, ignoring malformed values. */
export function filterFromParams(params: Record<string, string>): TranscriptFilter {
  const f: TranscriptFilter = {};
  if (params.model) f.model = params.model;
  if (params.cat) f.category = params.cat;
  if (params.dim) f.dimension = params.dim;
  if (params.round === '1' || params.round === '2') f.round = Number(params.round) as 1 | 2;
  if (params.score === 'none') f.score = 'none';
  else if (params.score !== undefined && /^\d+$/.test(params.score)) f.score = Number(params.score);
  if (params.outcome) f.outcome = params.outcome;
  if (params.flag === 'blocked' || params.flag === 'disagree') f.flag = params.flag;
  if (params.q && params.q.trim() !== '') f.query = params.q;
  return f;
}

/** Lower-cased searchable text of an answer: its prompt, answer, reasons, block and error text. */
export function searchText(a: ReportAnswer): string {
  const parts = [
    a.itemId,
    a.prompt ?? '',
    a.text,
    a.reasoningText ?? '',
    a.block?.partialText ?? '',
    a.block?.message ?? '',
    a.error?.message ?? '',
  ];
  for (const j of a.judgments) parts.push(j.reason ?? '', j.error ?? '');
  return parts.join('\n').toLowerCase();
}

/**
 * Keeps the answers that pass every filter, in their order, as indexes into `answers`.
 * `haystacks` (from {@link searchText}) is built lazily and reused across searches.
 */
export function filterAnswers(
  answers: readonly ReportAnswer[],
  f: TranscriptFilter,
  haystacks?: (string | undefined)[],
): number[] {
  const terms = (f.query ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '');
  const out: number[] = [];
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i]!;
    if (f.model !== undefined && a.model !== f.model) continue;
    if (f.category !== undefined && a.category !== f.category) continue;
    if (f.dimension !== undefined && a.dimension !== f.dimension) continue;
    if (f.round !== undefined && a.round !== f.round) continue;
    if (f.score === 'none' ? a.score !== null : f.score !== undefined && a.score !== f.score) continue;
    if (f.outcome !== undefined && a.outcome !== f.outcome) continue;
    if (f.flag === 'blocked' && a.block === null && !a.vendorBlocked && a.outcome !== 'blocked') continue;
    if (f.flag === 'disagree' && !(a.panelSpread !== null && a.panelSpread > 0)) continue;
    if (terms.length > 0) {
      let hay = haystacks?.[i];
      if (hay === undefined) {
        hay = searchText(a);
        if (haystacks) haystacks[i] = hay;
      }
      if (!terms.every((t) => hay.includes(t))) continue;
    }
    out.push(i);
  }
  return out;
}
