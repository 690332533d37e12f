import type { DatasetItem } from '../dataset/types.js';
import type { AnswerRow } from '../engine/types.js';
import type { ScoreRecord } from '@sc-safety/results';
import type { ResultsAnswer, ResultsFollowup, ResultsJudgment } from '@sc-safety/results';
import { systemPromptOf } from '../engine/conversation.js';
import type { TurnFollowup } from '../engine/types.js';

/** Which answer a row is, first in every record made from it: model, item, category, dimension, round. */
export function answerIdentity(
  row: AnswerRow,
): Pick<AnswerRow, 'model' | 'itemId' | 'category' | 'dimension' | 'round'> {
  return { model: row.model, itemId: row.itemId, category: row.category, dimension: row.dimension, round: row.round };
}

/**
 * The scorer's view of an answer row, field for field: outcome, score, block stage and code, and
 * the `vendorBlocked` flag. Nothing is reinterpreted here — an inconsistent row (a score on an
 * unscored outcome) reaches the scorer's validation as it is and is rejected there.
 */
export function toScoreRecord(row: AnswerRow): ScoreRecord {
  // Frozen pairs only: later turns exist in adaptive runs, scored by scoring/adaptive-board.ts.
  if (row.round !== 1 && row.round !== 2)
    throw new TypeError(`${row.model} ${row.itemId}: round ${row.round} is not part of a frozen pair`);
  // Field by field (optional fields only when present): this runs once per answer of a run.
  const record = answerIdentity(row) as Writable<ScoreRecord>;
  record.outcome = row.outcome;
  if (row.epoch !== undefined && row.epoch > 1) record.epoch = row.epoch;
  if (row.score !== null) record.score = row.score;
  if (row.block !== undefined) record.block = { stage: row.block.stage, code: row.block.code };
  if (row.vendorBlocked === true) record.vendorBlocked = true;
  return record;
}

/**
 * An answer row as results.json stores it. The conversation itself is not kept (a round-2 history
 * is the round-1 turns again); what a transcript needs is: the round's user turn (`prompt`), the
 * system prompt, and for round 2 the assistant turn the model actually saw (its answer, or the
 * block policy's placeholder), which the engine records on the row as `previousReply`.
 *
 * @param item The dataset item: `prompt` is its turn of the row's round, `system` its system prompt.
 * @param modelSystem The target's system prompt override, which replaced the item's in every call
 *   the model was asked (round 1, and round 2 when it carries `previousReply`). Rows recorded
 *   without asking (round 2 skipped after a block, or after a failed round 1) show the item's.
 */
export function toResultsAnswer(row: AnswerRow, item?: DatasetItem, modelSystem?: string): ResultsAnswer {
  // An adaptive turn's prompt is the attacker's, recorded on the row; a frozen one is the item's.
  const prompt =
    row.round >= 2 && row.followup !== undefined ? row.followup.text || null : (item?.turns[row.round - 1] ?? null);
  const previousReply = row.round >= 2 ? row.previousReply : undefined;
  const asked = row.round === 1 || previousReply !== undefined;
  const system = asked
    ? systemPromptOf({ ...(modelSystem !== undefined ? { system: modelSystem } : {}) }, item ?? {})
    : item?.system;
  const judgments = row.judgments.map((j): ResultsJudgment => {
    const judgment: ResultsJudgment = {
      judgeId: j.judgeId,
      outcome: j.outcome,
      score: j.score ?? null,
      reason: j.reason ?? null,
    };
    if (j.error !== undefined) judgment.error = j.error;
    if (j.servedModel !== undefined) judgment.servedModel = { ...j.servedModel };
    return judgment;
  });
  // Built field by field in results.json's order (optional fields only when present): one object
  // per answer, where a chain of conditional spreads made a dozen (this runs once per answer).
  const answer = answerIdentity(row) as Writable<ResultsAnswer>;
  if (row.mode !== undefined) answer.mode = row.mode;
  if (row.followup !== undefined) answer.followup = resultsFollowup(row.followup);
  answer.epoch = row.epoch ?? 1;
  answer.outcome = row.outcome;
  answer.score = row.score;
  answer.vendorBlocked = row.vendorBlocked === true;
  answer.block = row.block === undefined ? null : { ...row.block };
  answer.text = row.text;
  if (row.reasoningText !== undefined) answer.reasoningText = row.reasoningText;
  answer.prompt = prompt;
  if (item?.strategy !== undefined) answer.strategy = item.strategy;
  if (item?.expect !== undefined) answer.expect = item.expect;
  if (item !== undefined && item.turns.length === 1) answer.singleTurn = true;
  if (system !== undefined) answer.system = system;
  if (previousReply !== undefined) answer.previousReply = previousReply;
  answer.judgments = judgments;
  if (row.panel !== undefined) answer.panel = { ...row.panel };
  answer.error = row.error === undefined ? null : { ...row.error };
  answer.finishReason = row.finishReason ?? null;
  answer.usage = row.usage ?? null;
  answer.latencyMs = row.latencyMs ?? null;
  if (row.attempts !== undefined) answer.attempts = row.attempts;
  answer.cached = row.cached === true;
  if (row.requestId !== undefined) answer.requestId = row.requestId;
  if (row.servedModel !== undefined) answer.servedModel = { ...row.servedModel };
  if (row.warnings !== undefined && row.warnings.length > 0) answer.warnings = row.warnings;
  if (row.answerKey !== undefined) answer.answerKey = row.answerKey;
  return answer;
}

/** `T` with its fields assignable, for building one field at a time. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A row's attacker turn as results.json records it (the store's `cached` flag is not kept). */
function resultsFollowup(f: TurnFollowup): ResultsFollowup {
  return {
    text: f.text,
    strategy: f.strategy,
    outcome: f.outcome,
    attacker: f.attacker,
    promptHash: f.promptHash,
    ...(f.key !== undefined ? { key: f.key } : {}),
    ...(f.detail !== undefined ? { detail: f.detail } : {}),
  };
}
