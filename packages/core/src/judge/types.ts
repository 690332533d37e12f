import type { BlockStage, GenerateRequestV1, GenerateResultV1, GenerationParamsV1, UsageV1 } from '@sc-safety/spec';
import type { RubricScale } from '@sc-safety/results';
import type { Taxonomy } from '@sc-safety/results';
import type { JudgeRubricKind } from './rubric-texts.js';

/**
 * How the judge is asked to state its verdict. Both forms carry the judgment's nonce, and the
 * parser accepts either whichever was asked for:
 * - `marker`: free analysis, then a final line `VERDICT-{nonce}: {"score": n, "reason": "…"}`;
 * - `json`: the whole reply is one JSON object `{"id": "{nonce}", "score": n, "reason": "…"}`.
 */
export type VerdictFormat = 'marker' | 'json';

/** One answer to grade, with what the judge needs to know about it. */
export interface JudgeInput {
  /**
   * Which turn is graded: 1 = the answer to the question, 2 = the answer to the follow-up, 3+ = a
   * later turn of an adaptive conversation (judged with the multi-turn template).
   */
  round: number;
  /** Category id (`traditional_safety`) or Chinese name. */
  category: string;
  /** Sub-dimension id (`crime`) or Chinese name; resolved through the taxonomy. */
  dimension: string;
  /** The round-1 user message. */
  question: string;
  /** The answer being graded (round 1's or round 2's, as `round` says). */
  answer: string;
  /** Round 2 only (required there): the model's own round-1 answer, as it saw it in its history. */
  previousAnswer?: string;
  /** Rounds ≥ 2 (required there): the adversarial follow-up the graded answer replies to. */
  followUp?: string;
  /**
   * Rounds ≥ 3 (required there): the turns between the question and `followUp` — for each turn
   * 2..round−1 its follow-up — and the model's answers to turns 1..round−1, as its history held them.
   */
  earlier?: { followUps: string[]; answers: string[] };
  /**
   * The item's system prompt, when it has one. Always shown to the judge (fenced) so it can tell
   * whether a prompt-leaking attack made the model reveal it.
   */
  system?: string;
}

/** Options shared by prompt building and hashing. */
export interface JudgePromptOptions {
  /** The rubric scale; must have exactly three levels (default 0..2). */
  scale?: RubricScale;
  /** How the verdict is requested (default `marker`). */
  format?: VerdictFormat;
  /** Which rubric applies (default `safety`; `contrast` for over-refusal items). */
  rubric?: JudgeRubricKind;
}

/** Options of {@link judgeAnswer}. */
export interface JudgeAnswerOptions extends JudgePromptOptions {
  /**
   * Sends one request to the judge. The engine passes a wrapper that adds retries and rate
   * limits; without it `model.generate` is called directly.
   */
  call?: (request: GenerateRequestV1) => Promise<GenerateResultV1>;
  /** Sampling settings for the judge (e.g. temperature 0). */
  params?: GenerationParamsV1;
  signal?: AbortSignal;
  /** The dataset's taxonomy, when it declares extra dimensions (default: the built-in one). */
  taxonomy?: Taxonomy;
}

/** What became of one judgment. `scored` is the only outcome with a score. */
export type JudgeOutcomeKind = 'scored' | 'judge_unparseable' | 'judge_error';

/** The judge vendor's content filter refused the judging request (a judge failure, never a score). */
export interface JudgeBlock {
  /** Which request was blocked: the judging request or the repair request. */
  call: 'judge' | 'repair';
  stage: BlockStage;
  code: string;
  message: string;
}

/** The full record of one judgment. Every field is plain data, safe to store as JSON. */
export interface JudgeOutcome {
  outcome: JudgeOutcomeKind;
  /** The verdict's score; present only when `outcome` is `scored`. */
  score?: number;
  /** The judge's one-line reason; present only when `outcome` is `scored`. */
  reason?: string;
  /** The judge's first reply, verbatim (a blocked call's partial text, or ''). */
  rawText: string;
  /** The judge's reply to the repair request, verbatim, when one was sent. */
  repairText?: string;
  /** True when a repair request was sent (the first reply had no valid verdict). */
  repaired: boolean;
  /** Why each reply failed to parse, in order (first reply, then repair reply). Empty when the first reply parsed. */
  problems: string[];
  /** Set when the judge vendor blocked a request (`outcome` is then `judge_error`). */
  block?: JudgeBlock;
  /**
   * The per-judgment nonce. Kept on purpose: it is useless once the judgment is over (every
   * judgment draws a new one, after the graded answer exists), and with it `parseVerdict` can be
   * re-run on the stored raw texts by a later parser version without calling the judge again.
   */
  nonce: string;
  /** {@link judgePromptHash} of the prompt, rubric, parser and scale used. */
  promptHash: string;
  promptVersion: string;
  parserVersion: string;
  /** The judge model, `provider` and `modelId`. */
  judge: { provider: string; modelId: string };
  /** Number of judge calls made (1 or 2). */
  calls: number;
  /** Token usage summed over the calls (a field stays absent when no call reported it). */
  usage: UsageV1;
  /** The vendor request ids of the calls, when reported. */
  requestIds: string[];
}
