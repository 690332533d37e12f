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

/** The fields of a row being built: its place's, then the rest in the order they are assigned. */
type RowUnderway = Partial<AnswerRow> & Pick<AnswerRow, 'model' | 'itemId' | 'category' | 'dimension' | 'round'>;

/**
 * The fields every row of a place carries. Rows of a single-epoch target name no epoch.
 *
 * Rows are built by assigning fields one after the other, not by spreading objects into a new
 * literal: a resume builds one for every stored call, and a literal of several spreads (each a
 * copy of every field) cost several times the rest of building the row. The order of the fields is
 * the order the exports write them, so it stays as it was.
 */
export function rowBase(place: RowPlace): RowUnderway {
  const { target, item } = place;
  const row: RowUnderway = {
    model: target.id,
    itemId: item.id,
    category: item.category,
    dimension: item.dimension,
    round: place.round,
  };
  if ((target.epochs ?? 1) > 1) row.epoch = place.epoch;
  if (isContrastItem(item)) row.contrast = true;
  if (place.mode) row.mode = place.mode;
  if (place.followup) row.followup = place.followup;
  if (place.previousReply !== undefined) row.previousReply = place.previousReply;
  return row;
}

/** The row of a place with what its answer's call recorded (key, timing, usage, request id, …). */
function callRow(place: RowPlace, state: Extract<AnswerState, { kind: 'completed' | 'blocked' }>): RowUnderway {
  const row = rowBase(place);
  const r = state.result;
  row.answerKey = state.key;
  row.latencyMs = state.latencyMs;
  row.attempts = state.attempts;
  row.cached = state.cached;
  if (r.usage) row.usage = r.usage;
  if (r.requestId) row.requestId = r.requestId;
  if (r.servedModel) row.servedModel = r.servedModel;
  if (r.warnings.length) row.warnings = r.warnings;
  if (r.finishReason) row.finishReason = r.finishReason;
  return row;
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
  if (state.kind === 'error') {
    const row: AnswerRow = {
      ...rowBase(place),
      outcome: 'target_error',
      score: null,
      text: '',
      error: state.error,
      judgments: [],
    };
    return { done: state.key ? { ...row, answerKey: state.key } : row };
  }
  if (state.kind === 'blocked') {
    const b = state.result;
    const block = {
      stage: b.stage,
      code: b.code,
      message: redact(b.message),
      ...(b.partialText ? { partialText: b.partialText } : {}),
    };
    const blocked = { ...callRow(place, state), block, text: '', judgments: [] };
    // A vendor refusing a harmless request is a refusal: the contrast rubric's lowest level.
    if (isContrastItem(place.item))
      return { done: { ...blocked, outcome: 'scored', score: CONTRAST_BLOCK_SCORE, vendorBlocked: true } };
    if (policies.block === 'score-1')
      return { done: { ...blocked, outcome: 'scored', score: policies.blockScore, vendorBlocked: true } };
    return { done: { ...blocked, outcome: 'blocked', score: null } };
  }
  const c = state.result;
  const row = callRow(place, state);
  row.text = c.text;
  if (c.reasoningText) row.reasoningText = c.reasoningText;
  const empty = c.text.trim() === '' && policies.emptyAnswer === 'outcome';
  row.outcome = empty ? 'empty' : 'judge_error';
  row.score = null;
  row.judgments = [];
  // Every required field is set now.
  const built = row as AnswerRow;
  return empty ? { done: built } : { judge: built, key: state.key, text: c.text };
}

/** A text row completed with its panel's verdicts and their aggregate (fields in the row's order, `panel` last). */
export function withVerdicts(row: AnswerRow, verdicts: JudgeVerdict[], aggregate: PanelAggregator): AnswerRow {
  const agg = aggregate(verdicts);
  const out: AnswerRow = { ...row };
  out.outcome = agg.outcome;
  out.score = agg.outcome === 'scored' && agg.score !== undefined ? agg.score : null;
  out.judgments = verdicts;
  if (agg.spread !== undefined) out.panel = { spread: agg.spread, disagreement: agg.disagreement ?? agg.spread > 0 };
  return out;
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
