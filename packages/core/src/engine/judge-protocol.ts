import type { ChatMessageV1, GenerateRequestV1, GenerateResultV1, LanguageModelV1, UsageV1 } from '@sc-safety/spec';
import type { EngineItem, JudgeVerdict } from './types.js';

/** What the engine asks of a judge implementation for one answer. */
export interface JudgeRequest {
  model: LanguageModelV1;
  item: EngineItem;
  round: 1 | 2;
  /** The conversation up to and including the user turn that was answered. */
  history: ChatMessageV1[];
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
  promptVersion: string;
  parserVersion: string;
  judge(task: JudgeRequest): Promise<JudgeTaskResult>;
}

/** How a panel's verdicts become one outcome. */
export type PanelAggregator = (verdicts: JudgeVerdict[]) => {
  outcome: 'scored' | 'judge_unparseable' | 'judge_error';
  score?: number;
  spread?: number;
  disagreement?: boolean;
};
