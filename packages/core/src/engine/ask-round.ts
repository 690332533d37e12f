import type { ChatMessageV1 } from '@sc-safety/spec';
import { answerKey } from '../store/key-builders.js';
import { toAnswerError } from './answer-error.js';
import { stateFromStored, type AnswerState } from './answer-state.js';
import type { EngineContext } from './engine-context.js';
import { epochParams } from './epochs.js';
import { callPriority } from './lane.js';
import type { LaneStop, ModelLane } from './lane.js';
import type { EngineItem, PreparedTarget } from './types.js';

/** One turn to ask: which target, item, turn and epoch, and the whole conversation to send. */
export interface RoundAsk {
  target: PreparedTarget;
  lane: ModelLane;
  item: EngineItem;
  round: number;
  epoch: number;
  messages: ChatMessageV1[];
}

/**
 * Asks the target turn `round` of a conversation — or reads the answer back from the store under
 * its content address (adapter, key config, messages, params, epoch). A completed call is
 * committed before it counts; a failed one is logged (so a re-run asks again).
 */
export async function askRound(ctx: EngineContext, ask: RoundAsk): Promise<AnswerState> {
  const { target, lane, item, round, epoch, messages } = ask;
  const params = epochParams(target.params, epoch);
  const key = answerKey({ adapter: { name: target.adapter.name }, model: target.keyConfig, messages, params, epoch });
  const hit = ctx.store.getAnswer(key);
  if (hit) return stateFromStored(hit);
  if (ctx.replay) return { kind: 'error', key, error: { kind: 'missing', message: 'no stored answer for this call' } };
  if (ctx.signal?.aborted) return { kind: 'interrupted' };
  if (lane.stopped) return { kind: 'error', key, error: notAttempted(lane, lane.stopped) };
  try {
    const { result, attempts, latencyMs } = await lane.call(
      { messages, params },
      ctx.signal,
      callPriority(round, 'answer'),
    );
    const { raw, ...rest } = result;
    await ctx.commits.write({
      kind: 'answer',
      record: {
        key,
        modelId: target.id,
        itemId: item.id,
        round,
        result: rest,
        ...(raw !== undefined ? { raw } : {}),
        latencyMs,
        attempts,
        createdAt: ctx.now().toISOString(),
      },
    });
    const base = { key, cached: false, latencyMs, attempts };
    return result.type === 'completed' ? { kind: 'completed', ...base, result } : { kind: 'blocked', ...base, result };
  } catch (error) {
    if (ctx.signal?.aborted) return { kind: 'interrupted' };
    const err = toAnswerError(error, ctx.redact);
    // Re-read: the lane may have stopped while this call was waiting (TS narrowed it above).
    const stopped = lane.stopped as LaneStop | undefined;
    if (stopped && err.kind === 'aborted') {
      ctx.reportStop(lane, target.id);
      return { kind: 'error', key, error: notAttempted(lane, stopped) };
    }
    ctx.store.putFailure({
      key,
      kind: 'answer',
      modelId: target.id,
      itemId: item.id,
      round,
      errorKind: err.kind,
      message: err.message,
      ...(err.status !== undefined ? { status: err.status } : {}),
      ...(err.vendorCode !== undefined ? { vendorCode: err.vendorCode } : {}),
      attempts: err.attempts ?? 1,
      at: ctx.now().toISOString(),
    });
    ctx.reportStop(lane, target.id);
    return { kind: 'error', key, error: err };
  }
}

function notAttempted(lane: ModelLane, stopped: LaneStop) {
  return { kind: 'not_attempted', message: `not asked: ${lane.id} stopped (${stopped.kind})` };
}
