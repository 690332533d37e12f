import type { GenerateRequestV1, GenerateResultV1, LanguageModelV1, UsageV1 } from '@sc-safety/spec';
import type { EngineItem, JudgeVerdict } from './types.js';

/** What the engine asks of a judge implementation for one answer. */
export interface JudgeRequest {
  model: LanguageModelV1;
  item: EngineItem;
  /** The turn graded (1-based). */
  round: number;
  /**
   * The user turns asked, 1..round, as sent: the item's own turns (frozen) or the attacker's
   * (adaptive). The last one is the turn the graded answer replies to.
   */
  turns: readonly string[];
  /** The assistant turns the history carried before the graded one (round − 1 of them). */
  replies: readonly string[];
  /** The system prompt the conversation was sent with, when there was one. */
  system?: string;
  /** The answer being graded. */
  answer: string;
  /** The engine's call wrapper (retries, limits, timeouts) around `model.generate`. */
  call: (request: GenerateRequestV1) => Promise<GenerateResultV1>;
  signal?: AbortSignal;
}

export interface JudgeTaskResult {
  outcome: 'scored' | 'judge_unparseable' | 'judge_error';
  score?: number;
  reason?: string;
  rawText?: string;
  repairText?: string;
  repaired?: boolean;
  usage?: UsageV1;
  /** Set when the judge's own vendor blocked the judging request. */
  block?: { stage: string; code: string; message: string };
}

/**
 * The judging method: a prompt, a parser and their hash. The engine stays independent of the
 * rubric text; `promptHash` goes into every judgment's content address.
 */
export interface JudgeProtocol {
  promptHash: string;
  /**
   * The hash of the prompt that judges turns 3 and later (a multi-turn template), when it differs
   * from `promptHash`. Turns 1 and 2 keep `promptHash`, so SC-Safety pairs judge as before.
   */
  multiTurnPromptHash?: string;
  promptVersion: string;
  parserVersion: string;
  judge(task: JudgeRequest): Promise<JudgeTaskResult>;
}

/** The prompt hash a judgment of turn `round` is keyed and recorded under. */
export function promptHashFor(protocol: JudgeProtocol, round: number): string {
  return round >= 3 && protocol.multiTurnPromptHash !== undefined ? protocol.multiTurnPromptHash : protocol.promptHash;
}

/** How a panel's verdicts become one outcome. */
export type PanelAggregator = (verdicts: JudgeVerdict[]) => {
  outcome: 'scored' | 'judge_unparseable' | 'judge_error';
  score?: number;
  spread?: number;
  disagreement?: boolean;
};
