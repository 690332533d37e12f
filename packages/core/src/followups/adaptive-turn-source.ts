import type { GenerateResultV1, GenerationParamsV1 } from '@sc-safety/spec';
import { toAnswerError } from '../engine/answer-error.js';
import { isContrastItem } from '../engine/contrast-items.js';
import type { EngineStore } from '../engine/engine-store.js';
import type { LaneStop, ModelLane } from '../engine/lane.js';
import type { NextTurn, TurnContext, TurnSource } from '../engine/turn-source.js';
import type { TurnFollowup } from '../engine/types.js';
import { followupKey } from '../store/followup-key.js';
import type { StrategyId } from '@sc-safety/results';
import type { Taxonomy } from '@sc-safety/results';
import { assignStrategies } from './assign-strategies.js';
import { buildAdaptiveAttackerMessages } from './build-adaptive-attacker-prompt.js';
import { readAttackerResult } from './read-attacker-result.js';

/** The attacker of an adaptive run, ready to call: one lane shared by every target. */
export interface PreparedAttacker {
  id: string;
  /** The adapter's own name (keys), e.g. `openai`. */
  adapterName: string;
  /** Sanitised adapter config: part of every generated turn's key. */
  keyConfig: unknown;
  params: GenerationParamsV1;
  lane: ModelLane;
}

export interface AdaptiveTurnSourceOptions {
  attacker: PreparedAttacker;
  /** Where generated turns are stored (and read back on resume), under the answer they follow. */
  store: Pick<EngineStore, 'putFailure' | 'getFollowup' | 'putFollowup'>;
  strategies: readonly StrategyId[];
  seed: number;
  /** Turns per conversation (≥ 2). */
  turns: number;
  maxChars: number;
  taxonomy: Taxonomy;
  /** `adaptiveAttackerPromptHash(maxChars)`. */
  promptHash: string;
  /** Replay (`sc-safety score`): read stored turns only, never call. */
  replay?: boolean;
  signal?: AbortSignal;
  redact?: (text: string) => string;
  now?: () => Date;
  /** Called once when the attacker's lane stops (auth, quota). */
  onStop?: (stop: LaneStop) => void;
}

/** The strategy of turn k of an item: drawn per turn, from the item id, turn and seed only. */
export function strategyOfTurn(itemId: string, k: number, strategies: readonly StrategyId[], seed: number): StrategyId {
  return assignStrategies(`${itemId}#${k}`, strategies, 1, seed)[0]!;
}

/**
 * The adaptive turn source: after each target answer the attacker writes the next user turn from
 * the actual conversation. A generated turn is stored under the answer it follows
 * ({@link followupKey}), so a resumed or re-judged run never regenerates it; an unusable reply is
 * stored with its outcome and stops that conversation (no fallback turn). A failed call
 * (`attacker_error`) is only logged: the turn is recorded not asked and a re-run asks again.
 */
export function adaptiveTurnSource(options: AdaptiveTurnSourceOptions): TurnSource {
  const { attacker, store } = options;
  const redact = options.redact ?? ((s: string) => s);
  const now = options.now ?? (() => new Date());
  if (!store.getFollowup || !store.putFollowup)
    throw new TypeError('an adaptive run needs a store that keeps generated turns (getFollowup / putFollowup)');
  const getFollowup = store.getFollowup.bind(store);
  const putFollowup = store.putFollowup.bind(store);
  let stopReported = false;

  async function next(ctx: TurnContext): Promise<NextTurn> {
    const { item, k, target, conversation } = ctx;
    const strategy = strategyOfTurn(item.id, k, options.strategies, options.seed);
    const key = followupKey({
      answerKey: ctx.previous.key,
      answerText: ctx.previous.text,
      attacker: { adapter: attacker.adapterName, config: attacker.keyConfig, params: attacker.params },
      promptHash: options.promptHash,
      strategy,
      turn: k,
    });
    const meta = { strategy, attacker: attacker.id, promptHash: options.promptHash, key };
    const stop = (outcome: string, detail: string, extra: Partial<TurnFollowup> = {}): NextTurn => ({
      kind: 'stop',
      followup: { ...meta, ...extra, text: '', outcome, detail },
    });
    const hit = getFollowup(key);
    if (hit) {
      const detail = (hit.result as { reading?: { detail?: string } }).reading?.detail;
      if (hit.outcome === 'ok')
        return { kind: 'turn', text: hit.text, followup: { ...meta, text: hit.text, outcome: 'ok', cached: true } };
      return stop(hit.outcome, detail ?? hit.outcome, { cached: true });
    }
    if (options.replay) return stop('attacker_error', 'missing: no stored follow-up for this turn');
    if (options.signal?.aborted) return { kind: 'interrupted' };
    if (attacker.lane.stopped)
      return stop('attacker_error', `not asked: attacker ${attacker.id} stopped (${attacker.lane.stopped.kind})`);
    const messages = buildAdaptiveAttackerMessages({
      item,
      strategy,
      taxonomy: options.taxonomy,
      maxChars: options.maxChars,
      turns: conversation.turns,
      replies: conversation.replies,
    });
    let reply: GenerateResultV1;
    let attempts: number;
    let latencyMs: number;
    try {
      ({
        result: reply,
        attempts,
        latencyMs,
      } = await attacker.lane.call({ messages, params: attacker.params }, options.signal));
    } catch (error) {
      if (options.signal?.aborted) return { kind: 'interrupted' };
      const err = toAnswerError(error, redact);
      store.putFailure({
        key,
        kind: 'followup',
        modelId: target.id,
        itemId: item.id,
        round: k,
        errorKind: err.kind,
        message: err.message,
        attempts: err.attempts ?? 1,
        at: now().toISOString(),
      });
      const stopped = attacker.lane.stopped as LaneStop | undefined;
      if (stopped && !stopReported) {
        stopReported = true;
        options.onStop?.(stopped);
      }
      return stop('attacker_error', `${err.kind}: ${err.message}`);
    }
    const reading = readAttackerResult(reply, {
      question: conversation.turns[0]!,
      maxChars: options.maxChars,
      earlierFollowUps: conversation.turns.slice(1),
    });
    const { raw, ...result } = reply;
    putFollowup({
      key,
      answerKey: ctx.previous.key,
      modelId: target.id,
      itemId: item.id,
      turn: k,
      attackerId: attacker.id,
      strategy,
      promptHash: options.promptHash,
      outcome: reading.outcome,
      text: reading.outcome === 'ok' ? reading.followUp! : '',
      result: {
        ...result,
        reading: { outcome: reading.outcome, ...(reading.detail !== undefined ? { detail: reading.detail } : {}) },
      },
      ...(raw !== undefined ? { raw } : {}),
      latencyMs,
      attempts,
      createdAt: now().toISOString(),
    });
    if (reading.outcome === 'ok')
      return { kind: 'turn', text: reading.followUp!, followup: { ...meta, text: reading.followUp!, outcome: 'ok' } };
    return stop(reading.outcome, reading.detail ?? reading.outcome);
  }

  return {
    mode: 'adaptive',
    // Contrast items measure over-refusal on one benign turn: never followed up.
    turnsOf: (item) => (isContrastItem(item) ? 1 : options.turns),
    next,
  };
}
