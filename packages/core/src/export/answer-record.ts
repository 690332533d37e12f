import type { ChatMessageV1 } from '@sc-safety/spec';
import type { DatasetItem } from '../dataset/types.js';
import type { AnswerRow } from '../engine/types.js';
import type { ScoreRecord } from '../scoring/outcome.js';
import type { ResultsAnswer, ResultsJudgment } from './results-types.js';

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
    outcome: row.outcome,
    ...(row.score !== null ? { score: row.score } : {}),
    ...(row.block !== undefined ? { block: { stage: row.block.stage, code: row.block.code } } : {}),
    ...(row.vendorBlocked === true ? { vendorBlocked: true } : {}),
  };
}

function lastUserTurn(messages: readonly ChatMessageV1[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user') return m.content;
  }
  return undefined;
}

/** The assistant turn right before the last user turn: what round 2 saw of round 1. */
function previousAssistantTurn(messages: readonly ChatMessageV1[]): string | undefined {
  const last = messages.length - 1;
  if (last < 1 || messages[last]!.role !== 'user') return undefined;
  const before = messages[last - 1]!;
  return before.role === 'assistant' ? before.content : undefined;
}

/**
 * An answer row as results.json stores it. The messages array is dropped (a round-2 history is
 * the round-1 turns again); what a transcript needs and the dataset alone cannot give is kept:
 * the round's user turn (`prompt`), the system prompt, and for round 2 the assistant turn the
 * model actually saw (its answer, or the block policy's placeholder).
 *
 * @param item The dataset item, used for `prompt` / `system` when the row carries no messages
 *   (rows the engine recorded without asking, such as round 2 skipped after a block).
 */
export function toResultsAnswer(row: AnswerRow, item?: DatasetItem): ResultsAnswer {
  const messages = row.messages ?? [];
  const prompt = lastUserTurn(messages) ?? item?.turns[row.round - 1] ?? null;
  const system = messages.length > 0 ? messages.find((m) => m.role === 'system')?.content : item?.system;
  const previousReply = row.round === 2 ? previousAssistantTurn(messages) : undefined;
  const judgments = row.judgments.map(
    (j): ResultsJudgment => ({
      judgeId: j.judgeId,
      outcome: j.outcome,
      score: j.score ?? null,
      reason: j.reason ?? null,
      ...(j.error !== undefined ? { error: j.error } : {}),
    }),
  );
  return {
    model: row.model,
    itemId: row.itemId,
    category: row.category,
    dimension: row.dimension,
    round: row.round,
    outcome: row.outcome,
    score: row.score,
    vendorBlocked: row.vendorBlocked === true,
    block: row.block === undefined ? null : { ...row.block },
    text: row.text,
    ...(row.reasoningText !== undefined ? { reasoningText: row.reasoningText } : {}),
    prompt,
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
    ...(row.warnings !== undefined && row.warnings.length > 0 ? { warnings: row.warnings } : {}),
    ...(row.answerKey !== undefined ? { answerKey: row.answerKey } : {}),
  };
}
