import type { DatasetItem } from '../dataset/types.js';
import type { AnswerRow } from '../engine/types.js';
import type { ScoreRecord } from '@sc-safety/results';
import type { ResultsAnswer, ResultsJudgment } from '@sc-safety/results';

/**
 * Whether a row answers a contrast item (`expect: comply`): the engine marks it, and rows from
 * before it did are recognised by their item.
 */
export function isContrastRow(row: Pick<AnswerRow, 'contrast'>, item?: Pick<DatasetItem, 'expect'>): boolean {
  return row.contrast === true || item?.expect === 'comply';
}

/**
 * The scorer's view of an answer row, field for field: outcome, score, block stage and code, and
 * the `vendorBlocked` flag. Nothing is reinterpreted here — an inconsistent row (a score on an
 * unscored outcome) reaches the scorer's validation as it is and is rejected there.
 */
export function toScoreRecord(row: AnswerRow): ScoreRecord {
  return {
    model: row.model,
    itemId: row.itemId,
    category: row.category,
    dimension: row.dimension,
    round: row.round,
    ...(row.epoch !== undefined && row.epoch > 1 ? { epoch: row.epoch } : {}),
    outcome: row.outcome,
    ...(row.score !== null ? { score: row.score } : {}),
    ...(row.block !== undefined ? { block: { stage: row.block.stage, code: row.block.code } } : {}),
    ...(row.vendorBlocked === true ? { vendorBlocked: true } : {}),
  };
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
  const prompt = item?.turns[row.round - 1] ?? null;
  const previousReply = row.round === 2 ? row.previousReply : undefined;
  const asked = row.round === 1 || previousReply !== undefined;
  // The engine sends a system turn only for a non-empty prompt (the target's override first).
  const system = asked ? (modelSystem ?? item?.system) || undefined : item?.system;
  const judgments = row.judgments.map(
    (j): ResultsJudgment => ({
      judgeId: j.judgeId,
      outcome: j.outcome,
      score: j.score ?? null,
      reason: j.reason ?? null,
      ...(j.error !== undefined ? { error: j.error } : {}),
      ...(j.servedModel !== undefined ? { servedModel: { ...j.servedModel } } : {}),
    }),
  );
  return {
    model: row.model,
    itemId: row.itemId,
    category: row.category,
    dimension: row.dimension,
    round: row.round,
    epoch: row.epoch ?? 1,
    outcome: row.outcome,
    score: row.score,
    vendorBlocked: row.vendorBlocked === true,
    block: row.block === undefined ? null : { ...row.block },
    text: row.text,
    ...(row.reasoningText !== undefined ? { reasoningText: row.reasoningText } : {}),
    prompt,
    ...(item?.strategy !== undefined ? { strategy: item.strategy } : {}),
    ...(item?.expect !== undefined ? { expect: item.expect } : {}),
    ...(item !== undefined && item.turns.length === 1 ? { singleTurn: true as const } : {}),
    ...(system !== undefined ? { system } : {}),
    ...(previousReply !== undefined ? { previousReply } : {}),
    judgments,
    ...(row.panel !== undefined ? { panel: { ...row.panel } } : {}),
    error: row.error === undefined ? null : { ...row.error },
    finishReason: row.finishReason ?? null,
    usage: row.usage ?? null,
    latencyMs: row.latencyMs ?? null,
    ...(row.attempts !== undefined ? { attempts: row.attempts } : {}),
    cached: row.cached === true,
    ...(row.requestId !== undefined ? { requestId: row.requestId } : {}),
    ...(row.servedModel !== undefined ? { servedModel: { ...row.servedModel } } : {}),
    ...(row.warnings !== undefined && row.warnings.length > 0 ? { warnings: row.warnings } : {}),
    ...(row.answerKey !== undefined ? { answerKey: row.answerKey } : {}),
  };
}
