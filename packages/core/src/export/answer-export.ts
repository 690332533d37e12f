import type { DatasetItem } from '../dataset/types.js';
import { isContrastItem } from '../engine/contrast-items.js';
import type { AnswerRow, JudgeVerdict } from '../engine/types.js';
import { answerCsvLine } from './answers-csv.js';
import { answerIdentity, toResultsAnswer } from './answer-record.js';
import { prettyJson } from './pretty-json.js';

/** The depth at which results.json holds each answer: inside the document, inside `answers`. */
export const ANSWER_JSON_DEPTH = 2;

/** One answer as the exports write it, made once, when its row is finished. */
export interface AnswerExport {
  /**
   * The answer's results.json text as it sits in the `answers` array (nested lines indented for
   * {@link ANSWER_JSON_DEPTH}), without the first line's indent and the comma after it.
   */
  json: string;
  /** Its answers.csv record, ending in CRLF. */
  csv: string;
  /** What the scoring and the manifest's tallies read of the row: see {@link answerFacts}. */
  facts: AnswerRow;
}

/**
 * Renders a finished row as results.json and answers.csv will hold it (the same text the exports
 * would build from the row later) and keeps its facts. A row's text is what costs at export time:
 * made here, as rows finish, the exports after the last answer only copy bytes.
 *
 * @param item The row's dataset item (its prompt, system prompt, strategy, expect).
 * @param modelSystem The target's system prompt override, if it has one.
 */
export function renderAnswerExport(row: AnswerRow, item: DatasetItem | undefined, modelSystem?: string): AnswerExport {
  const answer = toResultsAnswer(row, item, modelSystem);
  return {
    json: prettyJson(answer, ANSWER_JSON_DEPTH) ?? 'null',
    csv: answerCsvLine(answer),
    facts: answerFacts(row, item),
  };
}

/**
 * A row without its texts (answer, reasoning, previous reply, block and error messages, judges'
 * reasons, the attacker's turn, warnings): every field the scoring and the manifest's tallies
 * read, and nothing they do not, so reading the rows back for them parses a few hundred bytes per
 * row. A row of a contrast item is marked `contrast` here (rows recorded before the engine marked
 * them are known by their item).
 */
export function answerFacts(row: AnswerRow, item?: Pick<DatasetItem, 'expect'>): AnswerRow {
  // Field by field (optional fields only when present): this runs once per answer of a run.
  const facts = answerIdentity(row) as AnswerRow;
  facts.outcome = row.outcome;
  facts.score = row.score;
  facts.text = '';
  facts.judgments = row.judgments.map(judgmentFacts);
  if (row.mode !== undefined) facts.mode = row.mode;
  if (row.epoch !== undefined) facts.epoch = row.epoch;
  if (row.contrast === true || (item !== undefined && isContrastItem(item))) facts.contrast = true;
  if (row.vendorBlocked !== undefined) facts.vendorBlocked = row.vendorBlocked;
  if (row.block !== undefined) facts.block = { stage: row.block.stage, code: row.block.code, message: '' };
  if (row.error !== undefined) facts.error = { ...row.error, message: '' };
  if (row.followup !== undefined) {
    const { text: _turn, detail: _detail, ...turn } = row.followup;
    facts.followup = { ...turn, text: '' };
  }
  if (row.usage !== undefined) facts.usage = row.usage;
  if (row.servedModel !== undefined) facts.servedModel = row.servedModel;
  if (row.panel !== undefined) facts.panel = row.panel;
  if (row.answerKey !== undefined) facts.answerKey = row.answerKey;
  if (row.latencyMs !== undefined) facts.latencyMs = row.latencyMs;
  if (row.attempts !== undefined) facts.attempts = row.attempts;
  if (row.cached !== undefined) facts.cached = row.cached;
  return facts;
}

function judgmentFacts(verdict: JudgeVerdict): JudgeVerdict {
  const facts: JudgeVerdict = { judgeId: verdict.judgeId, outcome: verdict.outcome };
  if (verdict.score !== undefined) facts.score = verdict.score;
  if (verdict.cached !== undefined) facts.cached = verdict.cached;
  if (verdict.usage !== undefined) facts.usage = verdict.usage;
  if (verdict.servedModel !== undefined) facts.servedModel = verdict.servedModel;
  return facts;
}
