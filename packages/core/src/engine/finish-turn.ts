import type { AnswerState } from './answer-state.js';
import { answerRow, withVerdicts, type RowPlace } from './build-row.js';
import type { ConversationSoFar } from './conversation.js';
import type { EngineContext } from './engine-context.js';
import { judgeStep } from './judge-step.js';
import type { AnswerRow } from './types.js';

/**
 * The finished row of one answered turn: built from the answer, then judged by every judge of the
 * panel with the conversation up to that turn, when its outcome needs judging.
 *
 * @throws Interrupted when the run stopped before a judge was asked (no row is recorded).
 */
export async function finishTurn(
  ctx: EngineContext,
  place: RowPlace,
  state: Exclude<AnswerState, { kind: 'interrupted' }>,
  conversation: ConversationSoFar,
): Promise<AnswerRow> {
  const built = answerRow(place, state, ctx.policies, ctx.redact);
  if ('done' in built) return built.done;
  const ask = {
    modelId: place.target.id,
    item: place.item,
    round: place.round,
    conversation,
    text: built.text,
    answerKey: built.key,
  };
  const verdicts = await Promise.all(ctx.judges.map((judge) => judgeStep(ctx, judge, ask)));
  return withVerdicts(built.judge, verdicts, ctx.aggregate);
}
