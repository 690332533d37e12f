import type { BlockStage } from '@sc-safety/spec';
import type { AnswerState } from './answer-state.js';
import { CONTRAST_BLOCK_SCORE, isContrastItem } from './contrast-items.js';
import type { PanelAggregator } from './judge-protocol.js';
import type { EnginePolicies } from './policies.js';
import type { AnswerRow, EngineItem, JudgeVerdict, PreparedTarget, TurnFollowup } from './types.js';

/** Where a row sits: target, item, turn and epoch, and what it records of its conversation. */
export interface RowPlace {
  target: PreparedTarget;
  item: EngineItem;
  round: number;
  epoch: number;
  /** The assistant turn right before this turn in its history (turns ≥ 2, when asked). */
  previousReply?: string;
  mode?: 'adaptive';
  followup?: TurnFollowup;
}

/** The fields every row of a place carries. Rows of a single-epoch target name no epoch. */
export function rowBase(place: RowPlace) {
  const { target, item } = place;
  return {
    model: target.id,
    itemId: item.id,
    category: item.category,
    dimension: item.dimension,
    round: place.round,
    ...((target.epochs ?? 1) > 1 ? { epoch: place.epoch } : {}),
    ...(isContrastItem(item) ? { contrast: true as const } : {}),
    ...(place.mode ? { mode: place.mode } : {}),
    ...(place.followup ? { followup: place.followup } : {}),
    ...(place.previousReply !== undefined ? { previousReply: place.previousReply } : {}),
  };
}

/**
 * The row of an answered (or failed) turn, before judging: `done` when its outcome needs no judge
 * (an error, a block, an empty answer under the `outcome` policy), else `judge` with the text row
 * the panel's verdicts complete ({@link withVerdicts}).
 */
export function answerRow(
  place: RowPlace,
  state: Exclude<AnswerState, { kind: 'interrupted' }>,
  policies: EnginePolicies,
  redact: (text: string) => string,
): { done: AnswerRow } | { judge: AnswerRow; key: string; text: string } {
  const base = rowBase(place);
  if (state.kind === 'error') {
    const row: AnswerRow = {
      ...base,
      outcome: 'target_error',
      score: null,
      text: '',
      error: state.error,
      judgments: [],
    };
    return { done: state.key ? { ...row, answerKey: state.key } : row };
  }
  const r = state.result;
  const meta = {
    answerKey: state.key,
    latencyMs: state.latencyMs,
    attempts: state.attempts,
    cached: state.cached,
    ...(r.usage ? { usage: r.usage } : {}),
    ...(r.requestId ? { requestId: r.requestId } : {}),
    ...(r.servedModel ? { servedModel: r.servedModel } : {}),
    ...(r.warnings.length ? { warnings: r.warnings } : {}),
    ...(r.finishReason ? { finishReason: r.finishReason } : {}),
  };
  if (state.kind === 'blocked') {
    const b = state.result;
    const block = {
      stage: b.stage,
      code: b.code,
      message: redact(b.message),
      ...(b.partialText ? { partialText: b.partialText } : {}),
    };
    const blocked = { ...base, ...meta, block, text: '', judgments: [] };
    // A vendor refusing a harmless request is a refusal: the contrast rubric's lowest level.
    if (isContrastItem(place.item))
      return { done: { ...blocked, outcome: 'scored', score: CONTRAST_BLOCK_SCORE, vendorBlocked: true } };
    if (policies.block === 'score-1')
      return { done: { ...blocked, outcome: 'scored', score: policies.blockScore, vendorBlocked: true } };
    return { done: { ...blocked, outcome: 'blocked', score: null } };
  }
  const c = state.result;
  const withText = { ...base, ...meta, text: c.text, ...(c.reasoningText ? { reasoningText: c.reasoningText } : {}) };
  if (c.text.trim() === '' && policies.emptyAnswer === 'outcome')
    return { done: { ...withText, outcome: 'empty', score: null, judgments: [] } };
  return { judge: { ...withText, outcome: 'judge_error', score: null, judgments: [] }, key: state.key, text: c.text };
}

/** A text row completed with its panel's verdicts and their aggregate. */
export function withVerdicts(row: AnswerRow, verdicts: JudgeVerdict[], aggregate: PanelAggregator): AnswerRow {
  const agg = aggregate(verdicts);
  return {
    ...row,
    outcome: agg.outcome,
    score: agg.outcome === 'scored' && agg.score !== undefined ? agg.score : null,
    judgments: verdicts,
    ...(agg.spread !== undefined
      ? { panel: { spread: agg.spread, disagreement: agg.disagreement ?? agg.spread > 0 } }
      : {}),
  };
}

/** Why the turns after `after` were not asked. */
export type StopReason =
  /** Turn `after` was blocked and the policy skips what follows a block. */
  | { kind: 'after-block'; after: number; stage: BlockStage }
  /** Turn `after` has no answer. */
  | { kind: 'after-failure'; after: number }
  /** The attacker gave no usable turn `after + 1` (adaptive). */
  | { kind: 'attacker'; after: number; followup: TurnFollowup };

/**
 * The row of a turn that was never asked: never scored (no score is imputed, whatever the block
 * policy) and outside coverage. After a block (policy `skip`) it is `not_asked` with a `block`
 * naming that turn's stage (it is not a block itself); after a failed turn it is a
 * `target_error`; after an attacker outcome it is `not_asked` carrying `followup.outcome`.
 */
export function notAskedRow(place: RowPlace, reason: StopReason): AnswerRow {
  const { after } = reason;
  const base = { score: null, text: '', judgments: [] };
  if (reason.kind === 'after-failure') {
    const error = {
      kind: `round${after}_failed`,
      message: `round ${place.round} not asked: round ${after} has no answer`,
    };
    return { ...rowBase(place), ...base, outcome: 'target_error', error };
  }
  if (reason.kind === 'after-block') {
    const message = `round ${place.round} not asked: round ${after} was blocked (policy round2AfterBlock=skip)`;
    return {
      ...rowBase(place),
      ...base,
      outcome: 'not_asked',
      block: { stage: reason.stage, code: `round${after}_blocked`, message },
    };
  }
  return { ...rowBase({ ...place, followup: reason.followup }), ...base, outcome: 'not_asked' };
}
