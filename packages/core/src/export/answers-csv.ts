import type { ResultsAnswer, ResultsDocument } from '@sc-safety/results';
import { UTF8_BOM, csvLine } from './csv.js';

/** The columns of answers.csv, in order. */
export const ANSWERS_CSV_COLUMNS = [
  'model',
  'item_id',
  'category',
  'dimension',
  'round',
  'outcome',
  'score',
  'vendor_blocked',
  'block_stage',
  'block_code',
  'judge_scores',
  'judge_reasons',
  'error_kind',
  'error_message',
  'latency_ms',
  'cached',
  'prompt',
  'answer',
  'strategy',
  'single_turn',
] as const;

const num = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));

/** `judge=2` per judge, or `judge=<outcome>` when it gave no score; `; `-separated. */
function judgeScores(a: ResultsAnswer): string {
  return a.judgments.map((j) => `${j.judgeId}=${j.score ?? j.outcome}`).join('; ');
}

/** `judge: reason` per judge that gave one (or its error), one per line. */
function judgeReasons(a: ResultsAnswer): string {
  return a.judgments
    .flatMap((j) => {
      const text = j.reason ?? j.error;
      return text === null || text === undefined || text === '' ? [] : [`${j.judgeId}: ${text}`];
    })
    .join('\n');
}

/**
 * answers.csv: one row per answer, UTF-8 with a byte order mark, RFC 4180 quoting, CRLF line
 * ends. Every text cell (ids, dimension, reasons, error messages, prompts, answers) that a
 * spreadsheet would run as a formula gets a leading apostrophe, and control characters are shown
 * as `\xHH` (results.json keeps the exact text).
 */
export function answersCsv(results: ResultsDocument): string {
  let out = '';
  for (const chunk of answersCsvChunks(results)) out += chunk;
  return out;
}

/**
 * {@link answersCsv} piece by piece, for streaming it to a file: the byte order mark and header
 * line first, then one whole record (one answer, ending in CRLF) per chunk.
 */
export function* answersCsvChunks(results: Pick<ResultsDocument, 'answers'>): Generator<string> {
  yield answersCsvHead();
  for (const a of results.answers) yield answerCsvLine(a);
}

/** The start of answers.csv: the byte order mark and the header line. */
export function answersCsvHead(): string {
  return UTF8_BOM + csvLine(ANSWERS_CSV_COLUMNS);
}

/** One answer's record of answers.csv, ending in CRLF. */
export function answerCsvLine(a: ResultsAnswer): string {
  // csvLine neutralises every cell (formulas, control characters).
  const text = (value: string | null | undefined): string => value ?? '';
  return csvLine([
    a.model,
    a.itemId,
    a.category,
    a.dimension,
    String(a.round),
    a.outcome,
    num(a.score),
    String(a.vendorBlocked),
    a.block?.stage ?? '',
    a.block?.code ?? '',
    judgeScores(a),
    text(judgeReasons(a)),
    a.error?.kind ?? '',
    text(a.error?.message),
    num(a.latencyMs),
    String(a.cached),
    text(a.prompt),
    text(a.text),
    a.strategy ?? '',
    String(a.singleTurn === true),
  ]);
}
