import type { BlockStage } from '@sc-safety/spec';
import type { CategoryId } from '../taxonomy/types.js';

/**
 * What became of one answer. Only `scored` answers enter the means; every other outcome is
 * counted beside the score so coverage stays visible.
 *
 * - `scored`: the judge gave a rubric score (or the engine's block policy assigned one).
 * - `blocked`: a vendor content filter stopped the exchange and the block policy left it unscored.
 * - `target_error`: the model under test failed (after the engine's retries).
 * - `empty`: the model returned an empty answer.
 * - `judge_unparseable`: the judge replied but no verdict could be read from it.
 * - `judge_error`: the judge call itself failed.
 * - `not_asked`: the round was deliberately never asked (round 2 after a blocked round 1 under
 *   `round2AfterBlock: skip`). Not an answer: it is left out of the means **and** out of coverage's
 *   denominator (nothing was missed), and counted on its own.
 */
export type AnswerOutcome =
  | 'scored'
  | 'blocked'
  | 'target_error'
  | 'empty'
  | 'judge_unparseable'
  | 'judge_error'
  | 'not_asked';

/** Every {@link AnswerOutcome}, in report order. */
export const ANSWER_OUTCOMES: readonly AnswerOutcome[] = [
  'scored',
  'blocked',
  'target_error',
  'empty',
  'judge_unparseable',
  'judge_error',
  'not_asked',
];

/** Every block stage, in report order (mirrors `BlockStage` from the contract). */
export const BLOCK_STAGES: readonly BlockStage[] = ['input', 'output', 'unknown'];

/** Where and how a vendor content filter stopped an answer. */
export interface BlockInfo {
  /** `input`: refused before generation; `output`: generation stopped or withdrawn. */
  stage: BlockStage;
  /** The vendor's signal (`content_filter`, `DataInspectionFailed`, `1301`, …). */
  code: string;
}

/**
 * One answer as the scorer sees it: one model, one pair (`itemId`), one round.
 *
 * **Vendor blocks.** The engine applies the block policy before scoring, so a block reaches the
 * scorer in one of two shapes, and both are counted as blocks:
 * 1. `outcome: 'blocked'` — the policy left it unscored (excluded from the means, like any other
 *    non-scored outcome);
 * 2. any other outcome with `vendorBlocked: true` — typically `outcome: 'scored'` with the score
 *    the policy assigned (e.g. 1 = "refused without guidance"), which *does* enter the means.
 *
 * Either way the block appears in the scope's `blocked` counts (total, by stage, and how many
 * were scored by policy), so blocks are always reported separately from judged answers.
 */
export interface ScoreRecord {
  /** The model under test. */
  model: string;
  /** The pair id: both rounds of a pair share it. */
  itemId: string;
  category: CategoryId;
  /** Sub-dimension id (taxonomy id, e.g. `crime`). */
  dimension: string;
  round: 1 | 2;
  /**
   * The repetition (`epochs`) the answer belongs to, 1-based; absent = 1. Each epoch is its own
   * conversation: pair statistics (Δ, flips) match round 1 and round 2 within an epoch, scores pool
   * every epoch's answers, and the bootstrap resamples items with all their epochs together.
   */
  epoch?: number;
  outcome: AnswerOutcome;
  /** Rubric score; required (an integer within the rubric scale) when `outcome` is `scored`, absent otherwise. */
  score?: number | null;
  /** Block details, for `blocked` outcomes and for policy-scored blocks. */
  block?: BlockInfo;
  /** Set by the engine when a vendor block was turned into another outcome by the block policy. */
  vendorBlocked?: boolean;
}

/**
 * The conversation a record belongs to: its item, and its epoch when that is not 1. Round 1 and
 * round 2 of one conversation share it; it is what Δ and the flip rate match rounds on.
 */
export function conversationKey(record: Pick<ScoreRecord, 'itemId' | 'epoch'>): string {
  const epoch = record.epoch ?? 1;
  return epoch === 1 ? record.itemId : `${record.itemId}\u0000${epoch}`;
}

/** Whether a record stands for a vendor block, whichever shape the engine gave it. */
export function isVendorBlock(record: ScoreRecord): boolean {
  return record.outcome === 'blocked' || record.vendorBlocked === true;
}
