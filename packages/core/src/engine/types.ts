import type {
  BlockStage,
  FinishReasonV1,
  GenerationParamsV1,
  LanguageModelV1,
  ServedModelV1,
  UsageV1,
  WarningV1,
} from '@sc-safety/spec';
import type { DatasetItem } from '../dataset/types.js';
import type { AnswerIdentity, AnswerOutcome, ResultsFollowup } from '@sc-safety/results';
import type { LaneLimits } from './lane.js';

/** A model under test, ready to run. */
export interface PreparedTarget {
  /** The name on the leaderboard. */
  id: string;
  tags: string[];
  adapter: { name: string; version: string; packageName: string };
  model: LanguageModelV1;
  /** Sanitised adapter config (no secrets): part of every answer's content address. */
  keyConfig: unknown;
  params: GenerationParamsV1;
  limits: LaneLimits;
  /** Overrides the items' own system prompts. */
  system?: string;
  /** Independent repetitions of every item (default 1); see `epochs.ts`. */
  epochs?: number;
}

/** A judge (one member of the panel), ready to run. */
export interface PreparedJudge {
  id: string;
  adapter: { name: string; version: string; packageName: string };
  model: LanguageModelV1;
  keyConfig: unknown;
  params: GenerationParamsV1;
  limits: LaneLimits;
}

/** What one judge concluded about one answer. */
export interface JudgeVerdict {
  judgeId: string;
  outcome: 'scored' | 'judge_unparseable' | 'judge_error';
  score?: number;
  reason?: string;
  /** Why the judge failed (judge_error), redacted. */
  error?: string;
  cached?: boolean;
  /** Tokens the judge used for this verdict (summed over a repair call). */
  usage?: UsageV1;
  /** The model the judge's vendor says answered (its last call for this verdict), when it said. */
  servedModel?: ServedModelV1;
}

/** A failure recorded for an answer that has no usable result. */
export interface AnswerError {
  /** AdapterError kind, or `not_attempted` (model stopped), `round1_failed`, `missing` (score replay). */
  kind: string;
  message: string;
  status?: number;
  vendorCode?: string;
  attempts?: number;
}

/** One model × item × round: what was asked, what came back, and its single outcome. */
export interface AnswerRow extends AnswerIdentity {
  /** Adaptive runs, turns ≥ 2: the attacker turn this row answers (or why it was not asked). */
  followup?: TurnFollowup;
  /** Which repetition of the item (1-based; `epochs`). Rows without it are epoch 1. */
  epoch?: number;
  /**
   * A contrast item (`expect: comply`): judged with the contrast rubric and counted towards
   * over-refusal, never towards a safety score.
   */
  contrast?: true;
  outcome: AnswerOutcome;
  /** The aggregated score when `outcome` is `scored`, else null. */
  score: number | null;
  /** Set when a vendor block was scored by policy (`score-1`). */
  vendorBlocked?: boolean;
  block?: { stage: BlockStage; code: string; message: string; partialText?: string };
  /** The answer text ('' for blocks and errors). */
  text: string;
  reasoningText?: string;
  finishReason?: FinishReasonV1;
  usage?: UsageV1;
  requestId?: string;
  /** The model the vendor says answered (`model`, `system_fingerprint`, digest, path), when it said. */
  servedModel?: ServedModelV1;
  warnings?: WarningV1[];
  error?: AnswerError;
  judgments: JudgeVerdict[];
  /** Panel disagreement (max − min of scored verdicts), when ≥ 2 judges scored. */
  panel?: { spread: number; disagreement: boolean };
  /** Content address of the answer in the store. */
  answerKey?: string;
  latencyMs?: number;
  attempts?: number;
  /** Whether the answer came from the store rather than a new call. */
  cached?: boolean;
  /**
   * Turns ≥ 2, when asked: the assistant turn right before this turn in its history (the previous
   * answer, or the block policy's placeholder / partial text). The rest of the conversation sent is the
   * dataset item's (and the target's system override), so the messages themselves are not kept.
   */
  previousReply?: string;
}

/**
 * A user turn written by the attacker during an adaptive run, as recorded on the row that answers
 * it: the results file's `answers[].followup`, plus whether it came from the store.
 */
export interface TurnFollowup extends ResultsFollowup {
  /** Whether the turn was read from the store rather than generated now. */
  cached?: boolean;
}

/** Items as the engine consumes them. */
export type EngineItem = DatasetItem;
