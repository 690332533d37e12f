import type { GenerateRequestV1, LanguageModelV1 } from '@sc-safety/spec';
import { judgmentKey } from '../store/key-builders.js';
import { toAnswerError } from './answer-error.js';
import { Interrupted } from './answer-state.js';
import { protocolFor } from './contrast-items.js';
import type { ConversationSoFar } from './conversation.js';
import type { EngineContext } from './engine-context.js';
import { promptHashFor } from './judge-protocol.js';
import { callPriority } from './lane.js';
import type { EngineItem, JudgeVerdict, PreparedJudge } from './types.js';

/** One answer to judge: its conversation (the item's turns as asked), its text and its key. */
export interface JudgeAsk {
  modelId: string;
  item: EngineItem;
  round: number;
  conversation: ConversationSoFar;
  text: string;
  answerKey: string;
}

/**
 * One judge's verdict on one answer — read back from the store under its content address (answer
 * key and text, judge, prompt hash), or asked and committed. A judge-side block or failure is not
 * a judgment of the answer: it is logged, not stored, so a re-run retries it.
 *
 * @throws Interrupted when the run was stopped before the judge was asked.
 */
export async function judgeStep(ctx: EngineContext, judge: PreparedJudge, ask: JudgeAsk): Promise<JudgeVerdict> {
  const { item, round, modelId } = ask;
  const lane = ctx.judgeLanes.get(judge.id)!;
  // Contrast answers are judged with their own rubric; its prompt hash keeps their judgments apart.
  const protocol = protocolFor(item, ctx.protocols);
  const promptHash = promptHashFor(protocol, round);
  const judgeConfig = { adapter: judge.adapter.name, config: judge.keyConfig, params: judge.params };
  const key = judgmentKey({ answerKey: ask.answerKey, answerText: ask.text, judge: judgeConfig, promptHash });
  const hit = ctx.store.getJudgment(key);
  if (hit) {
    const stored = hit.result as {
      reason?: string;
      usage?: JudgeVerdict['usage'];
      servedModel?: JudgeVerdict['servedModel'];
    };
    return {
      judgeId: judge.id,
      outcome: hit.outcome as JudgeVerdict['outcome'],
      ...(hit.score !== null ? { score: hit.score } : {}),
      ...(stored.reason !== undefined ? { reason: stored.reason } : {}),
      ...(stored.usage ? { usage: stored.usage } : {}),
      ...(stored.servedModel ? { servedModel: stored.servedModel } : {}),
      cached: true,
    };
  }
  if (ctx.replay) return { judgeId: judge.id, outcome: 'judge_error', error: 'missing: no stored judgment' };
  if (ctx.signal?.aborted) throw new Interrupted();
  if (lane.stopped)
    return {
      judgeId: judge.id,
      outcome: 'judge_error',
      error: `not asked: judge ${judge.id} stopped (${lane.stopped.kind})`,
    };
  const failure = { key, kind: 'judgment' as const, modelId, itemId: item.id, round, judgeId: judge.id };
  // The judge's served model is kept with its verdict, so a judge that is also a target shows.
  let judgeServed: JudgeVerdict['servedModel'];
  const call = async (request: GenerateRequestV1) => {
    const { result } = await lane.call(
      { ...request, params: { ...judge.params, ...request.params } },
      ctx.signal,
      callPriority(round, 'judgment'),
    );
    judgeServed = result.servedModel ?? judgeServed;
    return result;
  };
  try {
    const judged = await protocol.judge({
      model: judge.model as LanguageModelV1,
      item,
      round,
      turns: ask.conversation.turns,
      replies: ask.conversation.replies,
      ...(ask.conversation.system !== undefined ? { system: ask.conversation.system } : {}),
      answer: ask.text,
      call,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const verdict = judgeServed && judged.outcome !== 'judge_error' ? { ...judged, servedModel: judgeServed } : judged;
    if (verdict.outcome === 'judge_error') {
      const message = verdict.block
        ? `judge request blocked by its vendor (${verdict.block.stage}, ${verdict.block.code})`
        : 'judge error';
      ctx.store.putFailure({
        ...failure,
        errorKind: 'judge_blocked',
        message,
        attempts: 1,
        at: ctx.now().toISOString(),
      });
      return { judgeId: judge.id, outcome: 'judge_error', error: message };
    }
    await ctx.commits.write({
      kind: 'judgment',
      record: {
        key,
        answerKey: ask.answerKey,
        judgeId: judge.id,
        promptHash,
        outcome: verdict.outcome,
        score: verdict.outcome === 'scored' && verdict.score !== undefined ? verdict.score : null,
        result: verdict,
        createdAt: ctx.now().toISOString(),
      },
    });
    return {
      judgeId: judge.id,
      outcome: verdict.outcome,
      ...(verdict.score !== undefined ? { score: verdict.score } : {}),
      ...(verdict.reason !== undefined ? { reason: verdict.reason } : {}),
      ...(verdict.usage ? { usage: verdict.usage } : {}),
      ...(judgeServed ? { servedModel: judgeServed } : {}),
    };
  } catch (error) {
    if (ctx.signal?.aborted) throw new Interrupted();
    const err = toAnswerError(error, ctx.redact);
    ctx.store.putFailure({
      ...failure,
      errorKind: err.kind,
      message: err.message,
      attempts: err.attempts ?? 1,
      at: ctx.now().toISOString(),
    });
    ctx.reportStop(lane, `judge:${judge.id}`);
    return { judgeId: judge.id, outcome: 'judge_error', error: `${err.kind}: ${err.message}` };
  }
}
